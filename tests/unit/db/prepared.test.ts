import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest, openDatabase, writeTransaction, type OpenedDatabase } from '../../../src/main/db/index';
import { sql } from 'kysely';
import {
  prepared,
  preparedBy,
  preparedInsert,
  preparedSql,
  preparedUpdateById,
  type Db,
} from '../../../src/main/db/index';

let opened: OpenedDatabase;

beforeEach(async () => {
  opened = openDatabase(join(mkdtempSync(join(tmpdir(), 'marquee-prepared-')), 'marquee.db'), {
    transactionGuard: true,
  });
  await migrateToLatest(opened);
});

afterEach(async () => {
  await opened.db.destroy();
});

const insertMovie = preparedInsert('movies', ['id']);
const updateMovie = preparedUpdateById('movies');
const movieById = prepared((db: Db, id: number) =>
  db.selectFrom('movies').select(['id', 'title']).where('id', '=', id),
);
const moviesLongerThan = prepared((db: Db, minutes: number, limit: number) =>
  db.selectFrom('movies').select('title').where('duration_minutes', '>', minutes).orderBy('id').limit(limit),
);

function movie(title: string, minutes: number) {
  return { title, duration_minutes: minutes, created_at: 1, updated_at: 1 };
}

describe('prepared queries', () => {
  it('bind fresh arguments on every call and agree with the builder', async () => {
    const ids = await insertMovie<{ id: number }>(opened.db, [movie('A', 90), movie('B', 120), movie('C', 150)]);
    expect(ids).toHaveLength(3);
    for (const { id } of ids) {
      const built = await opened.db.selectFrom('movies').select(['id', 'title']).where('id', '=', id).execute();
      expect((await movieById(opened.db, id)).rows).toEqual(built);
    }
    expect((await moviesLongerThan(opened.db, 100, 5)).rows.map((row) => row.title)).toEqual(['B', 'C']);
    expect((await moviesLongerThan(opened.db, 0, 1)).rows.map((row) => row.title)).toEqual(['A']);
  });

  it('run raw SQL templates with fresh arguments, and refuse an argument used as text', async () => {
    await insertMovie(opened.db, [movie('A', 90), movie('B', 120)]);
    const titlesBetween = preparedSql(
      (min: number, max: number) =>
        sql<{ title: string }>`SELECT title FROM movies WHERE duration_minutes BETWEEN ${min} AND ${max} ORDER BY id`,
    );
    expect((await titlesBetween(opened.db, 0, 100)).rows).toEqual([{ title: 'A' }]);
    expect((await titlesBetween(opened.db, 100, 200)).rows).toEqual([{ title: 'B' }]);
    const sliced = preparedSql((title: string) => sql`SELECT id FROM movies WHERE title = ${title.slice(0, 1)}`);
    await expect(sliced(opened.db, 'A')).rejects.toThrow(/not bound as a parameter/);
  });

  it('update only the columns given, answer the rows changed, and keep nulls', async () => {
    const [{ id }] = (await insertMovie<{ id: number }>(opened.db, [movie('A', 90)])) as [{ id: number }];
    expect(await updateMovie(opened.db, id, { title: 'A2', description: undefined, language: null })).toBe(1);
    expect(await updateMovie(opened.db, id + 100, { title: 'nobody' })).toBe(0);
    expect(await updateMovie(opened.db, id, {})).toBe(0);
    const row = await opened.db.selectFrom('movies').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.title).toBe('A2');
    expect(row.duration_minutes).toBe(90);
  });

  it('insert more rows than one template holds, in order', async () => {
    const rows = Array.from({ length: 40 }, (_, i) => movie(`M${i}`, 60 + i));
    const ids = await insertMovie<{ id: number }>(opened.db, rows);
    expect(ids).toHaveLength(40);
    const titles = await opened.db.selectFrom('movies').select('title').orderBy('id').execute();
    expect(titles.map((row) => row.title)).toEqual(rows.map((row) => row.title));
  });

  it('refuse an argument that is not a bound parameter', async () => {
    const bad = prepared((db: Db, column: string) =>
      db.selectFrom('movies').select(column === 'title' ? 'title' : 'id'),
    );
    await expect(bad(opened.db, 'title')).rejects.toThrow(/not bound as a parameter/);
  });

  it('keep one template per key', async () => {
    let built = 0;
    const byCount = preparedBy((count: number) => (db: Db, ...ids: number[]) => {
      built += 1;
      return db.selectFrom('movies').select('id').where('id', 'in', ids.slice(0, count));
    });
    await byCount(2)(opened.db, 1, 2);
    await byCount(2)(opened.db, 3, 4);
    await byCount(3)(opened.db, 1, 2, 3);
    expect(built).toBe(2);
  });

  it('run inside a write transaction on its handle, and refuse the shared handle there', async () => {
    await writeTransaction(opened.db, async (trx) => {
      await insertMovie(trx, [movie('T', 100)]);
      expect((await moviesLongerThan(trx, 0, 10)).rows).toHaveLength(1);
    });
    await expect(
      writeTransaction(opened.db, async () => {
        await moviesLongerThan(opened.db, 0, 10);
      }),
    ).rejects.toThrow(/shared database handle/);
  });
});
