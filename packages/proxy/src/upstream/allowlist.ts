/**
 * The upstream paths the widgets need (PROTOCOL §4), and nothing else. A rule either
 * matches one exact path or everything under a prefix ending in `/`. Matching is
 * case-sensitive, so a differently-cased path is simply not found.
 */
export interface AllowRule {
  /** Exact path, or a prefix when it ends with `/`. */
  path: string;
  /** The methods the rule allows; any other method is a 405. */
  methods: readonly ('GET' | 'POST')[];
  /** The answer carries secrets: it is read whole and passed on without them (see secrets.ts). */
  stripSecrets?: boolean;
}

/** The allowlist, relative to the tenant origin. */
export const ALLOWLIST: readonly AllowRule[] = [
  // Conversations, messages, comments, mark seen.
  { path: '/api-ms/chatomni/', methods: ['GET', 'POST'] },
  // Facebook pages. TPOS answers with the pages' access tokens, which stay in the Worker.
  { path: '/odata/CRMTeam/ODataService.GetAllFacebook', methods: ['GET'], stripSecrets: true },
  { path: '/odata/SaleOnline_Facebook_Post/ODataService.GetCommentOrders', methods: ['GET'] },
  { path: '/odata/SaleOnline_Order', methods: ['POST'] },
  { path: '/odata/MailTemplate', methods: ['GET'] },
  { path: '/odata/ApplicationUser/ODataService.SwitchCompany', methods: ['POST'] },
  { path: '/rest/v2.0/chatomni/info/', methods: ['GET'] },
  { path: '/rest/v2.0/facebook-graph/comment/reply', methods: ['POST'] },
  { path: '/rest/v2.0/facebook-graph/comment/hide', methods: ['POST'] },
  { path: '/rest/v1.0/CRMActivityCampaign/order-campaign', methods: ['POST'] },
  { path: '/api/common/getpartnerstatus', methods: ['GET'] },
  { path: '/api/common/getstylestatusorder', methods: ['GET'] },
];

/** The rule for an upstream path, or undefined when the path is not allowed at all. */
export function findRule(
  path: string,
  rules: readonly AllowRule[] = ALLOWLIST,
): AllowRule | undefined {
  return rules.find((rule) =>
    rule.path.endsWith('/')
      ? path.startsWith(rule.path) && path.length > rule.path.length
      : path === rule.path,
  );
}

/** What any rule of {@link unsafePathReason} needs in a path to refuse it. */
// eslint-disable-next-line no-control-regex
const SUSPECT = /[%\\.\x00-\x1f\x7f]|\/\//;

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/**
 * Why a raw request path is unsafe to forward, or undefined when it is fine. Refuses
 * anything an upstream server might decode or normalize into a different path: dot
 * segments, empty segments (`//`), backslashes, and encoded `/`, `\`, `.`, `%` or
 * control characters.
 */
export function unsafePathReason(rawPath: string): string | undefined {
  // Most paths have nothing any rule below looks for: one test instead of eight.
  if (!SUSPECT.test(rawPath)) return undefined;
  if (rawPath.includes('\\') || /%5c/i.test(rawPath)) return 'backslashes are not allowed';
  if (/%2f/i.test(rawPath)) return 'encoded slashes are not allowed';
  if (/%2e/i.test(rawPath)) return 'encoded dots are not allowed';
  if (/%25/.test(rawPath)) return 'double encoding is not allowed';
  if (/%(?![0-9a-f]{2})/i.test(rawPath)) return 'malformed percent-encoding';
  if (/%[01][0-9a-f]|%7f/i.test(rawPath) || hasControlCharacter(rawPath)) {
    return 'control characters are not allowed';
  }
  if (rawPath.includes('//')) return 'empty path segments are not allowed';
  if (rawPath.split('/').some((segment) => segment === '.' || segment === '..')) {
    return 'dot segments are not allowed';
  }
  return undefined;
}
