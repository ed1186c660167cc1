/**
 * The benchmark's load generator: a minimal HTTP/1.1 keep-alive client, one socket per simulated client,
 * one request in flight per socket (no pipelining). It is deliberately small so that, on a 2-core machine
 * shared with the server under test, it costs as little CPU as possible, and it is the same code for the
 * floor and for Marquee, so the ratio between them is fair.
 *
 * Every request has a timeout; a timed-out or broken socket is destroyed and the next request reconnects.
 */
import { connect, type Socket } from 'node:net';

export interface HttpAnswer {
  status: number;
  body: string;
  /** Milliseconds from writing the request to having the whole answer. */
  ms: number;
}

export class HttpError extends Error {
  constructor(
    message: string,
    readonly kind: 'timeout' | 'socket' | 'protocol',
  ) {
    super(message);
  }
}

const CRLF2 = Buffer.from('\r\n\r\n');

interface Pending {
  resolve: (answer: HttpAnswer) => void;
  reject: (error: Error) => void;
  started: bigint;
  timer: NodeJS.Timeout;
  head: boolean;
}

export class Connection {
  private socket: Socket | null = null;
  private connected: Promise<void> | null = null;
  private buffer: Buffer = Buffer.alloc(0);
  private pending: Pending | null = null;
  /** Sockets opened over this connection's life (1 when keep-alive held all along). */
  opened = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly timeoutMs: number,
  ) {}

  async request(method: string, path: string, token: string | null, body?: unknown): Promise<HttpAnswer> {
    if (this.pending) throw new Error('one request at a time per connection');
    await this.ensureSocket();
    const socket = this.socket!;
    const payload = body === undefined ? null : Buffer.from(JSON.stringify(body));
    let head = `${method} ${path} HTTP/1.1\r\nHost: ${this.host}:${this.port}\r\nConnection: keep-alive\r\nAccept: application/json\r\n`;
    if (token) head += `Authorization: Bearer ${token}\r\n`;
    if (payload) head += `Content-Type: application/json\r\nContent-Length: ${payload.length}\r\n`;
    else if (method !== 'GET' && method !== 'HEAD') head += 'Content-Length: 0\r\n';
    head += '\r\n';
    return new Promise<HttpAnswer>((resolve, reject) => {
      const timer = setTimeout(
        () => this.fail(new HttpError(`${method} ${path}: no answer within ${this.timeoutMs} ms`, 'timeout')),
        this.timeoutMs,
      );
      this.pending = { resolve, reject, started: process.hrtime.bigint(), timer, head: method === 'HEAD' };
      socket.write(payload ? Buffer.concat([Buffer.from(head), payload]) : head);
    });
  }

  close(): void {
    this.socket?.destroy();
    this.socket = null;
    this.connected = null;
  }

  private ensureSocket(): Promise<void> {
    if (this.socket && this.connected) return this.connected;
    this.buffer = Buffer.alloc(0);
    const socket = connect({ host: this.host, port: this.port, noDelay: true });
    this.socket = socket;
    this.opened += 1;
    this.connected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new HttpError(`connect to ${this.host}:${this.port} timed out`, 'timeout'));
      }, this.timeoutMs);
      socket.once('connect', () => {
        clearTimeout(timer);
        resolve();
      });
      socket.once('error', (error) => {
        clearTimeout(timer);
        reject(new HttpError(`socket: ${error.message}`, 'socket'));
      });
    });
    socket.on('data', (chunk: Buffer) => {
      if (socket !== this.socket) return;
      this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
    socket.on('error', (error) => this.fail(new HttpError(`socket: ${error.message}`, 'socket'), socket));
    socket.on('close', () => this.fail(new HttpError('socket closed before the answer', 'socket'), socket));
    // Only one 'error' listener from the promise above is `once`; avoid an unhandled rejection if nobody awaits.
    this.connected.catch(() => undefined);
    return this.connected;
  }

  /** Drops the socket and rejects the request in flight (if `socket` is given, only if it is still ours). */
  private fail(error: Error, socket?: Socket): void {
    if (socket && socket !== this.socket) return;
    const pending = this.pending;
    this.pending = null;
    this.close();
    if (pending) {
      clearTimeout(pending.timer);
      pending.reject(error);
    }
  }

  private parse(): void {
    const pending = this.pending;
    if (!pending) {
      if (this.buffer.length > 0) this.fail(new HttpError('data without a request', 'protocol'));
      return;
    }
    const end = this.buffer.indexOf(CRLF2);
    if (end < 0) {
      if (this.buffer.length > 64 * 1024) this.fail(new HttpError('header too large', 'protocol'));
      return;
    }
    const lines = this.buffer.subarray(0, end).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '')?.[1]);
    if (!Number.isInteger(status)) return this.fail(new HttpError(`bad status line: ${lines[0]}`, 'protocol'));
    let length: number | null = null;
    let chunked = false;
    let closeAfter = false;
    for (let i = 1; i < lines.length; i += 1) {
      const line = lines[i]!;
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (name === 'content-length') length = Number(value);
      else if (name === 'transfer-encoding') chunked = value.toLowerCase().includes('chunked');
      else if (name === 'connection') closeAfter = value.toLowerCase() === 'close';
    }
    const bodyStart = end + 4;
    let body: Buffer;
    let consumed: number;
    if (pending.head || status === 204 || status === 304 || (status >= 100 && status < 200)) {
      body = Buffer.alloc(0);
      consumed = bodyStart;
    } else if (chunked) {
      const parts: Buffer[] = [];
      let at = bodyStart;
      for (;;) {
        const lineEnd = this.buffer.indexOf('\r\n', at);
        if (lineEnd < 0) return; // wait for more
        const size = parseInt(this.buffer.subarray(at, lineEnd).toString('latin1'), 16);
        if (!Number.isFinite(size)) return this.fail(new HttpError('bad chunk size', 'protocol'));
        const dataStart = lineEnd + 2;
        if (size === 0) {
          // No trailers expected: the final CRLF follows.
          if (this.buffer.length < dataStart + 2) return;
          consumed = dataStart + 2;
          break;
        }
        if (this.buffer.length < dataStart + size + 2) return;
        parts.push(this.buffer.subarray(dataStart, dataStart + size));
        at = dataStart + size + 2;
      }
      body = Buffer.concat(parts);
    } else if (length !== null && Number.isInteger(length) && length >= 0) {
      if (this.buffer.length < bodyStart + length) return;
      body = this.buffer.subarray(bodyStart, bodyStart + length);
      consumed = bodyStart + length;
    } else {
      return this.fail(new HttpError('answer without a length (read-to-close is not supported)', 'protocol'));
    }
    const rest = this.buffer.subarray(consumed);
    this.buffer = rest.length > 0 ? Buffer.from(rest) : Buffer.alloc(0);
    this.pending = null;
    clearTimeout(pending.timer);
    const ms = Number(process.hrtime.bigint() - pending.started) / 1e6;
    if (closeAfter) this.close();
    pending.resolve({ status, body: body.toString('utf8'), ms });
  }
}

/** Latency samples of one kind of request, in milliseconds. */
export class Samples {
  private values: number[] = [];
  private sorted: Float64Array | null = null;

  add(ms: number): void {
    this.values.push(ms);
    this.sorted = null;
  }

  get count(): number {
    return this.values.length;
  }

  /** Nearest-rank percentile, p in [0, 100]. NaN when there are no samples. */
  percentile(p: number): number {
    if (this.values.length === 0) return Number.NaN;
    this.sorted ??= Float64Array.from(this.values).sort();
    const rank = Math.min(this.sorted.length - 1, Math.max(0, Math.ceil((p / 100) * this.sorted.length) - 1));
    return this.sorted[rank]!;
  }

  mean(): number {
    if (this.values.length === 0) return Number.NaN;
    let sum = 0;
    for (const value of this.values) sum += value;
    return sum / this.values.length;
  }

  merge(...others: Samples[]): Samples {
    const merged = new Samples();
    merged.values = [this, ...others].flatMap((s) => s.values);
    return merged;
  }
}
