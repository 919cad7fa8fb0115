/**
 * REST-response fuzz: the conversations search answers a truncated JSON, a JSON of the wrong
 * type, an empty body or an HTML page (`POST /__sim/fail`). The inbox must show its error state
 * with a retry button, and retrying once the upstream is healthy again must show rows.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import {
  cleanup,
  control,
  shadow,
  simSession,
  startSim,
  text,
} from '../src/elements/shared/testing.js';
import '../src/chatomni-inbox.js';

declare const describe: (name: string, fn: () => void) => void;
declare const it: (name: string, fn: () => void | Promise<void>) => void;
declare const afterEach: (fn: () => void | Promise<void>) => void;

const BODIES = ['truncated', 'wrong-type', 'empty', 'html'] as const;

describe('REST response fuzz', () => {
  afterEach(cleanup);

  for (const body of BODIES) {
    it(`shows the error state for a '${body}' search answer and recovers on retry`, async () => {
      const sim = await startSim();
      const s = simSession(sim);
      // Enough rules for the first load and any automatic retries or catch-ups meanwhile.
      await control(sim, 'fail', { route: 'conversations/search', body, count: 50 });
      await s.login('demo', 'demo123');
      const el = await fixture<HTMLElement>(
        html`<chatomni-inbox style="height:600px" session=${s.name}></chatomni-inbox>`,
      );
      await waitUntil(
        () =>
          text(shadow(el).querySelector('[role="alert"] .error')) === 'Không tải được danh sách',
        `no error state for '${body}'`,
        { timeout: 10_000 },
      );
      expect(shadow(el).querySelectorAll('[role="option"]').length).to.equal(0);
      expect(s.listState.error).to.be.a('string');
      const retry = [...shadow(el).querySelectorAll('button')].find((b) => text(b) === 'Thử lại');
      expect(retry, 'retry button').to.not.equal(undefined);
      await control(sim, 'clear-faults', {});
      retry!.click();
      await waitUntil(
        () => shadow(el).querySelectorAll('[role="option"]').length > 0,
        `no rows after retry ('${body}')`,
        { timeout: 10_000 },
      );
      expect(s.listState.error).to.equal(null);
      expect(s.visibleConversations().length).to.equal(50);
    });
  }
});
