/**
 * The benchmark's floor: the least a Node HTTP server can do per booking request. A bare `node:http`
 * server that, for each request, reads the small JSON body, runs one durable SQLite write transaction
 * (better-sqlite3, journal_mode=WAL, synchronous=FULL, BEGIN IMMEDIATE: insert one row of a few columns)
 * and answers a small JSON body.
 *   node --import tsx tests/bench/floor-server.ts --data-dir DIR [--port 0] [--host 127.0.0.1]
 * Prints "floor listening on http://HOST:PORT" once it accepts requests; SIGTERM stops it.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
  },
});
if (!args['data-dir']) {
  process.stderr.write('usage: floor-server.ts --data-dir DIR [--port 0] [--host 127.0.0.1]\n');
  process.exit(2);
}

const sqlite = new BetterSqlite3(join(args['data-dir'], 'floor.db'));
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = FULL');
sqlite.pragma('busy_timeout = 5000');
if (sqlite.pragma('journal_mode', { simple: true }) !== 'wal' || sqlite.pragma('synchronous', { simple: true }) !== 2) {
  process.stderr.write('floor: the database did not accept WAL + synchronous=FULL\n');
  process.exit(1);
}
sqlite.exec(`CREATE TABLE IF NOT EXISTS bookings (
  id INTEGER PRIMARY KEY,
  showtime_id INTEGER NOT NULL,
  quantity INTEGER NOT NULL,
  client TEXT NOT NULL,
  status TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT`);
const insert = sqlite.prepare(
  'INSERT INTO bookings (showtime_id, quantity, client, status, created_at) VALUES (?, ?, ?, ?, ?)',
);
const book = sqlite.transaction((showtimeId: number, quantity: number, client: string) => {
  return Number(insert.run(showtimeId, quantity, client, 'confirmed', Date.now()).lastInsertRowid);
});

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function handle(req: IncomingMessage, res: ServerResponse, text: string): void {
  if (req.method !== 'POST') return answer(res, 404, { error: { code: 'not_found' } });
  let input: { showtimeId?: unknown; quantity?: unknown };
  try {
    input = JSON.parse(text || '{}') as typeof input;
  } catch {
    return answer(res, 400, { error: { code: 'bad_request' } });
  }
  const showtimeId = Number(input.showtimeId ?? 1);
  const quantity = Number(input.quantity ?? 1);
  try {
    const id = book.immediate(showtimeId, quantity, req.headers.authorization ?? 'anonymous');
    answer(res, 201, { id, showtimeId, quantity, status: 'confirmed' });
  } catch (error) {
    process.stderr.write(`floor: write failed: ${String(error)}\n`);
    answer(res, 500, { error: { code: 'internal_error' } });
  }
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > 64 * 1024) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
});
server.keepAliveTimeout = 30_000;

server.listen(Number(args.port), args.host, () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`floor listening on http://${args.host}:${port}\n`);
});

let stopping = false;
function stop(): void {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 3_000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
