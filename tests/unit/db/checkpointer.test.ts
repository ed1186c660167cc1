/**
 * WAL checkpoints on a worker thread (src/main/db/checkpointer.ts): the main connection stops taking them
 * itself, the worker copies the whole log back while the main connection writes, and stopping the worker
 * gives automatic checkpoints back.
 */
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, startCheckpointer, type OpenedDatabase } from '../../../src/main/db/index';

let opened: OpenedDatabase | null = null;
afterEach(() => {
  opened?.sqlite.close();
  opened = null;
});

function writeRows(sqlite: BetterSqlite3.Database, from: number, count: number): void {
  const insert = sqlite.prepare('INSERT INTO filler (id, body) VALUES (?, ?)');
  for (let i = from; i < from + count; i += 1) sqlite.transaction(() => insert.run(i, 'x'.repeat(2000)))();
}

describe('background checkpoints', () => {
  it('copy the log back on the worker while the main connection writes, and hand back on stop', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'marquee-checkpoint-')), 'marquee.db');
    opened = openDatabase(file);
    opened.sqlite.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const checkpointer = startCheckpointer(opened.sqlite, { file, intervalMs: 60_000 });
    expect(opened.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    // Enough for the main connection to have checkpointed on its own several times (1,000 pages each).
    writeRows(opened.sqlite, 0, 3000);
    const databaseBefore = statSync(file).size;
    const result = await checkpointer.checkpointNow();
    expect(result.log).toBeGreaterThan(1000);
    expect(result.checkpointed).toBe(result.log);
    expect(statSync(file).size).toBeGreaterThan(databaseBefore + 3000 * 2000);

    // The log is reused from its start once it has been copied back: it stops growing.
    writeRows(opened.sqlite, 3000, 100);
    const again = await checkpointer.checkpointNow();
    expect(again.log).toBeLessThan(result.log);
    expect(again.checkpointed).toBe(again.log);

    // Every committed row is in the database, read by a separate connection.
    const reader = new BetterSqlite3(file, { readonly: true });
    expect(reader.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 3100 });
    reader.close();

    await checkpointer.stop();
    expect(checkpointer.running()).toBe(false);
    expect(opened.sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
