import type { MiddlewareHandler } from 'hono';
import { readConfig, type ProxyConfig } from '../config.js';
import type { ProxyEnv } from '../types.js';

/*
 * Parsed configs by Env object. Workers hands every request the same `env` object, so this
 * parses once per isolate; it holds deployment settings only, nothing about a user.
 */
const parsed = new WeakMap<object, ProxyConfig>();

/** Parses the Worker vars into `c.get('config')` (once per `env` object). */
export function loadConfig(): MiddlewareHandler<ProxyEnv> {
  return async function loadConfig(c, next) {
    const env: object = c.env ?? {};
    let config = parsed.get(env);
    if (!config) {
      config = readConfig(c.env);
      parsed.set(env, config);
    }
    c.set('config', config);
    await next();
  };
}
