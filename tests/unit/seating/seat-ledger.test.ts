/**
 * The seat ledger (src/main/seating/seat-ledger.ts) against the database it mirrors: what a write
 * transaction undoes, the ledger must forget, whether one unit of a group commit rolls back or the whole
 * batch fails at COMMIT.
 */
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../src/main/core/core';
import {
  openDatabase,
  withConnection,
  writeTransaction,
  type Db,
  type OpenedDatabase,
} from '../../../src/main/db/index';
import { liveStatuses, SeatLedger } from '../../../src/main/seating/seat-ledger';
import * as q from '../../../src/main/seating/seating.queries';
import { createTestCore, seedShowtime } from '../../support/harness';

const NOW = Date.parse('2026-11-28T09:00:00Z');
let opened: OpenedDatabase | null = null;

afterEach(() => {
  opened?.sqlite.close();
  opened = null;
});

/** A showtime made through the product, then its database opened directly. */
async function showtimeDatabase(): Promise<{ db: Db; showtimeId: number; seatIds: number[] }> {
  const t = await createTestCore();
  const { showtime } = await seedShowtime(t);
  const map = await t.call('seatmap.get', { showtimeId: showtime.id });
  await t.core.close();
  opened = openDatabase(join(t.dataDir, DATABASE_FILE), { transactionGuard: true });
  return { db: opened.db, showtimeId: showtime.id, seatIds: map.seats.map((seat) => seat.id) };
}

/**
 * A unit that keeps the connection busy for a moment: the units queued behind it run together in the
 * next group commit, as concurrent sales do.
 */
function busyCommit(db: Db): Promise<void> {
  return writeTransaction(db, () => new Promise<void>((resolve) => setTimeout(resolve, 30)));
}

async function statusesFromLedger(db: Db, ledger: SeatLedger, showtimeId: number) {
  return withConnection(db, async (conn) => Object.fromEntries(liveStatuses(await ledger.of(conn, showtimeId), NOW)));
}

async function statusesFromSql(db: Db, showtimeId: number) {
  return Object.fromEntries((await q.liveClaims(db, showtimeId, NOW)).map((claim) => [claim.seat_id, claim.status]));
}

async function hold(trx: Db, ledger: SeatLedger, showtimeId: number, seatIds: number[]): Promise<number> {
  const id = await q.insertHold(trx, ledger, {
    showtime_id: showtimeId,
    owner: 'user:1',
    channel: 'counter',
    status: 'active',
    created_at: NOW,
    expires_at: NOW + 480_000,
  });
  await q.insertClaims(trx, ledger, showtimeId, seatIds, 'held', id, NOW);
  return id;
}

/**
 * Seat a held alone and seat b held followed by `then`, both queued behind a busy unit so that they share
 * one group commit; the ledger was loaded before, as on a busy showtime.
 */
async function holdTwoInOneCommit(then: (trx: Db, b: number) => Promise<void> | void) {
  const { db, showtimeId, seatIds } = await showtimeDatabase();
  const ledger = new SeatLedger(q.loadShowtimeClaims);
  await statusesFromLedger(db, ledger, showtimeId);
  const [a, b] = seatIds as [number, number];
  const results = await Promise.allSettled([
    busyCommit(db),
    writeTransaction(db, (trx) => hold(trx, ledger, showtimeId, [a])),
    writeTransaction(db, async (trx) => {
      await hold(trx, ledger, showtimeId, [b]);
      await then(trx, b);
    }),
  ]);
  return { db, ledger, showtimeId, a, results };
}

describe('seat ledger', () => {
  it('follows committed holds, sales and releases', async () => {
    const { db, showtimeId, seatIds } = await showtimeDatabase();
    const ledger = new SeatLedger(q.loadShowtimeClaims);
    expect(await statusesFromLedger(db, ledger, showtimeId)).toEqual({});
    const [a, b, c] = seatIds as [number, number, number];
    const first = await writeTransaction(db, (trx) => hold(trx, ledger, showtimeId, [a, b]));
    await writeTransaction(db, (trx) => hold(trx, ledger, showtimeId, [c]));
    await writeTransaction(db, (trx) => q.sellClaimsOfHold(trx, ledger, first, 1));
    expect(await statusesFromLedger(db, ledger, showtimeId)).toEqual({ [a]: 'sold', [b]: 'sold', [c]: 'held' });
    expect(await statusesFromLedger(db, ledger, showtimeId)).toEqual(await statusesFromSql(db, showtimeId));
  });

  it('forgets what a unit wrote before it failed, while the other units of its commit stand', async () => {
    const { db, ledger, showtimeId, a, results } = await holdTwoInOneCommit(() => {
      throw new Error('payment refused');
    });
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
    expect(await statusesFromSql(db, showtimeId)).toEqual({ [a]: 'held' });
    expect(await statusesFromLedger(db, ledger, showtimeId)).toEqual({ [a]: 'held' });
  });

  it('forgets every unit of a batch whose COMMIT fails', async () => {
    const { db, ledger, showtimeId, results } = await holdTwoInOneCommit(async (trx, b) => {
      // A foreign-key violation checked only at COMMIT: the unit itself succeeds, the commit does not.
      await sql`PRAGMA defer_foreign_keys = ON`.execute(trx);
      await sql`INSERT INTO seat_claims (showtime_id, seat_id, status, created_at) VALUES (999999, ${b}, 'released', 0)`.execute(
        trx,
      );
    });
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(await statusesFromSql(db, showtimeId)).toEqual({});
    expect(await statusesFromLedger(db, ledger, showtimeId)).toEqual({});
  });
});
