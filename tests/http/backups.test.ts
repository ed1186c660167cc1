/**
 * Backups: taken online and on a schedule, kept N at a time, checked before a restore is staged, and
 * restored at the next start with the replaced database kept.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/main/core/clock';
import { createTestCore, seedShowtime, startTestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-backups-'));
  folders.push(dir);
  return dir;
}

describe('backups over the API', () => {
  it('an admin takes one and sees it; other roles may not; bad names and damaged files change nothing', async () => {
    const s = await startTestServer({ dataDir: dataDir() });
    try {
      const admin = await s.adminToken();
      const made = await s.request('POST', '/api/v1/backups', { token: admin });
      expect(made.status).toBe(201);
      expect(made.body).toMatchObject({ kind: 'manual', name: expect.stringMatching(/^marquee-.*-manual\.db$/) });
      expect(made.body.sizeBytes).toBeGreaterThan(0);
      const list = await s.request('GET', '/api/v1/backups', { token: admin });
      expect(list.body.items.map((item: { name: string }) => item.name)).toContain(made.body.name);
      expect(list.body.restorePending).toBeNull();

      for (const role of ['manager', 'cashier'] as const) {
        const { token } = await s.userToken(role);
        expect((await s.request('POST', '/api/v1/backups', { token })).status).toBe(403);
        expect((await s.request('GET', '/api/v1/backups', { token })).status).toBe(403);
      }

      const before = databaseFingerprint(s.core);
      const traversal = await s.request('POST', '/api/v1/backups/restore', {
        token: admin,
        body: { name: '../marquee.db' },
      });
      expect(traversal.status).toBe(400);
      const missing = await s.request('POST', '/api/v1/backups/restore', {
        token: admin,
        body: { name: 'marquee-2020-01-01T00-00-00-000Z-manual.db' },
      });
      expect(missing.status).toBe(404);
      const damagedName = 'marquee-2026-11-27T00-00-00-000Z-manual.db';
      writeFileSync(join(s.core.backups.folder, damagedName), 'this is not a database, it is a shopping list');
      const damaged = await s.request('POST', '/api/v1/backups/restore', { token: admin, body: { name: damagedName } });
      expect(damaged.status).toBe(409);
      expect(damaged.body.error.code).toBe('backup_damaged');
      expect((await s.request('GET', '/api/v1/backups', { token: admin })).body.restorePending).toBeNull();
      expect(databaseFingerprint(s.core)).toEqual(before);
    } finally {
      await s.close();
    }
  });
});

describe('restoring', () => {
  it('a staged restore replaces the database at the next start and keeps the one it replaced', async () => {
    const dir = dataDir();
    const first = await createTestCore({ dataDir: dir });
    const { showtime } = await seedShowtime(first);
    const backup = await first.core.backups.create('manual');
    // A film created after the backup: gone after the restore, still in the kept database.
    await first.call('movies.create', { title: 'After the backup', durationMinutes: 95 });
    expect(first.core.backups.stageRestore(backup.name).restorePending).toBe(backup.name);
    await first.close();

    const second = await createTestCore({ dataDir: dir });
    try {
      const titles = (await second.call('movies.list', {})).items.map((movie) => movie.title);
      expect(titles).toContain('Seed film');
      expect(titles).not.toContain('After the backup');
      expect((await second.call('showtimes.get', { showtimeId: showtime.id })).id).toBe(showtime.id);
      const state = second.core.backups.state();
      expect(state.restorePending).toBeNull();
      const kept = state.items.find((item) => item.kind === 'before-restore');
      expect(kept).toBeDefined();
      expect(second.core.database.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      await second.close();
    }
  });

  it('a cancelled restore changes nothing at the next start', async () => {
    const dir = dataDir();
    const first = await createTestCore({ dataDir: dir });
    const backup = await first.core.backups.create('manual');
    await first.call('movies.create', { title: 'Stays', durationMinutes: 95 });
    first.core.backups.stageRestore(backup.name);
    expect(first.core.backups.cancelRestore().restorePending).toBeNull();
    await first.close();
    const second = await createTestCore({ dataDir: dir });
    try {
      expect((await second.call('movies.list', {})).items.map((movie) => movie.title)).toContain('Stays');
    } finally {
      await second.close();
    }
  });
});

describe('the schedule', () => {
  it('takes a backup when the last is older than the interval and keeps the newest N', async () => {
    const clock = new ManualClock(Date.parse('2026-11-28T03:00:00Z'));
    const t = await createTestCore({ dataDir: dataDir(), clock });
    try {
      const backups = t.core.backups;
      backups.setSchedule({ intervalHours: 6, keep: 2 });
      expect((await backups.runDue())?.kind).toBe('scheduled');
      expect(await backups.runDue()).toBeNull();
      clock.advance(6 * 3_600_000 - 1);
      expect(await backups.runDue()).toBeNull();
      for (let i = 0; i < 3; i += 1) {
        clock.advance(6 * 3_600_000);
        expect((await backups.runDue())?.kind).toBe('scheduled');
      }
      const scheduled = backups.list().filter((item) => item.kind === 'scheduled');
      expect(scheduled.map((item) => item.createdAt)).toEqual(['2026-11-29T02:59:59.999Z', '2026-11-28T20:59:59.999Z']);
      expect(readdirSync(backups.folder).some((name) => name.endsWith('.partial'))).toBe(false);
      backups.setSchedule({ intervalHours: 0, keep: 2 });
      clock.advance(48 * 3_600_000);
      expect(await backups.runDue()).toBeNull();
    } finally {
      await t.close();
    }
  });
});
