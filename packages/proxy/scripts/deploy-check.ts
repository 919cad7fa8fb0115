/**
 * What `npm run deploy` checks before anything is built or uploaded: that the environment
 * being deployed names its shop and the sites allowed to call it, points at TLS upstreams,
 * and declares the bindings the Worker needs (bindings are not inherited by environments).
 */
import { unstable_readConfig } from 'wrangler';
import { ConfigError, readConfig, type ProxyVars } from '../src/config.js';

/** The part of `wrangler deploy`'s arguments the check needs. */
export interface DeployTarget {
  /** wrangler.toml path. */
  config: string;
  /** `--env` (or `CLOUDFLARE_ENV`); undefined = the top level (production). */
  env?: string;
  /** `--var NAME:VALUE` overrides, as wrangler applies them on deploy. */
  vars: Record<string, string>;
}

/** What this check reads of wrangler's resolved config of one environment. */
export interface WranglerConfig {
  vars: Record<string, unknown>;
  durable_objects: { bindings: { name: string }[] };
  ratelimits: { name: string; namespace_id: string; simple: { limit: number; period: number } }[];
  secrets?: { required?: string[] };
}

/** The secrets every deployed environment must require (wrangler then checks they are set). */
const REQUIRED_SECRETS = [{ name: 'SESSION_KEY', why: 'the sign-in cookie key' }] as const;

/** The bindings every deployed environment must declare. */
const REQUIRED_BINDINGS = [
  { name: 'SEND_KEYS', table: 'durable_objects.bindings', why: 'POST /api/send keys' },
  { name: 'TOKEN_LIMIT_IP', table: 'ratelimits', why: 'the login rate limit per IP' },
  { name: 'TOKEN_LIMIT_USER', table: 'ratelimits', why: 'the login rate limit per user' },
] as const;

/**
 * Reads `--env`/`-e`, `--config`/`-c` and `--var` from `wrangler deploy` arguments (both
 * `--flag value` and `--flag=value`; `--var` takes one or more `NAME:VALUE`).
 */
export function deployTarget(args: readonly string[], defaultConfig: string): DeployTarget {
  const target: DeployTarget = { config: defaultConfig, vars: {} };
  const envFromShell = process.env.CLOUDFLARE_ENV?.trim();
  if (envFromShell) target.env = envFromShell;
  for (let i = 0; i < args.length; i++) {
    const [flag = '', inline] = (args[i] ?? '').split(/=(.*)/s, 2);
    const values = inline !== undefined ? [inline] : [];
    if (inline === undefined) {
      while (i + 1 < args.length && !args[i + 1]?.startsWith('-')) {
        values.push(args[++i] ?? '');
        if (flag !== '--var') break;
      }
    }
    if (flag === '--env' || flag === '-e') target.env = values[0] || undefined;
    if (flag === '--config' || flag === '-c') target.config = values[0] ?? target.config;
    if (flag === '--var') {
      for (const pair of values) {
        const at = pair.indexOf(':');
        if (at > 0) target.vars[pair.slice(0, at)] = pair.slice(at + 1);
      }
    }
  }
  return target;
}

/** `https://a.example` stays; `https://a.example/x`, `a.example` and `*.example` do not. */
function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === entry;
  } catch {
    return false;
  }
}

/**
 * Why `target` must not be deployed; empty when it may. Each problem names the var or
 * binding and says where to set it, never a value.
 */
export function deployProblems(target: DeployTarget): string[] {
  const where = target.env ? `[env.${target.env}.vars]` : '[vars]';
  if (target.env === 'dev') {
    return [
      'The dev environment points at the local simulator and is never deployed: deploy the ' +
        'top level (`npm run deploy`) or a tenant environment (`npm run deploy -- --env <tenant>`).',
    ];
  }
  // Typed here: wrangler's declarations take Config from a package it does not ship.
  const config: WranglerConfig = unstable_readConfig(
    { config: target.config, env: target.env },
    { hideWarnings: true },
  );
  const vars: Record<string, string> = {};
  for (const [name, value] of Object.entries(config.vars)) {
    if (typeof value === 'string') vars[name] = value;
  }
  Object.assign(vars, target.vars);
  const problems: string[] = [];
  if (!vars.TPOS_API_BASE?.trim()) {
    problems.push(
      `TPOS_API_BASE is not set: the shop's TPOS origin (e.g. https://<shop>.tpos.vn), in ` +
        `${where} of wrangler.toml or as --var TPOS_API_BASE:<origin>.`,
    );
  }
  const origins = vars.ALLOWED_ORIGINS?.split(',').map((entry) => entry.trim().replace(/\/+$/, ''));
  if (!origins?.some(Boolean)) {
    problems.push(
      `ALLOWED_ORIGINS is not set: the origins of the admin sites that embed the widgets, ` +
        `comma-separated (the proxy's own origin if only its pages use it), in ${where}.`,
    );
  } else {
    for (const entry of origins.filter(Boolean)) {
      if (entry !== '*' && !isOrigin(entry)) {
        problems.push(
          `ALLOWED_ORIGINS has an entry that is not an origin like https://admin.shop.vn.`,
        );
        break;
      }
    }
  }
  if (problems.length === 0) {
    try {
      const parsed = readConfig(vars as ProxyVars);
      const tls: [string, URL, string][] = [
        ['TPOS_API_BASE', parsed.apiBase, 'https:'],
        ['TPOS_RT_WS', parsed.wsTargets.rt, 'wss:'],
        ['TPOS_CHAT_WS', parsed.wsTargets.chat, 'wss:'],
        ['GRAPH_API_BASE', parsed.graphBase, 'https:'],
      ];
      for (const [name, url, scheme] of tls) {
        if (url.protocol !== scheme) {
          problems.push(
            `${name} must use ${scheme} when deployed (passwords and tokens cross it).`,
          );
        }
      }
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(`${error.message} (in ${where}).`);
    }
  }
  const declared = {
    'durable_objects.bindings': config.durable_objects.bindings.map((b) => b.name),
    ratelimits: config.ratelimits.map((b) => b.name),
  };
  const table = (name: string) => (target.env ? `[[env.${target.env}.${name}]]` : `[[${name}]]`);
  for (const binding of REQUIRED_BINDINGS) {
    if (!declared[binding.table].includes(binding.name)) {
      problems.push(
        `${table(binding.table)} ${binding.name} is missing (${binding.why}); environments ` +
          'do not inherit bindings.',
      );
    }
  }
  const secrets = config.secrets?.required ?? [];
  for (const secret of REQUIRED_SECRETS) {
    if (!secrets.includes(secret.name)) {
      problems.push(
        `${target.env ? `[env.${target.env}.secrets]` : '[secrets]'} required lacks ` +
          `${secret.name} (${secret.why}); environments do not inherit it.`,
      );
    }
  }
  return problems;
}
