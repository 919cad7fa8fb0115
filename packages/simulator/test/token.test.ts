import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startSimulator, type RunningSimulator } from '../src/index.js';
import {
  CACHUA,
  TOKEN_ANSWER_KEYS,
  TOMATO,
  call,
  control,
  decodeJwt,
  keysOf,
  login,
  search,
} from './helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

describe('POST /token', () => {
  let sim: RunningSimulator;
  before(async () => {
    sim = await startSimulator({ conversations: 20 });
  });
  after(() => sim.close());

  it('answers the password grant with a TPOS-shaped token answer and JWT claims', async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: 'client_id=tmtWebApp&grant_type=password&username=demo&password=demo123&scope=profile',
    });
    assert.equal(res.status, 200);
    const body = res.body;
    assert.deepEqual(keysOf(body), TOKEN_ANSWER_KEYS);
    assert.equal(body.token_type, 'bearer');
    assert.equal(body.expires_in, 1295999);
    assert.equal(body.userName, 'demo');
    assert.match(
      body['.issued'],
      /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
    );
    const [head, , sig] = body.access_token.split('.');
    assert.deepEqual(JSON.parse(Buffer.from(head, 'base64url').toString()), {
      alg: 'HS256',
      typ: 'JWT',
    });
    assert.ok(sig.length > 20);
    const claims = decodeJwt(body.access_token);
    assert.equal(claims.ClientId, 'tmtWebApp');
    assert.equal(claims.TenantId, TOMATO);
    assert.equal(claims.CompanyId, '1');
    assert.equal(claims.DisplayName, 'Nguyễn Thu Hà');
    assert.ok(Array.isArray(claims.RoleIds));
    assert.equal(claims.iss, `https://${TOMATO}`);
    assert.equal(claims.aud, 'tmtWebApp');
    assert.ok(claims.nbf >= before && claims.nbf <= before + 2);
    assert.equal(claims.exp - claims.nbf, 1295999);
    assert.equal(claims.UserId, body.userId);
  });

  it('gives each user a token for its own tenant, also under /api/token', async () => {
    const res = await call(`${sim.restUrl}/api/token`, {
      method: 'POST',
      headers: FORM,
      body: 'grant_type=password&username=shop2&password=shop2pass&client_id=tmtWebApp',
    });
    assert.equal(res.status, 200);
    assert.equal(decodeJwt(res.body.access_token).TenantId, CACHUA);
    assert.equal(res.body.userName, 'shop2');
  });

  it('refuses a wrong password with 400 invalid_grant', async () => {
    const res = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: 'grant_type=password&username=demo&password=wrong&client_id=tmtWebApp',
    });
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      error: 'invalid_grant',
      error_description: 'The user name or password is incorrect.',
    });
    assert.ok(!res.text.includes('wrong'));
  });

  it('refuses an unknown grant and a JSON body with 400', async () => {
    const grant = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: 'grant_type=client_credentials',
    });
    assert.equal(grant.status, 400);
    assert.equal(grant.body.error, 'unsupported_grant_type');
    const asJson = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      json: { grant_type: 'password', username: 'demo', password: 'demo123' },
    });
    assert.equal(asJson.status, 400);
    assert.equal(asJson.body.error, 'invalid_request');
  });

  it('exchanges a refresh token once, for a new working token', async () => {
    const first = await login(sim);
    const res = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: `grant_type=refresh_token&refresh_token=${first.refresh_token}&client_id=tmtWebApp`,
    });
    assert.equal(res.status, 200);
    assert.notEqual(res.body.access_token, first.access_token);
    assert.notEqual(res.body.refresh_token, first.refresh_token);
    assert.equal((await search(sim, res.body.access_token, { Limit: 1 })).status, 200);
    const again = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: `grant_type=refresh_token&refresh_token=${first.refresh_token}&client_id=tmtWebApp`,
    });
    assert.equal(again.status, 400);
    assert.equal(again.body.error, 'invalid_grant');
  });

  it('answers 401 JSON without a token, with a forged one and with a malformed header', async () => {
    const { access_token } = await login(sim);
    const forged = access_token.slice(0, -4) + (access_token.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    for (const header of [undefined, `Bearer ${forged}`, 'Bearer', `Basic ${access_token}`]) {
      const res = await call(`${sim.restUrl}/api/common/getpartnerstatus`, {
        headers: header ? { authorization: header } : {},
      });
      assert.equal(res.status, 401, String(header));
      assert.equal(res.body.error.code, 'Unauthorized');
    }
  });

  it('invalidates every issued token and refresh token on expire-tokens; new logins work', async () => {
    const old = await login(sim);
    const res = await control(sim, 'expire-tokens');
    assert.equal(res.status, 200);
    assert.ok(res.body.expired >= 1);
    assert.equal((await search(sim, old.access_token, {})).status, 401);
    const refresh = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: `grant_type=refresh_token&refresh_token=${old.refresh_token}`,
    });
    assert.equal(refresh.status, 400);
    const fresh = await login(sim);
    assert.equal((await search(sim, fresh.access_token, {})).status, 200);
  });

  it('keeps refresh tokens on expire-tokens with keepRefresh', async () => {
    const old = await login(sim);
    await control(sim, 'expire-tokens', { keepRefresh: true });
    assert.equal((await search(sim, old.access_token, {})).status, 401);
    const refresh = await call(`${sim.restUrl}/token`, {
      method: 'POST',
      headers: FORM,
      body: `grant_type=refresh_token&refresh_token=${old.refresh_token}`,
    });
    assert.equal(refresh.status, 200);
  });
});

describe('token lifetime', () => {
  it('rejects a token once it has expired', async () => {
    const sim = await startSimulator({ conversations: 5, tokenTtlSeconds: 1 });
    try {
      const { access_token } = await login(sim);
      assert.equal(decodeJwt(access_token).exp - decodeJwt(access_token).nbf, 1);
      assert.equal((await search(sim, access_token, {})).status, 200);
      await sleep(2100);
      assert.equal((await search(sim, access_token, {})).status, 401);
    } finally {
      await sim.close();
    }
  });

  it('accepts replacement users', async () => {
    const sim = await startSimulator({
      conversations: 5,
      users: [{ username: 'a', password: 'b', tenant: 'shop.tpos.vn' }],
    });
    try {
      assert.deepEqual(sim.tenants, ['shop.tpos.vn']);
      const { access_token } = await login(sim, 'a', 'b');
      assert.equal(decodeJwt(access_token).TenantId, 'shop.tpos.vn');
      await assert.rejects(login(sim, 'demo', 'demo123'), /400/);
    } finally {
      await sim.close();
    }
  });
});
