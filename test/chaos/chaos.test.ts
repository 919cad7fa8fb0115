/**
 * The quick chaos run under node:test (about 30 s): socket drops, refused reconnects, a
 * half-close, failing and hanging REST requests and a token expiry while 150 messages flow
 * and the seller replies (some replies meeting Graph faults); then nothing lost or doubled in
 * the store or on screen, every reply posted and shown once, threads in the simulator's order,
 * previews and unread counts right, badges in step with the sockets, no request storm.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runChaos } from './chaos.js';
import { REST_STORM, formatChaos } from './report.js';

process.env.WRANGLER_SEND_METRICS ??= 'false';

describe('chaos (quick)', () => {
  it('loses and duplicates no message through drops, refusals, REST faults and a token expiry', async () => {
    const result = await runChaos({ quick: true, seed: 7 });
    console.log(formatChaos(result));
    assert.equal(result.emitted, 150);
    assert.deepEqual(result.lostDetails, [], 'lost');
    assert.equal(result.duplicated, 0, 'duplicated');
    assert.equal(result.shown, result.emitted);
    assert.equal(result.outOfOrder, 0, 'threads out of order');
    assert.ok(result.replies.sent >= 5, `${result.replies.sent} replies`);
    assert.deepEqual(result.replies.wrong, [], 'replies posted and shown exactly once');
    for (const [fault, n] of Object.entries(result.replies.graphFaults)) {
      assert.ok(n > 0, `no reply met the Graph fault ${fault}`);
    }
    assert.deepEqual(result.unreadMismatches, []);
    assert.deepEqual(result.stalePreviews, []);
    assert.deepEqual(result.badges.late, [], 'badges late by over a second');
    assert.ok(result.badges.changes > 0, 'the sockets changed');
    assert.ok(result.peakRestPerSecond <= REST_STORM, `REST peak ${result.peakRestPerSecond}/s`);
    assert.equal(result.faults.tokenExpiry, 1);
    assert.equal(result.faults.relogin, 1);
    for (const kind of [
      'disconnect',
      'refuse',
      'halfClose',
      'rest500',
      'restDropped',
      'restTimeout',
    ]) {
      assert.ok(result.faults[kind]! > 0, `no ${kind} fault`);
    }
    assert.deepEqual(result.pageErrors, []);
  });
});
