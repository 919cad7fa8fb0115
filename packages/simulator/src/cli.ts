/**
 * `npm run simulator`: a local TPOS on 127.0.0.1.
 * Flags: --port (REST, 8091) --rt-port (8092) --chat-port (8093) --graph-port (8094) --seed (1)
 * --conversations (300) --no-live --host (127.0.0.1) --verbose
 * --profile (rich | recorded) --unknown-room (refuse | silent).
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';
import { PROFILES, ROOM_MODES } from './options.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    'rt-port': { type: 'string', default: '8092' },
    'chat-port': { type: 'string', default: '8093' },
    'graph-port': { type: 'string', default: '8094' },
    seed: { type: 'string', default: '1' },
    conversations: { type: 'string', default: '300' },
    'no-live': { type: 'boolean', default: false },
    host: { type: 'string', default: '127.0.0.1' },
    cors: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
    profile: { type: 'string', default: 'rich' },
    'unknown-room': { type: 'string', default: 'refuse' },
  },
});

function num(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a non-negative integer`);
    process.exit(2);
  }
  return n;
}

function choice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    console.error(`--${name} must be one of ${allowed.join(', ')}`);
    process.exit(2);
  }
  return value as T;
}

const started = Date.now();
const sim = await startSimulator({
  restPort: num('port', values.port),
  rtPort: num('rt-port', values['rt-port']),
  chatPort: num('chat-port', values['chat-port']),
  graphPort: num('graph-port', values['graph-port']),
  seed: num('seed', values.seed),
  conversations: num('conversations', values.conversations),
  live: !values['no-live'],
  host: values.host,
  cors: values.cors,
  profile: choice('profile', values.profile, PROFILES),
  unknownRoom: choice('unknown-room', values['unknown-room'], ROOM_MODES),
  log: values.verbose ? (line) => console.log(line) : undefined,
});

console.log(
  `TPOS simulator ready in ${Date.now() - started} ms (tenants: ${sim.tenants.join(', ')})`,
);
console.log(`  REST  ${sim.restUrl}   (also under ${sim.restUrl}/api/...)`);
console.log(`  RT    ${sim.rtUrl}   (Socket.IO, namespace /chatomni)`);
console.log(`  Chat  ${sim.chatUrl}   (Socket.IO, namespace /chatomni)`);
console.log(`  Graph ${sim.graphUrl}   (Facebook Send API stand-in: the proxy's GRAPH_API_BASE)`);
console.log(`  Live mode: ${values['no-live'] ? 'off' : 'on'}`);
console.log(`  Profile: ${values.profile}; unknown rooms: ${values['unknown-room']}`);
console.log('  Logins: demo / demo123 (tomato.tpos.vn), shop2 / shop2pass (cachua.tpos.vn)');
console.log('Try:');
console.log(
  `  curl -s ${sim.restUrl}/token -d 'client_id=tmtWebApp&grant_type=password&username=demo&password=demo123&scope=profile'`,
);
console.log(
  `  curl -s -X POST ${sim.restUrl}/__sim/emit -H 'content-type: application/json' -d '{"text":"Xin chào shop"}'`,
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the simulator`);
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
