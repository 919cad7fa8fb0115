/**
 * REST-response fuzz: the conversations search or a thread's messages answer a truncated JSON,
 * a JSON of the wrong type, an empty body or an HTML page (`POST /__sim/fail`). The inbox and
 * the thread must show their error state with a retry button, and retrying once the upstream
 * is healthy again must show rows or messages.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { control, shadow, signedIn, session, startSim, text, type Sim } from './support/harness.js';
import '../src/chatomni-inbox.js';
import '../src/chatomni-thread.js';

const BODIES = ['truncated', 'wrong-type', 'empty', 'html'] as const;
/** What each broken answer is reported as (an HTML page comes with a 502). */
const CODES = {
  truncated: 'bad-body',
  'wrong-type': 'bad-body',
  empty: 'bad-body',
  html: 'server',
};

/** Heals the simulator and clicks the element's "Thử lại" (retry) button. */
async function retryWhenHealthy(sim: Sim, el: HTMLElement): Promise<void> {
  const retry = [...shadow(el).querySelectorAll('button')].find((b) => text(b) === 'Thử lại');
  expect(retry, 'retry button').to.not.equal(undefined);
  await control(sim, 'clear-faults', {});
  retry!.click();
}

describe('REST response fuzz', () => {
  for (const body of BODIES) {
    it(`shows the error state for a '${body}' search answer and recovers on retry`, async () => {
      const sim = await startSim();
      const s = session(sim);
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
      expect(s.listState.error).to.equal(CODES[body]);
      await retryWhenHealthy(sim, el);
      await waitUntil(
        () => shadow(el).querySelectorAll('[role="option"]').length > 0,
        `no rows after retry ('${body}')`,
        { timeout: 10_000 },
      );
      expect(s.listState.error).to.equal(null);
      expect(s.visibleConversations().length).to.equal(50);
    });
  }

  for (const body of BODIES) {
    it(`shows the thread's error state for a '${body}' messages answer and recovers on retry`, async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const el = await fixture<HTMLElement>(
        html`<chatomni-thread style="height:500px" session=${s.name}></chatomni-thread>`,
      );
      const target = s.visibleConversations().find((c) => c.kinds.includes('message'))!;
      await control(sim, 'fail', { route: '/messages', body, count: 50 });
      s.select(target.id);
      await waitUntil(
        () => text(shadow(el).querySelector('[role="alert"] .error')) === 'Không tải được tin nhắn',
        `no thread error state for '${body}'`,
        { timeout: 10_000 },
      );
      await retryWhenHealthy(sim, el);
      await waitUntil(
        () => shadow(el).querySelectorAll('[part~="message"]').length > 0,
        `no messages after retry ('${body}')`,
        { timeout: 10_000 },
      );
      expect(s.thread(target.id)?.error ?? null).to.equal(null);
    });
  }
});
