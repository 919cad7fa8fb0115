import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, DEFAULTS, readConfig } from '../src/config.js';

describe('readConfig', () => {
  it('uses the defaults for missing or empty vars other than TPOS_API_BASE', () => {
    const config = readConfig({ TPOS_API_BASE: 'https://shop.example', UPSTREAM_TIMEOUT_MS: ' ' });
    assert.equal(config.apiBase.href, 'https://shop.example/');
    assert.equal(config.wsTargets.rt.href, 'wss://rt-2.tpos.app/');
    assert.equal(config.wsTargets.chat.href, 'wss://ws.chatomni.tpos.app/');
    assert.deepEqual(config.allowedOrigins, []);
    assert.equal(config.upstreamTimeoutMs, DEFAULTS.UPSTREAM_TIMEOUT_MS);
    assert.equal(config.appVersionDefault, '6.5.11.2');
    assert.equal(config.maxBodyBytes, 1_048_576);
    assert.equal(config.graphBase.href, 'https://graph.facebook.com/');
    assert.equal(config.graphVersion, 'v25.0');
  });

  it('parses every var', () => {
    const config = readConfig({
      TPOS_API_BASE: 'http://127.0.0.1:8091',
      TPOS_RT_WS: 'ws://127.0.0.1:8092/',
      TPOS_CHAT_WS: 'ws://127.0.0.1:8093',
      ALLOWED_ORIGINS: 'https://a.example/, https://b.example',
      UPSTREAM_TIMEOUT_MS: '2500',
      TPOSAPPVERSION_DEFAULT: '5.10.26.1',
      MAX_BODY_BYTES: '2048',
      GRAPH_API_BASE: 'http://127.0.0.1:8094',
      GRAPH_API_VERSION: 'v24.0',
    });
    assert.equal(config.apiBase.origin, 'http://127.0.0.1:8091');
    assert.equal(config.wsTargets.rt.host, '127.0.0.1:8092');
    assert.equal(config.wsTargets.chat.host, '127.0.0.1:8093');
    assert.deepEqual(config.allowedOrigins, ['https://a.example', 'https://b.example']);
    assert.equal(config.upstreamTimeoutMs, 2500);
    assert.equal(config.appVersionDefault, '5.10.26.1');
    assert.equal(config.maxBodyBytes, 2048);
    assert.equal(config.graphBase.origin, 'http://127.0.0.1:8094');
    assert.equal(config.graphVersion, 'v24.0');
  });

  it('has no default shop: TPOS_API_BASE missing or empty is a ConfigError naming it', () => {
    assert.equal('TPOS_API_BASE' in DEFAULTS, false);
    for (const vars of [undefined, {}, { TPOS_API_BASE: '' }, { TPOS_API_BASE: '  ' }]) {
      assert.throws(() => readConfig(vars), {
        name: 'ConfigError',
        message: 'TPOS_API_BASE is not set',
      });
    }
  });

  it('turns a * anywhere in ALLOWED_ORIGINS into the wildcard', () => {
    const vars = { TPOS_API_BASE: 'https://shop.example', ALLOWED_ORIGINS: 'https://a.example,*' };
    assert.equal(readConfig(vars).allowedOrigins, '*');
  });

  it('refuses invalid values, naming the var only', () => {
    const cases: [Record<string, string>, string][] = [
      [{ TPOS_API_BASE: 'not a url' }, 'TPOS_API_BASE is not a URL'],
      [{ TPOS_API_BASE: 'https://u:p@tomato.tpos.vn' }, 'TPOS_API_BASE must be a bare origin'],
      [{ TPOS_API_BASE: 'https://tomato.tpos.vn/api' }, 'TPOS_API_BASE must be a bare origin'],
      [{ TPOS_RT_WS: 'https://rt-2.tpos.app' }, 'TPOS_RT_WS must use wss: or ws:'],
      [{ UPSTREAM_TIMEOUT_MS: '-1' }, 'UPSTREAM_TIMEOUT_MS must be a positive integer'],
      [{ MAX_BODY_BYTES: '1e3x' }, 'MAX_BODY_BYTES must be a positive integer'],
      [{ TPOSAPPVERSION_DEFAULT: '6.5' }, 'TPOSAPPVERSION_DEFAULT must look like 1.2.3.4'],
      [
        { GRAPH_API_BASE: 'https://graph.facebook.com/v25.0' },
        'GRAPH_API_BASE must be a bare origin',
      ],
      [{ GRAPH_API_VERSION: '25.0' }, 'GRAPH_API_VERSION must look like v25.0'],
    ];
    for (const [vars, message] of cases) {
      assert.throws(
        () => readConfig({ TPOS_API_BASE: 'https://shop.example', ...vars }),
        (err: unknown) => {
          assert.ok(err instanceof ConfigError);
          assert.equal(err.message, message);
          return true;
        },
      );
    }
  });
});
