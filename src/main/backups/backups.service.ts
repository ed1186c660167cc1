/**
 * Backups of the box office's database: taken with SQLite's online backup API (sales go on while it
 * copies), on a schedule and on demand, kept N at a time, in `<data dir>/backups`. A restore is staged:
 * the backup is checked now (integrity and schema), and it replaces the database at the next start,
 * before anything opens it; the database it replaces is kept as a before-restore backup. Swapping the
 * file under a running server would leave every cache and in-flight sale pointing at the old data.
 *
 * The schedule lives in a small JSON file beside the backups rather than in the database, so that
 * restoring an old database does not also bring back an old schedule.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { DomainError } from '../../shared/contract/errors';
import type { OutputOf } from '../../shared/contract/index';
import type { Clock } from '../core/clock';

type Backup = OutputOf<'backups.create'>;
type BackupsState = OutputOf<'backups.list'>;
type Schedule = BackupsState['schedule'];
type Kind = Backup['kind'];

const DEFAULT_SCHEDULE: Schedule = { intervalHours: 24, keep: 14 };
const SCHEDULE_FILE = 'schedule.json';
const PENDING_FILE = 'restore-pending.json';
const NAME = /^marquee-[A-Za-z0-9-]+\.db$/;

/** `2026-11-28T09-00-00-000Z`: an ISO instant that is also a file name, sorting in time order. */
function stampOf(at: number): string {
  return new Date(at).toISOString().replace(/[:.]/g, '-');
}

function instantOf(name: string): number | null {
  const match = /^marquee-(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name);
  if (!match) return null;
  return Date.parse(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`);
}

function kindOf(name: string): Kind {
  if (name.endsWith('-scheduled.db')) return 'scheduled';
  if (name.endsWith('-manual.db')) return 'manual';
  if (name.endsWith('-before-restore.db')) return 'before-restore';
  return 'before-migration';
}

/**
 * Checks a database file without changing it: SQLite's integrity check, and migrations that this
 * version knows (a newer version's database would not open after the restore). Throws backup_damaged.
 */
export function verifyBackup(file: string, knownMigrations: readonly string[]): void {
  let db: BetterSqlite3.Database | null = null;
  try {
    db = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('integrity_check', { simple: true });
    if (check !== 'ok')
      throw new DomainError('backup_damaged', `The backup failed its integrity check: ${String(check)}.`);
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    if (!table) throw new DomainError('backup_damaged', 'The file is not a Marquee database.');
    const names = (db.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((row) => row.name);
    const unknown = names.filter((name) => !knownMigrations.includes(name));
    if (unknown.length > 0) {
      throw new DomainError('backup_damaged', `The backup is from a newer version (${unknown.join(', ')}).`);
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('backup_damaged', `The backup could not be read: ${(error as Error).message}`);
  } finally {
    db?.close();
  }
}

export class BackupsService {
  readonly folder: string;
  private running: Promise<Backup> | null = null;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly dataDir: string,
    private readonly clock: Clock,
    private readonly knownMigrations: readonly string[],
  ) {
    this.folder = join(dataDir, 'backups');
  }

  state(): BackupsState {
    return {
      items: this.list(),
      schedule: this.schedule(),
      folder: this.folder,
      restorePending: this.pending(),
    };
  }

  list(): Backup[] {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder)
      .filter((name) => NAME.test(name))
      .map((name) => {
        const stat = statSync(join(this.folder, name));
        const at = instantOf(name) ?? stat.mtimeMs;
        return { name, kind: kindOf(name), sizeBytes: stat.size, createdAt: new Date(at).toISOString() };
      })
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
  }

  schedule(): Schedule {
    try {
      const raw = JSON.parse(readFileSync(join(this.folder, SCHEDULE_FILE), 'utf8')) as Partial<Schedule>;
      return {
        intervalHours: Number.isInteger(raw.intervalHours) ? raw.intervalHours! : DEFAULT_SCHEDULE.intervalHours,
        keep: Number.isInteger(raw.keep) && raw.keep! > 0 ? raw.keep! : DEFAULT_SCHEDULE.keep,
      };
    } catch {
      return { ...DEFAULT_SCHEDULE };
    }
  }

  setSchedule(schedule: Schedule): BackupsState {
    mkdirSync(this.folder, { recursive: true });
    writeFileSync(join(this.folder, SCHEDULE_FILE), `${JSON.stringify(schedule, null, 2)}\n`);
    this.prune('scheduled', schedule.keep);
    this.prune('manual', schedule.keep);
    return this.state();
  }

  /** Takes a backup now; one at a time (a second request waits for the running one and gets it). */
  create(kind: 'manual' | 'scheduled' = 'manual'): Promise<Backup> {
    this.running ??= this.take(kind).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** The scheduler's tick: a scheduled backup when the last one is older than the interval. */
  async runDue(): Promise<Backup | null> {
    const { intervalHours } = this.schedule();
    if (intervalHours === 0) return null;
    const last = this.list().find((item) => item.kind === 'scheduled');
    if (last && Date.parse(last.createdAt) + intervalHours * 3_600_000 > this.clock.now()) return null;
    return this.create('scheduled');
  }

  stageRestore(name: string): BackupsState {
    const file = this.fileOf(name);
    verifyBackup(file, this.knownMigrations);
    writeFileSync(
      join(this.folder, PENDING_FILE),
      `${JSON.stringify({ name, stagedAt: new Date(this.clock.now()).toISOString() })}\n`,
    );
    return this.state();
  }

  cancelRestore(): BackupsState {
    rmSync(join(this.folder, PENDING_FILE), { force: true });
    return this.state();
  }

  private pending(): string | null {
    return pendingRestore(this.folder);
  }

  private fileOf(name: string): string {
    if (!NAME.test(name) || !this.list().some((item) => item.name === name)) {
      throw new DomainError('not_found', 'There is no backup of that name.');
    }
    return join(this.folder, name);
  }

  private async take(kind: 'manual' | 'scheduled'): Promise<Backup> {
    mkdirSync(this.folder, { recursive: true });
    const name = `marquee-${stampOf(this.clock.now())}-${kind}.db`;
    const partial = join(this.folder, `${name}.partial`);
    try {
      await this.sqlite.backup(partial);
      renameSync(partial, join(this.folder, name));
    } finally {
      rmSync(partial, { force: true });
    }
    this.prune(kind, this.schedule().keep);
    return this.list().find((item) => item.name === name)!;
  }

  private prune(kind: Kind, keep: number): void {
    for (const old of this.list()
      .filter((item) => item.kind === kind)
      .slice(keep)) {
      rmSync(join(this.folder, old.name), { force: true });
    }
  }
}

function pendingRestore(folder: string): string | null {
  try {
    const { name } = JSON.parse(readFileSync(join(folder, PENDING_FILE), 'utf8')) as { name?: unknown };
    return typeof name === 'string' && NAME.test(name) ? name : null;
  } catch {
    return null;
  }
}

/**
 * At start, before the database is opened: a staged restore replaces it. The backup is checked again;
 * the database it replaces (with its WAL, if the last run did not end cleanly) is kept as a
 * before-restore backup. A backup that fails its check is left alone and the start goes on with the
 * current database; the answer says what happened either way, for the log.
 */
export function applyStagedRestore(
  dataDir: string,
  databaseFile: string,
  knownMigrations: readonly string[],
  now: number,
): string | null {
  const folder = join(dataDir, 'backups');
  const name = pendingRestore(folder);
  const marker = join(folder, PENDING_FILE);
  if (!name) {
    rmSync(marker, { force: true });
    return null;
  }
  const source = join(folder, name);
  try {
    verifyBackup(source, knownMigrations);
  } catch (error) {
    rmSync(marker, { force: true });
    return `restore of ${name} not done: ${(error as Error).message}`;
  }
  const database = join(dataDir, databaseFile);
  const kept = join(folder, `marquee-${stampOf(now)}-before-restore.db`);
  if (existsSync(database)) {
    renameSync(database, kept);
    for (const suffix of ['-wal', '-shm']) {
      if (existsSync(database + suffix)) renameSync(database + suffix, kept + suffix);
    }
  }
  copyFileSync(source, database);
  rmSync(marker, { force: true });
  return `restored ${name}; the database it replaced is kept as ${kept}`;
}
