import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { envelope, json, testEnv } from './support/env.js';
import { CLEARED_COOKIE } from './support/sign-in.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

const FORM = 'application/x-www-form-urlencoded';
const lines: string[] = [];
const app = createApp({ log: (line) => lines.push(line) });
let upstream: TestUpstream;
let env: Env;

before(async () => {
  upstream = await startUpstream();
  env = testEnv({ TPOS_API_BASE: upstream.url });
});
after(() => upstream.close());
beforeEach(() => {
  upstream.received.length = 0;
  upstream.respond({});
});

function post(body: string, headers: Record<string, string> = { 'content-type': FORM }) {
  return app.request('/api/token', { method: 'POST', headers, body }, env);
}

describe('POST /api/token', () => {
  it('forwards a password grant to /token with a clean header set', async () => {
    const body =
      'client_id=tmtWebApp&grant_type=password&username=demo&password=demo123&scope=profile';
    upstream.respond({
      body: { access_token: 'jwt-a', token_type: 'bearer', expires_in: 1295999 },
      headers: { 'set-cookie': 'ARRAffinity=x' },
    });
    const res = await post(body, {
      'content-type': `${FORM}; charset=UTF-8`,
      accept: 'application/json',
      cookie: 'a=b',
      authorization: 'Bearer someone-else',
      'sec-fetch-mode': 'navigate',
      'cf-ipcountry': 'VN',
    });
    assert.equal(res.status, 200);
    assert.deepEqual(await json(res), {
      access_token: 'jwt-a',
      token_type: 'bearer',
      expires_in: 1295999,
    });
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // Not TPOS's cookie: the proxy's own sign-in cookie, cleared (the box was not ticked).
    assert.equal(res.headers.get('set-cookie'), CLEARED_COOKIE);
    const [got] = upstream.received;
    assert.equal(got?.method, 'POST');
    assert.equal(got?.url, '/token');
    assert.equal(got?.body, body);
    const origin = new URL(upstream.url).origin;
    assert.equal(got?.headers['content-type'], FORM);
    assert.equal(got?.headers.accept, 'application/json');
    assert.equal(got?.headers.origin, origin);
    assert.equal(got?.headers.referer, `${origin}/`);
    assert.equal(got?.headers.authorization, undefined);
    assert.equal(got?.headers.cookie, undefined);
    assert.equal(got?.headers['cf-ipcountry'], undefined);
    assert.notEqual(got?.headers['sec-fetch-mode'], 'navigate');
  });

  it('refuses a refresh grant from the browser: refreshing uses the sign-in cookie', async () => {
    const res = await post('grant_type=refresh_token&refresh_token=r1&client_id=tmtWebApp');
    assert.equal(res.status, 400);
    assert.deepEqual(
      await json(res),
      envelope(
        'bad_request',
        'grant_type=refresh_token is not accepted: refresh with POST /api/token/refresh',
      ),
    );
    assert.equal(upstream.received.length, 0);
  });

  it('passes an upstream refusal through unchanged', async () => {
    upstream.respond({ status: 400, body: '{"error":"invalid_grant","error_description":"bad"}' });
    const res = await post('grant_type=password&username=demo&password=wrong');
    assert.equal(res.status, 400);
    assert.equal(await res.text(), '{"error":"invalid_grant","error_description":"bad"}');
  });

  it('answers 400 naming what is wrong, without calling upstream or echoing values', async () => {
    const cases: [string, Record<string, string>, string][] = [
      [
        '{"grant_type":"password"}',
        { 'content-type': 'application/json' },
        'Content-Type must be application/x-www-form-urlencoded',
      ],
      [
        'grant_type=password&username=u&password=p',
        {},
        'Content-Type must be application/x-www-form-urlencoded',
      ],
      ['username=u&password=p', { 'content-type': FORM }, 'grant_type must be password'],
      [
        'grant_type=client_credentials&client_secret=s3cret',
        { 'content-type': FORM },
        'grant_type must be password',
      ],
      [
        'grant_type=password&username=demo',
        { 'content-type': FORM },
        'grant_type=password requires password',
      ],
      [
        'grant_type=password&password=s3cret',
        { 'content-type': FORM },
        'grant_type=password requires username',
      ],
      [
        'grant_type=password&username=demo&password=p&remember=yes',
        { 'content-type': FORM },
        'remember must be 1 or 0',
      ],
      [
        'grant_type=password&username=demo&password=p&remember=1&remember=0',
        { 'content-type': FORM },
        'remember must be 1 or 0',
      ],
    ];
    for (const [body, headers, message] of cases) {
      const res = await post(body, headers);
      assert.equal(res.status, 400, body);
      assert.deepEqual(await json(res), envelope('bad_request', message), body);
    }
    assert.equal(upstream.received.length, 0);
  });

  it('answers 405 with Allow: POST to other methods', async () => {
    for (const method of ['GET', 'PUT', 'DELETE']) {
      const res = await app.request('/api/token', { method }, env);
      assert.equal(res.status, 405, method);
      assert.equal(res.headers.get('allow'), 'POST');
    }
  });

  it('logs the upstream status and keeps usernames, passwords and tokens out of the log', async () => {
    lines.length = 0;
    upstream.respond({ body: { access_token: 'jwt-secret-b', refresh_token: 'refresh-secret' } });
    await (await post('grant_type=password&username=shopowner&password=pw-secret-1')).text();
    await (await post('grant_type=password&username=shopowner&password=pw-secret-2')).text();
    assert.equal(lines.length, 2);
    for (const line of lines) {
      assert.match(
        line,
        /^\{"requestId":"[0-9a-f-]{36}","method":"POST","route":"\/api\/token","status":200,"upstreamStatus":200,"durationMs":\d+\}$/,
      );
    }
  });
});
