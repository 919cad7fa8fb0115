/**
 * `npm run simulator`: a local TPOS on 127.0.0.1.
 * Flags: --port (REST, 8091) --rt-port (8092) --chat-port (8093) --seed (1)
 * --conversations (300) --no-live --host (127.0.0.1) --verbose.
 */
import { parseArgs } from 'node:util';
import { startSimulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    'rt-port': { type: 'string', default: '8092' },
    'chat-port': { type: 'string', default: '8093' },
    seed: { type: 'string', default: '1' },
    conversations: { type: 'string', default: '300' },
    'no-live': { type: 'boolean', default: false },
    host: { type: 'string', default: '127.0.0.1' },
    cors: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
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

const started = Date.now();
const sim = await startSimulator({
  restPort: num('port', values.port),
  rtPort: num('rt-port', values['rt-port']),
  chatPort: num('chat-port', values['chat-port']),
  seed: num('seed', values.seed),
  conversations: num('conversations', values.conversations),
  live: !values['no-live'],
  host: values.host,
  cors: values.cors,
  log: values.verbose ? (line) => console.log(line) : undefined,
});

console.log(
  `TPOS simulator ready in ${Date.now() - started} ms (tenants: ${sim.tenants.join(', ')})`,
);
console.log(`  REST  ${sim.restUrl}   (also under ${sim.restUrl}/api/...)`);
console.log(`  RT    ${sim.rtUrl}   (Socket.IO, namespace /chatomni)`);
console.log(`  Chat  ${sim.chatUrl}   (Socket.IO, namespace /chatomni)`);
console.log(`  Live mode: ${values['no-live'] ? 'off' : 'on'}`);
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
