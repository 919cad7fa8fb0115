/** `/__sim/graph/*` on the REST port: break the Graph stand-in on purpose, count its sends. */
import { intIn } from '../control.js';
import { HttpError, field, json, objectBody, route, type Route } from '../rest/http.js';
import type { GraphErrorSpec } from './errors.js';
import type { GraphState } from './state.js';

function errorSpec(body: Record<string, unknown>): GraphErrorSpec | undefined {
  const error = field<Record<string, unknown>>(body, 'error', 'object');
  if (!error) return undefined;
  return {
    code: intIn(error.code, 'error.code', 1, 99_999_999),
    subcode:
      error.subcode === undefined
        ? undefined
        : intIn(error.subcode, 'error.subcode', 1, 99_999_999),
    message: field<string>(error, 'message', 'string'),
    type: field<string>(error, 'type', 'string'),
    status: error.status === undefined ? undefined : intIn(error.status, 'error.status', 400, 599),
  };
}

/** The control routes of the Graph stand-in (loopback only, like every `/__sim` route). */
export function graphControlRoutes(state: GraphState): Route[] {
  return [
    route(
      'POST',
      '/__sim/graph/fail',
      (req) => {
        const body = objectBody(req);
        const hang = field<boolean>(body, 'hang', 'boolean') ?? false;
        const error = errorSpec(body);
        if (hang && error)
          throw new HttpError(400, 'BadRequest', '"hang" and "error" exclude each other.');
        state.faults.push({
          remaining: intIn(body.count, 'count', 1, 1_000_000, 1),
          pageId: field<string>(body, 'pageId', 'string'),
          delayMs: intIn(body.delayMs, 'delayMs', 0, 600_000, 0),
          hang,
          afterSend: field<boolean>(body, 'afterSend', 'boolean') ?? false,
          error,
        });
        return json({ ok: true, pending: state.pendingFaults });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/graph/clear-faults',
      () => {
        state.faults = [];
        return json({ ok: true });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/graph/rate-limit',
      (req) => {
        const body = objectBody(req);
        state.rateLimit = {
          sends: intIn(body.sends, 'sends', 1, 1_000_000),
          perMs: intIn(body.perMs, 'perMs', 1, 86_400_000),
        };
        return json({ ok: true, ...state.rateLimit });
      },
      false,
    ),
    route(
      'GET',
      '/__sim/graph/sends',
      (req) => {
        const raw = req.query.get('limit');
        const limit = raw === null ? 50 : Number(raw);
        if (!Number.isInteger(limit) || limit < 0) {
          throw new HttpError(400, 'BadRequest', '"limit" must be an integer.');
        }
        return json({
          ...state.counters,
          pendingFaults: state.pendingFaults,
          sends: limit === 0 ? [] : state.sends.slice(-limit),
        });
      },
      false,
    ),
    route(
      'POST',
      '/__sim/graph/reset',
      () => {
        state.reset();
        return json({ ok: true });
      },
      false,
    ),
  ];
}
