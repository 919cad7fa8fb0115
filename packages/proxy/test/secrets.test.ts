import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createApp } from '../src/app.js';
import { SECRET_FIELDS, withoutSecrets } from '../src/upstream/secrets.js';
import { envelope, json, testEnv } from './support/env.js';
import { startUpstream, type TestUpstream } from './support/upstream.js';

const PATH = '/api/odata/CRMTeam/ODataService.GetAllFacebook?$expand=Childs';
const app = createApp({ log: () => {} });
let upstream: TestUpstream;
let env: Env;

/** The fields of a page the widgets read. */
function visible(id: string) {
  return {
    Id: Number(id),
    Name: `Page ${id}`,
    ChannelId: id,
    Facebook_PageId: id,
    Facebook_PageName: `Page ${id}`,
    Facebook_PageLogo: `https://img.example/${id}.png`,
    Type: 'Facebook',
  };
}

/** A page as TPOS answers it: every named secret field set to a recognisable value. */
function page(id: string, extra: Record<string, unknown> = {}) {
  const secrets = Object.fromEntries(SECRET_FIELDS.map((name) => [name, `SECRET-${name}-${id}`]));
  return {
    ...visible(id),
    ...secrets,
    Zalo_AccessToken: `SECRET-zalo-${id}`,
    Zalo_RefreshToken: `SECRET-zalo-refresh-${id}`,
    AppSecret: `SECRET-app-${id}`,
    tokenHint: `SECRET-hint-${id}`,
    ...extra,
  };
}

before(async () => {
  upstream = await startUpstream();
  env = testEnv({ TPOS_API_BASE: upstream.url });
});
after(() => upstream.close());
beforeEach(() => upstream.respond({}));

describe('withoutSecrets', () => {
  it('drops named and *Token / *Secret fields at any depth and keeps everything else', () => {
    const input = {
      value: [
        {
          Id: 1,
          Facebook_UserToken: 'u',
          Childs: [{ Id: 2, Facebook_PageToken: 'p', Childs: [{ Id: 3, ShopToken: 's' }] }],
          Settings: { ZaloSecretKey: 'z', Nested: [[{ ChannelRefreshToken: 'r', Keep: 0 }]] },
          Empty: null,
        },
      ],
    };
    assert.deepEqual(withoutSecrets(input), {
      value: [
        {
          Id: 1,
          Childs: [{ Id: 2, Childs: [{ Id: 3 }] }],
          Settings: { Nested: [[{ Keep: 0 }]] },
          Empty: null,
        },
      ],
    });
  });

  it('leaves primitives and arrays of primitives alone', () => {
    assert.equal(withoutSecrets('token'), 'token');
    assert.deepEqual(withoutSecrets([1, 'Token', null, true]), [1, 'Token', null, true]);
  });
});

describe('GetAllFacebook through /api/*', () => {
  it('passes the pages on without a single token or secret, at any depth', async () => {
    const team = {
      Id: 10,
      Name: 'Facebook - Shop',
      Facebook_UserToken: 'SECRET-user',
      OwnerToken: 'SECRET-owner',
      Childs: [page('111', { Childs: [page('222')] }), page('333')],
    };
    upstream.respond({
      headers: { etag: '"abc"' },
      body: { '@odata.context': 'ctx', value: [team] },
    });
    const res = await app.request(PATH, { headers: { authorization: 'Bearer t' } }, env);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/json; charset=utf-8');
    assert.equal(res.headers.get('etag'), null);
    const text = await res.text();
    assert.equal(text.includes('SECRET'), false, text);
    assert.deepEqual(JSON.parse(text), {
      '@odata.context': 'ctx',
      value: [
        {
          Id: 10,
          Name: 'Facebook - Shop',
          Childs: [{ ...visible('111'), Childs: [visible('222')] }, visible('333')],
        },
      ],
    });
  });

  it('passes an upstream error status with its JSON body cleaned', async () => {
    upstream.respond({
      status: 400,
      body: { error: { code: 'X', message: 'm', Token: 'SECRET' } },
    });
    const res = await app.request(PATH, {}, env);
    assert.equal(res.status, 400);
    assert.deepEqual(await json(res), { error: { code: 'X', message: 'm' } });
  });

  it('passes an empty 401 as it is, so the widgets still refresh their token', async () => {
    upstream.respond({ status: 401, body: '' });
    const res = await app.request(PATH, {}, env);
    assert.equal(res.status, 401);
    assert.equal(await res.text(), '');
  });

  it('drops a non-JSON error body and refuses a non-JSON success with 502', async () => {
    upstream.respond({ status: 500, body: '<html>Facebook_PageToken=SECRET</html>' });
    const failed = await app.request(PATH, {}, env);
    assert.equal(failed.status, 500);
    assert.equal(await failed.text(), '');
    upstream.respond({ status: 200, body: 'Facebook_PageToken=SECRET' });
    const odd = await app.request(PATH, {}, env);
    assert.equal(odd.status, 502);
    assert.deepEqual(await json(odd), envelope('bad_gateway', 'The upstream answer is not JSON'));
  });

  it('refuses an answer over 4 MiB with 502 instead of passing it unchecked', async () => {
    const pages = Array.from({ length: 20_000 }, (_, i) => page(String(1000 + i)));
    upstream.respond({ body: { value: [{ Id: 1, Childs: pages }] } });
    const res = await app.request(PATH, {}, env);
    assert.equal(res.status, 502);
    assert.deepEqual(await json(res), envelope('bad_gateway', 'The upstream answer is too large'));
  });
});
