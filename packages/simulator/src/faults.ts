/** Injected REST failures (`POST /__sim/fail`, and the REST half of `POST /__sim/outage`). */
import type { Reply } from './rest/http.js';

export type FaultBody = 'json' | 'truncated' | 'empty' | 'wrong-type' | 'html';

export interface FaultRule {
  remaining: number;
  /** 0 = no answer: the connection is destroyed after `delayMs`. */
  status: number;
  delayMs: number;
  /** Substring of the request path; empty = every route. */
  route: string;
  body: FaultBody;
}

/** What to do with one request. */
export interface FaultPlan {
  delayMs: number;
  /** Destroy the connection instead of answering. */
  hang: boolean;
  /** Answer this instead of running the handler. */
  replace?: Reply;
  /** Run the handler, then transform its answer. */
  transform?: (real: Reply) => Reply;
}

const HTML =
  '<!DOCTYPE html><html><head><title>TPOS</title></head><body><h1>Đăng nhập</h1></body></html>';

/** What every REST request gets during an outage: 503, as a proxy in front of a down upstream. */
const OUTAGE: FaultPlan = {
  delayMs: 0,
  hang: false,
  replace: {
    status: 503,
    body: { error: { code: 'SimulatedOutage', message: 'The upstream is down (simulated).' } },
  },
};

export class Faults {
  private rules: FaultRule[] = [];
  /** Epoch ms until which every REST request fails (an outage); 0 = none. */
  private downUntil = 0;
  /** Requests a rule or an outage was applied to since the last counter reset. */
  applied = 0;

  add(rule: FaultRule): void {
    this.rules.push(rule);
  }

  /** Every REST request answers 503 for `seconds` (0 ends an outage); rules wait meanwhile. */
  outage(seconds: number): void {
    this.downUntil = seconds > 0 ? Date.now() + seconds * 1000 : 0;
  }

  /** Drops the rules and ends an outage. */
  clear(): void {
    this.rules = [];
    this.downUntil = 0;
  }

  get pending(): number {
    return this.rules.reduce((n, r) => n + r.remaining, 0);
  }

  /** Takes one use of the first rule matching `path`, if any. */
  take(path: string): FaultPlan | undefined {
    if (Date.now() < this.downUntil) {
      this.applied += 1;
      return OUTAGE;
    }
    const rule = this.rules.find((r) => r.remaining > 0 && path.includes(r.route));
    if (!rule) return undefined;
    rule.remaining -= 1;
    this.applied += 1;
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return plan(rule);
  }
}

function plan(rule: FaultRule): FaultPlan {
  const base = { delayMs: rule.delayMs, hang: rule.status === 0 };
  if (base.hang) return base;
  const { status } = rule;
  switch (rule.body) {
    case 'html':
      return { ...base, replace: { status, raw: HTML, contentType: 'text/html; charset=utf-8' } };
    case 'empty':
      return {
        ...base,
        replace: { status, raw: '', contentType: 'application/json; charset=utf-8' },
      };
    case 'truncated':
      return {
        ...base,
        transform: (real) => {
          const text = real.raw ?? JSON.stringify(real.body ?? {});
          return { status, raw: text.slice(0, Math.floor(text.length / 2)) };
        },
      };
    case 'wrong-type':
      return { ...base, transform: (real) => ({ status, body: wrongType(real.body) }) };
    default:
      if (status >= 200 && status < 300) return base;
      return {
        ...base,
        replace: {
          status,
          body: { error: { code: 'SimulatedFailure', message: `Simulated ${status} failure.` } },
        },
      };
  }
}

/**
 * The same keys with values of the wrong type: arrays become strings, objects and strings
 * numbers, numbers and booleans strings.
 */
function wrongType(body: unknown): unknown {
  if (Array.isArray(body)) return { unexpected: 'object instead of an array' };
  if (!body || typeof body !== 'object') return [body];
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = 'not-an-array';
    else if (typeof v === 'string' || (v && typeof v === 'object')) out[k] = 42;
    else out[k] = String(v);
  }
  return out;
}
