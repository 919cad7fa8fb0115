import { expect } from '@open-wc/testing';
import { control, startSim, token, type Sim } from '../../test/support/harness.js';
import { HttpClient, HttpError, type HttpErrorCode } from './http.js';

const TEMPLATES = '/odata/MailTemplate';

/** A client of the simulator's `/api` with `current` as its token and a 1 s timeout. */
function client(sim: Sim, current: { token: string | null }, refresh?: () => Promise<boolean>) {
  const refused: (string | null)[] = [];
  const http = new HttpClient({
    baseUrl: () => `${sim.restUrl}/api`,
    getToken: () => current.token,
    onUnauthorized: (used) => {
      refused.push(used);
      return refresh ? refresh() : Promise.resolve(false);
    },
    timeoutMs: () => 1000,
  });
  return { http, refused };
}

async function failure(promise: Promise<unknown>, what = 'request'): Promise<HttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, what).to.be.instanceOf(HttpError);
  return error as HttpError;
}

describe('HttpClient', () => {
  it('sends the bearer token and resolves with the parsed body', async () => {
    const sim = await startSim();
    const { http, refused } = client(sim, { token: await token(sim) });
    const body = (await http.request(TEMPLATES)) as { value: unknown[] };
    expect(body.value.length).to.be.greaterThan(0);
    expect(refused).to.deep.equal([]);
  });

  it('retries a refused request once with the token the refresh brought', async () => {
    const sim = await startSim();
    const current = { token: 'expired' as string | null };
    const fresh = await token(sim);
    const { http, refused } = client(sim, current, async () => {
      current.token = fresh;
      return true;
    });
    const body = (await http.request(TEMPLATES)) as { value: unknown[] };
    expect(Array.isArray(body.value)).to.equal(true);
    expect(refused).to.deep.equal(['expired']);
  });

  it('rejects with unauthorized when no new token comes', async () => {
    const sim = await startSim();
    const { http, refused } = client(sim, { token: 'expired' });
    const error = await failure(http.request(TEMPLATES));
    expect([error.code, error.status]).to.deep.equal(['unauthorized', 401]);
    expect(refused).to.deep.equal(['expired']);
  });

  it('turns each broken answer into one error code', async () => {
    const sim = await startSim();
    const { http } = client(sim, { token: await token(sim) });
    const cases: [Record<string, unknown>, HttpErrorCode, number][] = [
      [{ body: 'truncated' }, 'bad-body', 200],
      [{ body: 'html', status: 502 }, 'http', 502],
      [{ body: 'json', status: 500 }, 'http', 500],
      [{ status: 200, delayMs: 3000 }, 'timeout', 0],
      [{ status: 0, delayMs: 0 }, 'network', 0],
    ];
    for (const [fault, code, status] of cases) {
      // Several rules: Chromium itself retries a GET whose connection closed without an answer.
      await control(sim, 'fail', { route: 'MailTemplate', count: 5, ...fault });
      const error = await failure(http.request(TEMPLATES), JSON.stringify(fault));
      expect([error.code, error.status], JSON.stringify(fault)).to.deep.equal([code, status]);
      expect(error.message).to.not.contain('Bearer');
      await control(sim, 'clear-faults', {});
    }
  });

  it('aborts an older request with the same key, and every request on abortAll', async () => {
    const sim = await startSim();
    const { http } = client(sim, { token: await token(sim) });
    await control(sim, 'fail', { route: 'MailTemplate', count: 2, status: 200, delayMs: 800 });
    const older = failure(http.request(TEMPLATES, { key: 'templates' }));
    const newer = http.request(TEMPLATES, { key: 'templates' });
    expect((await older).code).to.equal('aborted');
    const other = failure(http.request(`${TEMPLATES}?x=1`));
    http.abortAll();
    expect((await other).code).to.equal('aborted');
    await failure(newer).then((error) => expect(error.code).to.equal('aborted'));
  });
});
