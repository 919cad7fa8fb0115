import type { MiddlewareHandler } from 'hono';
import { readConfig, type ProxyConfig, type ProxyVars } from '../config.js';
import type { ProxyEnv } from '../types.js';

/*
 * Parsed configs by Env object. Workers hands every request the same `env` object, so this
 * parses once per isolate; it holds deployment settings only, nothing about a user.
 */
const parsed = new WeakMap<object, ProxyConfig>();
/** The key of a request without `env` (Node tests). */
const NO_ENV = {};

/**
 * The parsed vars of `env`, parsed on first use of that `env` object.
 * @throws ConfigError when a var is missing or invalid (nothing is kept then).
 */
export function configOf(env: ProxyVars | undefined): ProxyConfig {
  const key: object = env ?? NO_ENV;
  let config = parsed.get(key);
  if (!config) {
    config = readConfig(env);
    parsed.set(key, config);
  }
  return config;
}

/** Parses the Worker vars into `c.get('config')` (once per `env` object). */
export function loadConfig(): MiddlewareHandler<ProxyEnv> {
  return async function loadConfig(c, next) {
    c.set('config', configOf(c.env));
    await next();
  };
}
