import { aTimeout, expect, fixture, html, waitUntil } from '@open-wc/testing';
import { resetMouse, sendMouse } from '@web/test-runner-commands';
import type { NotifyController } from '../../controllers/notify-controller.js';
import { MUTE_KEY } from '../../controllers/notify-controller.js';
import type { ChatSession } from '../../session/session.js';
import {
  emit,
  settled,
  shadow,
  signedIn,
  startSim,
  type Sim,
} from '../../../test/support/harness.js';
import { LIST_SPACING, type ChatomniInbox } from './chatomni-inbox.js';
import './chatomni-inbox.js';

const notifier = (el: ChatomniInbox) => (el as unknown as { notifier: NotifyController }).notifier;
const bell = (el: ChatomniInbox) => shadow(el).querySelector<HTMLButtonElement>('[part~="sound"]');

async function inbox(s: ChatSession, notify = true): Promise<ChatomniInbox> {
  const el = await fixture<ChatomniInbox>(
    html`<chatomni-inbox
      ?notify=${notify}
      style="height:400px"
      session=${s.name}
    ></chatomni-inbox>`,
  );
  await waitUntil(() => shadow(el).querySelector('[role="option"]'), 'no rows', { timeout: 8000 });
  return el;
}

/** Clicks the middle of `el` with the real mouse: a user gesture for the browser. */
async function realClick(el: Element): Promise<void> {
  const r = el.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)],
  });
}

/**
 * Counts the beeps (oscillators started) while the page is hidden, with the new customer
 * message `emit`ted; the sound itself is real.
 */
async function beepsFor(
  sim: Sim,
  s: ChatSession,
  el: ChatomniInbox,
  expected: number,
): Promise<number> {
  let beeps = 0;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args: [number?]) {
    beeps++;
    return start.apply(this, args);
  };
  Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
  try {
    const sent = await emit(sim, { text: 'Shop ơi' });
    await waitUntil(() => s.visibleConversations()[0]?.id === sent.ConversationId, 'no event', {
      timeout: 8000,
    });
    // The inbox renders a busy session's changes at most every LIST_SPACING ms: wait for the
    // beep it should make, or (none expected) for the render that would have made one.
    if (expected) await waitUntil(() => beeps >= expected, 'no beep', { timeout: 3000 });
    else await aTimeout(LIST_SPACING * 2).then(() => settled(el));
    return beeps;
  } finally {
    OscillatorNode.prototype.start = start;
    delete (document as unknown as Record<string, unknown>).visibilityState;
  }
}

describe('<chatomni-inbox> notification sound', () => {
  afterEach(async () => {
    localStorage.removeItem(MUTE_KEY);
    await resetMouse();
  });

  it('should start the audio on the first click, so the beep plays while hidden', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await inbox(s);
    // No gesture yet: a browser would keep the audio suspended.
    expect(notifier(el).soundReady).to.equal(false);
    await realClick(shadow(el).querySelector('.toolbar')!);
    await waitUntil(() => notifier(el).soundReady, 'audio not running after a click');
    expect(await beepsFor(sim, s, el, 1)).to.equal(1);
  });

  it('should mute and unmute the beep with the bell, remembering the choice', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await inbox(s);
    const button = bell(el)!;
    expect(button.getAttribute('aria-label')).to.equal('Âm báo tin nhắn mới');
    expect(button.getAttribute('aria-pressed')).to.equal('true');
    await realClick(button);
    await settled(el);
    expect(button.getAttribute('aria-pressed')).to.equal('false');
    expect(localStorage.getItem(MUTE_KEY)).to.equal('1');
    expect(await beepsFor(sim, s, el, 0)).to.equal(0);
    await expect(el).to.be.accessible();

    // Another inbox (a reload) starts muted; unmuting starts the audio at once.
    el.remove();
    const again = await inbox(s);
    expect(bell(again)!.getAttribute('aria-pressed')).to.equal('false');
    await realClick(bell(again)!);
    await settled(again);
    expect(bell(again)!.getAttribute('aria-pressed')).to.equal('true');
    expect(localStorage.getItem(MUTE_KEY)).to.equal(null);
    await waitUntil(() => notifier(again).soundReady, 'audio not running after unmuting');
  });

  it('should show no bell without notify', async () => {
    const sim = await startSim();
    const s = await signedIn(sim);
    const el = await inbox(s, false);
    expect(bell(el)).to.equal(null);
  });
});
