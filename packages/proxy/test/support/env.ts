import type { ProxyVars } from '../../src/config.js';

/** A Worker `Env` for `app.request` tests: the vars given, no ASSETS binding (unused by routes). */
export function testEnv(vars: ProxyVars): Env {
  return { ...vars } as unknown as Env;
}

/** The parsed JSON body of a response. */
export async function json(response: Response): Promise<unknown> {
  return JSON.parse(await response.text()) as unknown;
}

/** `{"error":{"code","message"}}` for assertions. */
export function envelope(code: string, message: string) {
  return { error: { code, message } };
}
