/**
 * WAL checkpoints on a worker thread.
 *
 * SQLite copies the write-ahead log back into the database file (a checkpoint) from inside whichever
 * COMMIT crosses 1,000 pages: that commit then also writes and syncs the database file, and the server's
 * one thread waits for it. Under sustained sales that is a few per cent of the thread and a visible share
 * of its slowest answers (measured with `npm run bench`). So the main connection turns automatic
 * checkpoints off and a worker thread, with its own connection, runs PASSIVE checkpoints instead: they
 * never block the writer, and the disk syncs they make wait on the worker's thread.
 *
 * Durability is unchanged: every COMMIT on the main connection still syncs the log (synchronous=FULL),
 * and a checkpoint is crash-safe at any point. If the worker cannot start or stops, the main connection
 * takes automatic checkpoints back, so the log never grows without bound.
 *
 * The worker runs a few lines of plain JavaScript (evaluated, not a file), given the resolved path of
 * better-sqlite3, so it works the same under Node, the tests and the bundled desktop app.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';

const AUTO_CHECKPOINT_PAGES = 1000;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.file, workerData.nativeBinding ? { nativeBinding: workerData.nativeBinding } : {});
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
let timer = null;
function checkpoint() {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'checkpointed', log: result.log, checkpointed: result.checkpointed });
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: String(error && error.message || error) });
  }
}
timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message === 'checkpoint') checkpoint();
  if (message === 'stop') {
    clearInterval(timer);
    db.close();
    parentPort.close();
  }
});
parentPort.postMessage({ type: 'ready' });
`;

export interface CheckpointerOptions {
  file: string;
  nativeBinding?: string;
  /** How often the worker checkpoints (ms). */
  intervalMs?: number;
}

export interface Checkpointer {
  /** Resolves once the worker has checkpointed (tests; the worker also runs on its own timer). */
  checkpointNow(): Promise<{ log: number; checkpointed: number }>;
  /** Stops the worker and gives automatic checkpoints back to the main connection. */
  stop(): Promise<void>;
  /** True while the worker runs the checkpoints. */
  running(): boolean;
}

export function startCheckpointer(sqlite: BetterSqlite3.Database, options: CheckpointerOptions): Checkpointer {
  const modulePath = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      file: options.file,
      nativeBinding: options.nativeBinding,
      modulePath,
      intervalMs: options.intervalMs ?? 200,
    },
  });
  worker.unref();
  let alive = true;
  let waiting: ((result: { log: number; checkpointed: number }) => void)[] = [];
  sqlite.pragma('wal_autocheckpoint = 0');

  const takeBack = () => {
    if (!alive) return;
    alive = false;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
  };
  worker.on('message', (message: { type: string; log?: number; checkpointed?: number; message?: string }) => {
    if (message.type === 'checkpointed') {
      const result = { log: message.log ?? 0, checkpointed: message.checkpointed ?? 0 };
      const done = waiting;
      waiting = [];
      for (const resolve of done) resolve(result);
    } else if (message.type === 'failed') {
      console.error(`marquee: background checkpoint failed: ${message.message ?? ''}`);
    }
  });
  worker.on('error', (error) => {
    console.error(`marquee: checkpoint worker stopped (${error.message}); checkpoints are back on the main thread`);
    takeBack();
  });
  worker.on('exit', takeBack);

  return {
    checkpointNow() {
      return new Promise((resolve, reject) => {
        if (!alive) {
          reject(new Error('The checkpoint worker is not running.'));
          return;
        }
        waiting.push(resolve);
        worker.postMessage('checkpoint');
      });
    },
    async stop() {
      if (!alive) return;
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage('stop');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      await worker.terminate();
      takeBack();
    },
    running: () => alive,
  };
}
