/**
 * Debug output of the core (config `debug`): the seed's console patterns
 * (`✅ [CHAT] WebSocket connected: <id>`, `❌ [RT] WebSocket disconnected: <reason>`, ...).
 * Without `debug` nothing is printed. Tokens are never logged.
 */

/** Where the core writes its debug lines. */
export interface Logger {
  /** Connection lifecycle and events (console.log). */
  info(...args: unknown[]): void;
  /** Dropped or ignored payloads (console.debug). */
  debug(...args: unknown[]): void;
}

/** A logger that prints only while `enabled()` is true. */
export function createLogger(enabled: () => boolean): Logger {
  return {
    info: (...args) => {
      if (enabled()) console.log(...args);
    },
    debug: (...args) => {
      if (enabled()) console.debug(...args);
    },
  };
}
