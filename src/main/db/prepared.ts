/**
 * Queries of the booking pipeline's hot path, built with Kysely's typed builder once and then run as
 * plain SQL with fresh parameters.
 *
 * Building and compiling a Kysely query costs several times what SQLite then spends running a simple
 * one (measured with `npx tsx tests/bench/pipeline-bench.ts --sql`). A sale runs a few dozen statements,
 * so the builder was a large share of the server's CPU under load. `prepared()` keeps the builder (and
 * its column and type checks) for writing the query, calls it once with marker values in place of the
 * arguments, and remembers the SQL and where each argument lands among the parameters. Every call after
 * that only fills in the parameters and executes, on whatever handle it is given (the shared one or a
 * transaction's).
 *
 * Arguments must be plain values that the query binds as parameters (never used to choose columns, build
 * IN lists or branch): a marker that does not appear among the compiled parameters is a programming error
 * reported on first use.
 */
import { CompiledQuery, type Compilable, type Kysely, type QueryResult, type RawBuilder } from 'kysely';
import type { Db } from './connection';
import type { Database } from './schema';
import { assertUsableHandle } from './transaction';

type Scalar = string | number | bigint | null | Uint8Array;

type Slot = { arg: number } | { value: unknown };

interface Template {
  sql: string;
  slots: Slot[];
}

const MARKER = '\u0000marquee-argument-';

function compileTemplate<A extends Scalar[]>(
  db: Db,
  build: (db: Db, ...args: A) => Compilable,
  arity: number,
): Template {
  const markers = Array.from({ length: arity }, (_, i) => `${MARKER}${i}`);
  const compiled = build(db, ...(markers as unknown as A)).compile();
  const slots: Slot[] = compiled.parameters.map((value) =>
    typeof value === 'string' && value.startsWith(MARKER) ? { arg: Number(value.slice(MARKER.length)) } : { value },
  );
  const bound = new Set(slots.flatMap((slot) => ('arg' in slot ? [slot.arg] : [])));
  for (let i = 0; i < arity; i += 1) {
    if (!bound.has(i)) {
      throw new Error(`Argument ${i} of a prepared query is not bound as a parameter of: ${compiled.sql}`);
    }
  }
  return { sql: compiled.sql, slots };
}

/** A query compiled once: `run(db, ...args)` executes it with these arguments and answers Kysely's result. */
export function prepared<A extends Scalar[], R>(
  build: (db: Db, ...args: A) => Compilable<R>,
): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  let template: Template | undefined;
  return async (db, ...args) => {
    assertUsableHandle(db);
    template ??= compileTemplate(db, build, args.length);
    const parameters = template.slots.map((slot) => ('arg' in slot ? args[slot.arg] : slot.value));
    return db.executeQuery(CompiledQuery.raw(template.sql, parameters));
  };
}

/** The same for a raw `sql` template: `build` writes it with every argument as a bound value. */
export function preparedSql<A extends Scalar[], R = unknown>(
  build: (...args: A) => RawBuilder<R>,
): (db: Db, ...args: A) => Promise<QueryResult<R>> {
  return prepared<A, R>((db, ...args) => ({ compile: () => build(...args).compile(db) }));
}

/**
 * The same for queries whose shape depends on a small key (the number of rows of a multi-row insert, the
 * set of columns an update changes): one template per key, built on first use.
 */
export function preparedBy<K extends string | number, A extends Scalar[], R>(
  build: (key: K) => (db: Db, ...args: A) => Compilable<R>,
): (key: K) => (db: Db, ...args: A) => Promise<QueryResult<R>> {
  const byKey = new Map<K, (db: Db, ...args: A) => Promise<QueryResult<R>>>();
  return (key) => {
    let run = byKey.get(key);
    if (!run) {
      run = prepared(build(key));
      byKey.set(key, run);
    }
    return run;
  };
}

type Row = Record<string, Scalar | undefined>;

const ROWS_PER_INSERT = 16;

/** A row of `table` by column name: a misspelt column is a type error, as with Kysely's own builder. */
type ColumnsOf<T extends keyof Database> = Partial<Record<keyof Database[T] & string, Scalar | undefined>>;

/** The generic helpers below name tables and columns at run time: they see the schema loosely typed. */
type LooseDb = Kysely<Record<string, Record<string, Scalar>>>;
const loose = (db: Db) => db as unknown as LooseDb;

/** Column names with a value (undefined means "not given", as in Kysely's own `values` and `set`). */
function givenColumns(row: Row): string[] {
  return Object.keys(row)
    .filter((name) => row[name] !== undefined)
    .sort();
}

/**
 * `INSERT INTO table` of one or more rows, answering the `returning` columns: one template per set of
 * columns and number of rows. Every row must give the same columns.
 */
export function preparedInsert<T extends keyof Database>(table: T, returning: readonly string[] = []) {
  const run = preparedBy((key: string) => {
    const [names, count] = [key.split('|')[0]!.split(','), Number(key.split('|')[1])];
    return (db: Db, ...values: Scalar[]) => {
      const rows = Array.from({ length: count }, (_, r) =>
        Object.fromEntries(names.map((name, i) => [name, values[r * names.length + i]])),
      );
      const insert = loose(db).insertInto(table).values(rows);
      return returning.length > 0 ? insert.returning(returning as string[]) : insert;
    };
  });
  return async <R = Record<string, unknown>>(db: Db, rows: readonly ColumnsOf<T>[]): Promise<R[]> => {
    if (rows.length === 0) return [];
    const names = givenColumns(rows[0]!);
    const answered: R[] = [];
    // In chunks of at most ROWS_PER_INSERT, so a big insert does not add a template per row count.
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
      const chunk = rows.slice(start, start + ROWS_PER_INSERT);
      const values = chunk.flatMap((row) => names.map((name) => (row as Row)[name] ?? null));
      const result = await run(`${names.join(',')}|${chunk.length}`)(db, ...values);
      answered.push(...(result.rows as R[]));
    }
    return answered;
  };
}

/** `UPDATE table SET … WHERE id = ?` for the columns given a value; answers the number of rows changed. */
export function preparedUpdateById<T extends keyof Database>(table: T) {
  const run = preparedBy((key: string) => {
    const names = key.split(',');
    return (db: Db, ...values: Scalar[]) =>
      loose(db)
        .updateTable(table as string)
        .set(Object.fromEntries(names.map((name, i) => [name, values[i]])))
        .where('id', '=', values[names.length]!);
  });
  return async (db: Db, id: number, changes: ColumnsOf<T>): Promise<number> => {
    const names = givenColumns(changes);
    if (names.length === 0) return 0;
    const result = await run(names.join(','))(db, ...names.map((name) => (changes as Row)[name] ?? null), id);
    return Number(result.numAffectedRows ?? 0);
  };
}
