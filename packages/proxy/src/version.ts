/** The proxy's version, reported by `GET /health`; kept equal to package.json by a test. */
export const PROXY_VERSION = '0.1.0';
