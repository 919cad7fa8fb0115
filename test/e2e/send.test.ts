/**
 * Answering a customer from the demo page, end to end: Chromium drives the demo served by the
 * proxy in workerd, which sends through the simulator's Graph stand-in. A text and an image are
 * sent from the thread's composer; each is posted once and shown once (its echo in place of the
 * "Đang gửi…" bubble), and no response the browser received (HTTP bodies and WebSocket frames,
 * from the first request on) contains a page token or any other token TPOS holds for the pages.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  cspViolations,
  eventLog,
  inboxRows,
  login,
  openDemo,
  sessionView,
  shadowText,
  simControl,
  startStack,
  waitUntil,
  type DemoPage,
  type E2EStack,
} from '../stack/index.js';

/** A 1×1 PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

interface GraphSends {
  received: number;
  succeeded: number;
  sends: { kind: string; text?: string; outcome: string; tokenInUrl: boolean }[];
}

let stack: E2EStack;
let demo: DemoPage;
let page: Page;
/** Every response body and WebSocket frame the page received, as text. */
const received: { url: string; body: string }[] = [];
/** The tokens TPOS hands out with the pages (read from the simulator directly). */
let secrets: string[] = [];
let openId: string;

/** How often `needle` occurs in `haystack`. */
const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Shop bubbles in the thread: outgoing ones (by local id) and stored ones (by message id). */
async function shopBubbles(): Promise<{ outgoing: number; blobImages: number; texts: string[] }> {
  return page.evaluate(() => {
    const root = document.querySelector('chatomni-thread')!.shadowRoot!;
    const out = [...root.querySelectorAll<HTMLElement>('.msg.out')];
    return {
      outgoing: out.filter((m) => m.dataset.outgoing).length,
      blobImages: root.querySelectorAll('.msg.out img[src^="blob:"]').length,
      texts: out.map((m) => m.querySelector(':scope > .bubble .text')?.textContent ?? ''),
    };
  });
}

/** The status line of the thread's shop bubble with `text`. */
async function statusOf(text: string): Promise<string> {
  return page.evaluate((text) => {
    const root = document.querySelector('chatomni-thread')!.shadowRoot!;
    const m = [...root.querySelectorAll<HTMLElement>('.msg.out')].find(
      (x) => x.querySelector(':scope > .bubble .text')?.textContent === text,
    );
    return m?.querySelector(':scope > .meta [part="send-status"]')?.textContent?.trim() ?? '';
  }, text);
}

describe('sending from the demo page, through the proxy in workerd, against the simulator', () => {
  before(async () => {
    stack = await startStack({ simulator: { conversations: 20, seed: 13 } });
    demo = await openDemo(stack.browser, stack.proxy.url, {
      beforeLoad: (p) => {
        p.on('response', (res) => {
          // Bodies of redirects and aborted requests cannot be read: nothing reached the page.
          void res
            .body()
            .then((b) => received.push({ url: res.url(), body: b.toString('utf8') }))
            .catch(() => undefined);
        });
        p.on('websocket', (ws) => {
          ws.on('framereceived', (f) => received.push({ url: ws.url(), body: String(f.payload) }));
        });
      },
    });
    page = demo.page;
    const token = stack.sim.login('demo').access_token;
    const res = await fetch(
      `${stack.sim.restUrl}/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const teams = (await res.json()) as {
      value: { Facebook_UserToken?: string; Childs: { Facebook_PageToken: string }[] }[];
    };
    secrets = teams.value.flatMap((t) => [
      ...(t.Facebook_UserToken ? [t.Facebook_UserToken] : []),
      ...t.Childs.map((p) => p.Facebook_PageToken),
    ]);
    // Every page's token; the rich profile also sends the team's user token, the recorded one
    // only the page tokens (docs/tpos-protocol.md §4.5).
    const pages = teams.value.flatMap((t) => t.Childs).length;
    assert.ok(
      pages >= 2 && secrets.length >= pages && secrets.every((s) => s.length > 20),
      'tokens to look for',
    );
  });

  after(async () => {
    await demo?.close();
    await stack?.close();
  });

  it('opens a conversation whose customer just wrote', async () => {
    await login(page);
    const target = (await sessionView(page)).order[2]!;
    openId = target.id;
    await simControl(stack.sim, 'emit', {
      conversationId: openId,
      kind: 'message',
      text: 'Shop ơi áo này còn size M không?',
    });
    await waitUntil(async () => (await inboxRows(page))[0]?.name === target.name, 'on top');
    await page.locator('chatomni-inbox [role="option"]').nth(0).click();
    await waitUntil(
      async () => (await shadowText(page, 'chatomni-thread')).includes('còn size M không?'),
      'the customer message in the thread',
    );
    assert.equal((await sessionView(page)).selectedId, openId);
  });

  it('sends a text: "Đã gửi", posted once, shown once', async () => {
    const text = `Dạ còn size M ạ ${Date.now().toString(36)}`;
    await page.locator('chatomni-thread textarea').fill(text);
    await page.locator('chatomni-thread [part="send"]').click();
    await waitUntil(async () => (await statusOf(text)) === 'Đã gửi', `"${text}" Đã gửi`);
    await waitUntil(async () => (await shopBubbles()).outgoing === 0, 'the echo in place');
    const graph = await simControl<GraphSends>(stack.sim, 'graph/sends');
    assert.deepEqual(
      graph.sends.filter((s) => s.text === text).map((s) => s.outcome),
      ['sent'],
    );
    assert.equal(occurrences(await shadowText(page, 'chatomni-thread'), text), 1);
    // The inbox renders a busy session's changes at most every 100 ms: it follows the thread.
    await waitUntil(
      async () => (await inboxRows(page))[0]?.last === `Bạn: ${text}`,
      'the row shows the reply',
    );
    const logged = (await eventLog(page)).find((e) => e.type === 'chatomni-send');
    assert.equal(logged?.text, `Gửi tin nhắn: “${text}”`);
  });

  it('sends an image: previewed first, posted once, shown once', async () => {
    await page.locator('chatomni-thread [part="attach"] input').setInputFiles({
      name: 'bang-size.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.locator('chatomni-thread [part="attachment"] img').waitFor();
    assert.equal(
      await page.locator('chatomni-thread [part="attachment"] img').getAttribute('alt'),
      'Ảnh sẽ gửi: bang-size.png',
    );
    await page.locator('chatomni-thread [part="send"]').click();
    await waitUntil(async () => {
      const graph = await simControl<GraphSends>(stack.sim, 'graph/sends');
      return graph.sends.some((s) => s.kind === 'image' && s.outcome === 'sent');
    }, 'the image posted');
    await waitUntil(async () => (await shopBubbles()).outgoing === 0, 'the image echo in place');
    assert.equal((await shopBubbles()).blobImages, 1);
    const graph = await simControl<GraphSends>(stack.sim, 'graph/sends');
    assert.equal(graph.sends.filter((s) => s.kind === 'image').length, 1);
  });

  it('still shows each exactly once after polls and catch-ups had their chance', async () => {
    // A settle, not a wait for an event: nothing should happen, which no condition can signal.
    await page.waitForTimeout(2500);
    const bubbles = await shopBubbles();
    assert.equal(bubbles.outgoing, 0);
    assert.equal(bubbles.blobImages, 1);
    const graph = await simControl<GraphSends>(stack.sim, 'graph/sends');
    const text = graph.sends.find((s) => s.kind === 'text')!.text!;
    assert.equal(bubbles.texts.filter((t) => t === text).length, 1);
    const ids = (await sessionView(page)).threadIds;
    assert.equal(new Set(ids).size, ids.length, 'thread ids unique');
    assert.deepEqual([graph.received, graph.succeeded], [2, 2]);
    assert.ok(
      graph.sends.every((s) => !s.tokenInUrl),
      'no token in a Graph URL',
    );
  });

  it('let no page token reach the browser', () => {
    const urls = received.map((r) => new URL(r.url).pathname);
    assert.ok(
      urls.some((u) => u.endsWith('ODataService.GetAllFacebook')),
      'the pages were read',
    );
    assert.equal(urls.filter((u) => u === '/api/send').length, 2, 'both sends answered');
    assert.ok(
      received.some((r) => r.url.startsWith('ws')),
      'socket frames were scanned',
    );
    for (const { url, body } of received) {
      for (const secret of secrets) assert.ok(!body.includes(secret), `a token in ${url}`);
      assert.doesNotMatch(body, /"[\w]*(Token|Secret)"\s*:/, `a token field in ${url}`);
    }
  });

  it('ran without uncaught errors or Content-Security-Policy violations', async () => {
    assert.deepEqual(demo.pageErrors, []);
    assert.deepEqual([...new Set(await cspViolations(page))], []);
  });
});
