/**
 * The stack the send tests run against: the real simulator (TPOS and its Graph stand-in)
 * and the proxy in workerd, plus helpers that keep every response they see, so a test can
 * check that no page token or bearer ever left the Worker.
 */
import { startSimulator, type RunningSimulator } from '@chatomni/simulator';
import { captureOutput, type OutputCapture } from './capture.js';
import { passwordGrant, startProxy, type RunningProxy } from './worker.js';

const DAY = 86_400_000;

/** A page of a user, with the token only the test (playing Facebook) may know. */
export interface TestPage {
  id: string;
  token: string;
}

/** A conversation: page, customer. */
export interface TestConversation {
  id: string;
  pageId: string;
  psid: string;
}

/** One answer the proxy gave, kept for the secrets scan. */
export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface SendStack {
  sim: RunningSimulator;
  proxy: RunningProxy;
  output: OutputCapture;
  /** Every answer of {@link SendStack.call}, in order. */
  answers: Answer[];
  /** Every page token and bearer seen, for the scans. */
  secrets: Set<string>;
  /** fetch against the proxy, keeping the answer. */
  call(path: string, init?: RequestInit): Promise<Answer>;
  /** `POST /api/send` with JSON. */
  send(
    bearer: string,
    key: string | undefined,
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<Answer>;
  /** Logs in through the proxy; returns the access token. */
  login(username: string, password: string): Promise<string>;
  /** The user's pages with their tokens, read from the simulator directly. */
  pages(bearer: string): Promise<TestPage[]>;
  /** The user's conversations through the proxy, newest first. */
  conversations(bearer: string): Promise<TestConversation[]>;
  /** POST to the simulator's control API. */
  control(path: string, body?: unknown): Promise<void>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  graphSends(): Promise<any>;
  stop(): Promise<void>;
}

/**
 * Starts the stack. The simulated history ends three days ago, so every generated
 * conversation is outside the 24-hour window until a test has its customer write.
 */
export async function startSendStack(): Promise<SendStack> {
  const output = captureOutput();
  const sim = await startSimulator({ conversations: 40, seed: 11, now: Date.now() - 3 * DAY });
  const ws = (url: string) => `ws://${new URL(url).host}`;
  const proxy = await startProxy({
    TPOS_API_BASE: new URL(sim.restUrl).origin,
    TPOS_RT_WS: ws(sim.rtUrl),
    TPOS_CHAT_WS: ws(sim.chatUrl),
    ALLOWED_ORIGINS: 'http://allowed.example',
    UPSTREAM_TIMEOUT_MS: '3000',
    GRAPH_API_BASE: sim.graphUrl,
  });
  const answers: Answer[] = [];
  const secrets = new Set<string>();
  const call = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const res = await fetch(`${proxy.url}${path}`, init);
    const text = await res.text();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const answer = { status: res.status, headers: res.headers, text, body };
    answers.push(answer);
    return answer;
  };
  const stack: SendStack = {
    sim,
    proxy,
    output,
    answers,
    secrets,
    call,
    send: (bearer, key, body, headers = {}) =>
      call('/api/send', {
        method: 'POST',
        headers: {
          authorization: `Bearer ${bearer}`,
          'content-type': 'application/json',
          ...(key === undefined ? {} : { 'idempotency-key': key }),
          ...headers,
        },
        body: JSON.stringify(body),
      }),
    async login(username, password) {
      const res = await call('/api/token', passwordGrant(username, password));
      secrets.add(res.body.access_token);
      secrets.add(res.body.refresh_token);
      return res.body.access_token as string;
    },
    async pages(bearer) {
      const path = '/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs';
      const res = await fetch(`${sim.restUrl}${path}`, {
        headers: { authorization: `Bearer ${bearer}` },
      });
      const body = (await res.json()) as {
        value: { Childs: { Facebook_PageId: string; Facebook_PageToken: string }[] }[];
      };
      const pages = body.value.flatMap((team) =>
        team.Childs.map((p) => ({ id: p.Facebook_PageId, token: p.Facebook_PageToken })),
      );
      for (const page of pages) secrets.add(page.token);
      return pages;
    },
    async conversations(bearer) {
      const res = await call('/api/api-ms/chatomni/v1/conversations/search', {
        method: 'POST',
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: JSON.stringify({ Limit: 200, Type: 'all' }),
      });
      return (res.body.Data as { Id: string; Channel: { Id: string }; User: { Id: string } }[]).map(
        (c) => ({ id: c.Id, pageId: c.Channel.Id, psid: c.User.Id }),
      );
    },
    async control(path, body = {}) {
      const res = await fetch(`${sim.restUrl}/__sim/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`control ${path}: ${res.status} ${await res.text()}`);
    },
    async graphSends() {
      return (await fetch(`${sim.restUrl}/__sim/graph/sends?limit=1000`)).json();
    },
    async stop() {
      await proxy.dispose();
      await sim.close();
      output.stop();
    },
  };
  return stack;
}
