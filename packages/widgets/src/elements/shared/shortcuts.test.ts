import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { ChatSession } from '../../session/session.js';
import { deepActiveElement } from '../../controllers/shortcuts-controller.js';
import {
  emit,
  idsOf,
  inboxAndThread,
  settled,
  shadow,
  signedIn,
  startSim,
  text,
} from '../../../test/support/harness.js';
import type { ChatomniInbox } from '../chatomni-inbox/chatomni-inbox.js';
import type { ChatomniThread } from '../chatomni-thread/chatomni-thread.js';
import '../chatomni-inbox/chatomni-inbox.js';
import '../chatomni-thread/chatomni-thread.js';

interface Page {
  s: ChatSession;
  inbox: ChatomniInbox;
  thread: ChatomniThread;
}

/** An inbox and a thread on one signed-in session, nothing focused. */
async function page(options: { lang?: string; noShortcuts?: boolean } = {}): Promise<Page> {
  const sim = await startSim();
  const s = await signedIn(sim);
  const { inbox, thread } = await inboxAndThread(s, options);
  (document.activeElement as HTMLElement | null)?.blur();
  return { s, inbox, thread };
}

/** The session's selection after the elements rendered it. */
async function press(p: Page, key: string): Promise<string | null> {
  await sendKeys({ press: key });
  await settled(p.inbox);
  await settled(p.thread);
  return p.s.selectedId;
}

const ids = (s: ChatSession) => s.visibleConversations().map((c) => c.id);
const part = (el: Element, name: string) =>
  shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);

/** Opens the first conversation and waits for its messages in the thread. */
async function openFirst(p: Page): Promise<void> {
  expect(await press(p, 'j')).to.equal(ids(p.s)[0]);
  await waitUntil(() => part(p.thread, 'message'), 'no messages', { timeout: 8000 });
}

describe('page-wide keyboard shortcuts', () => {
  describe('conversations', () => {
    it('should open the next and the previous conversation with J and K', async () => {
      const p = await page();
      const list = ids(p.s);
      const selected = oneEvent(p.inbox, 'chatomni-select');
      expect(await press(p, 'j')).to.equal(list[0]);
      expect((await selected).detail.conversationId).to.equal(list[0]);
      expect(await press(p, 'j')).to.equal(list[1]);
      expect(await press(p, 'J')).to.equal(list[2]);
      expect(await press(p, 'k')).to.equal(list[1]);
      expect(part(p.inbox, 'row-selected')!.dataset['index']).to.equal('1');
      // The thread follows the selection.
      await waitUntil(() => text(part(p.thread, 'name')) === p.s.conversation(list[1]!)!.name);
    });

    it('should open the next unread conversation with U, wrapping to the top', async () => {
      const p = await page();
      await press(p, 'j');
      const unread = () => p.s.visibleConversations().filter((c) => c.unreadCount > 0);
      const expected = unread().find((c) => c.id !== p.s.selectedId)!;
      expect(expected).to.not.equal(undefined);
      expect(await press(p, 'u')).to.equal(expected.id);
      // Opening marks it seen; the next U goes on to another one.
      await waitUntil(() => p.s.conversation(expected.id)!.unreadCount === 0, 'not seen');
      const next = unread().find((c) => c.id !== expected.id);
      if (next) expect(await press(p, 'u')).to.equal(next.id);
    });

    it('should put the focus in the search with /, where letters are typed, not obeyed', async () => {
      const p = await page();
      await press(p, 'j');
      const before = p.s.selectedId;
      await press(p, '/');
      const search = part(p.inbox, 'search') as HTMLInputElement;
      expect(deepActiveElement()).to.equal(search);
      expect(search.value).to.equal('');
      await sendKeys({ type: 'jk' });
      expect(search.value).to.equal('jk');
      expect(p.s.selectedId).to.equal(before);
    });

    it('should leave the inbox list keys alone', async () => {
      const p = await page();
      const list = shadow(p.inbox).querySelector<HTMLElement>('[role="listbox"]')!;
      list.focus();
      await press(p, 'ArrowDown');
      await press(p, 'ArrowDown');
      expect(list.getAttribute('aria-activedescendant')).to.equal('row-1');
      expect(p.s.selectedId).to.equal(null);
      expect(await press(p, 'Enter')).to.equal(ids(p.s)[1]);
      expect(await press(p, 'j')).to.equal(ids(p.s)[2]);
    });
  });

  describe('the thread', () => {
    it('should open the templates with T and close them with Esc, focus back on the button', async () => {
      const p = await page();
      await openFirst(p);
      await press(p, 't');
      await waitUntil(() => part(p.thread, 'panel'), 'no panel');
      const panel = part(p.thread, 'panel')!;
      expect(text(panel.querySelector('#panel-title'))).to.equal('Tin nhắn mẫu');
      await waitUntil(() => deepActiveElement() === panel, 'focus not in the panel');
      expect(part(p.thread, 'templates-button')!.getAttribute('aria-expanded')).to.equal('true');
      await press(p, 'Escape');
      expect(part(p.thread, 'panel')).to.equal(null);
      await waitUntil(() => deepActiveElement() === part(p.thread, 'templates-button'));
    });

    it('should open the customer info with I and the composer with R', async () => {
      const p = await page();
      await openFirst(p);
      const info = oneEvent(p.thread, 'chatomni-info');
      await press(p, 'i');
      await info;
      await settled(p.thread);
      expect(text(part(p.thread, 'panel')!.querySelector('#panel-title'))).to.equal(
        'Thông tin khách hàng',
      );
      await press(p, 'Escape');
      await press(p, 'r');
      const composer = shadow(p.thread).querySelector('textarea')!;
      expect(deepActiveElement()).to.equal(composer);
    });

    it('should ignore keys typed into the composer inside the shadow root', async () => {
      const p = await page();
      await openFirst(p);
      const before = p.s.selectedId;
      shadow(p.thread).querySelector('textarea')!.focus();
      await sendKeys({ type: 'jkut/?' });
      await settled(p.thread);
      expect(shadow(p.thread).querySelector('textarea')!.value).to.equal('jkut/?');
      expect(p.s.selectedId).to.equal(before);
      expect(part(p.thread, 'panel')).to.equal(null);
      expect(shadow(p.inbox).querySelector('dialog')).to.equal(null);
    });

    it('should ignore keys with Ctrl, Alt or Meta', async () => {
      const p = await page();
      await openFirst(p);
      const before = p.s.selectedId;
      for (const [modifier, key] of [
        ['Alt', 'j'],
        ['Control', 'j'],
        ['Meta', 'k'],
        ['Alt', 't'],
      ] as const) {
        await sendKeys({ down: modifier });
        await sendKeys({ press: key });
        await sendKeys({ up: modifier });
        await settled(p.thread);
        expect(p.s.selectedId).to.equal(before);
      }
      expect(part(p.thread, 'panel')).to.equal(null);
    });

    it('should close the enlarged image with Esc, leaving the panel open', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const c = s.visibleConversations()[0]!;
      s.select(c.id);
      const thread = await fixture<ChatomniThread>(
        html`<chatomni-thread style="height:400px" session=${s.name}></chatomni-thread>`,
      );
      const sent = await emit(sim, {
        conversationId: c.id,
        attachments: [{ type: 'image', url: `${sim.restUrl}/big.png` }],
      });
      // Pushed: shown under its socket id (another one than its REST id in `recorded`).
      const image = () =>
        shadow(thread).querySelector<HTMLElement>(
          idsOf(sent)
            .map((id) => `[data-id="${id}"] .att-image`)
            .join(),
        );
      await waitUntil(image, 'no image', { timeout: 8000 });
      const p = { s, inbox: thread as unknown as ChatomniInbox, thread };
      await press(p, 'i');
      image()!.click();
      await settled(thread);
      expect(shadow(thread).querySelector<HTMLDialogElement>('dialog.lightbox')!.open).to.equal(
        true,
      );
      await press(p, 'Escape');
      await waitUntil(() => !shadow(thread).querySelector('dialog.lightbox'), 'lightbox open');
      expect(part(thread, 'panel')).to.not.equal(null);
    });
  });

  describe('the ? dialog', () => {
    it('should list the shortcuts in a modal dialog and give the focus back on Esc', async () => {
      const p = await page();
      await openFirst(p);
      const info = part(p.thread, 'info-button')!;
      info.focus();
      await press(p, '?');
      const dialog = shadow(p.inbox).querySelector<HTMLDialogElement>('dialog.shortcuts')!;
      expect(dialog.open).to.equal(true);
      expect(dialog.matches(':modal')).to.equal(true);
      expect(dialog.getAttribute('aria-labelledby')).to.equal('shortcuts-title');
      expect(text(dialog.querySelector('h2'))).to.equal('Phím tắt');
      const lines = [...dialog.querySelectorAll('dl > div')].map((d) => text(d));
      expect(lines).to.deep.equal([
        'J Hội thoại tiếp theo',
        'K Hội thoại trước',
        'U Hội thoại chưa đọc tiếp theo',
        '/ Tìm kiếm hội thoại',
        'T Mở tin nhắn mẫu',
        'I Mở thông tin khách hàng',
        'R Soạn tin nhắn',
        'Esc Đóng bảng hoặc ảnh đang mở',
        '? Hiện danh sách phím tắt',
      ]);
      // The focus is in the dialog and stays there (the page behind is inert); keys there are
      // not shortcuts.
      expect(dialog.contains(deepActiveElement())).to.equal(true);
      await press(p, 'Tab');
      await press(p, 'j');
      expect(dialog.contains(deepActiveElement())).to.equal(true);
      expect(p.s.selectedId).to.equal(ids(p.s)[0]);
      await press(p, 'Escape');
      expect(shadow(p.inbox).querySelector('dialog')).to.equal(null);
      expect(deepActiveElement()).to.equal(info);
    });

    it('is accessible', async () => {
      const p = await page();
      await press(p, '?');
      const dialog = shadow(p.inbox).querySelector<HTMLDialogElement>('dialog.shortcuts')!;
      expect(dialog.open).to.equal(true);
      await expect(p.inbox).to.be.accessible();
    });

    it('should speak English with lang="en" and list only what the page can do', async () => {
      const sim = await startSim();
      const s = await signedIn(sim);
      const inbox = await fixture<ChatomniInbox>(
        html`<chatomni-inbox lang="en" style="height:400px" session=${s.name}></chatomni-inbox>`,
      );
      await waitUntil(() => shadow(inbox).querySelector('[role="option"]'), 'no rows', {
        timeout: 8000,
      });
      await sendKeys({ press: '?' });
      await settled(inbox);
      const dialog = shadow(inbox).querySelector('dialog.shortcuts')!;
      expect(text(dialog.querySelector('h2'))).to.equal('Keyboard shortcuts');
      expect([...dialog.querySelectorAll('dt')].map((d) => text(d))).to.deep.equal([
        'J',
        'K',
        'U',
        '/',
        '?',
      ]);
      expect(text(dialog.querySelector('dd'))).to.equal('Next conversation');
      expect(text(dialog.querySelector('button'))).to.equal('Close');
    });
  });

  describe('turning them off', () => {
    it('should do nothing with no-shortcuts on the elements', async () => {
      const p = await page({ noShortcuts: true });
      expect(p.inbox.hasAttribute('no-shortcuts')).to.equal(true);
      for (const key of ['j', 'u', '/', '?']) expect(await press(p, key)).to.equal(null);
      expect(shadow(p.inbox).querySelector('dialog')).to.equal(null);
      expect(deepActiveElement()).to.equal(null);
      p.inbox.noShortcuts = false;
      await p.inbox.updateComplete;
      expect(await press(p, 'j')).to.equal(ids(p.s)[0]);
    });

    it('should listen once per document however many elements, and stop with the last', async () => {
      const added: string[] = [];
      const removed: string[] = [];
      const add = document.addEventListener.bind(document);
      const remove = document.removeEventListener.bind(document);
      document.addEventListener = ((type: string, ...rest: [EventListener]) => {
        added.push(type);
        add(type, ...rest);
      }) as typeof document.addEventListener;
      document.removeEventListener = ((type: string, ...rest: [EventListener]) => {
        removed.push(type);
        remove(type, ...rest);
      }) as typeof document.removeEventListener;
      try {
        const sim = await startSim();
        const s = await signedIn(sim);
        const wrap = await fixture<HTMLDivElement>(
          html`<div>
            <chatomni-inbox style="height:300px" session=${s.name}></chatomni-inbox>
            <chatomni-inbox style="height:300px" session=${s.name}></chatomni-inbox>
            <chatomni-thread style="height:300px" session=${s.name}></chatomni-thread>
          </div>`,
        );
        const [first] = wrap.querySelectorAll('chatomni-inbox');
        await waitUntil(() => shadow(first!).querySelector('[role="option"]'), 'no rows', {
          timeout: 8000,
        });
        expect(added.filter((t) => t === 'keydown')).to.deep.equal(['keydown']);
        // Two inboxes on one session: J moves one row, not two.
        await sendKeys({ press: 'j' });
        await sendKeys({ press: 'j' });
        expect(s.selectedId).to.equal(ids(s)[1]);
        wrap.remove();
        expect(removed.filter((t) => t === 'keydown')).to.deep.equal(['keydown']);
      } finally {
        document.addEventListener = add;
        document.removeEventListener = remove;
      }
    });
  });
});
