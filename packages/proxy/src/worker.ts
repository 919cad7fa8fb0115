/**
 * The Worker entry (`main` in wrangler.toml): the app, and the Durable Object class its
 * `SEND_KEYS` binding names. Kept apart from index.ts because `cloudflare:workers` only
 * exists inside workerd, and Node tests import index.ts.
 */
export { app as default } from './app.js';
export { SendKeys } from './send/keys.js';
