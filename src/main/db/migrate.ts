/**
 * Brings the schema up to date at startup. Before applying anything to a database that already has
 * data, it takes an online backup next to it, so a failed or regretted upgrade can be undone by hand.
 * A database written by a newer Marquee (it lists migrations this build does not know) is refused
 * untouched with DatabaseFromFutureError.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import { migrations as allMigrations } from '../../../migrations/index';
import type { OpenedDatabase } from './connection';

export class DatabaseFromFutureError extends Error {
  constructor(file: string, unknown: string[]) {
    super(
      `The database ${file} was written by a newer version of Marquee (it has migrations ${unknown.join(', ')} that this version does not know). ` +
        'Install the newer version, or restore a backup made by this one. Nothing was changed.',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

class ListedMigrations implements MigrationProvider {
  constructor(private readonly list: Record<string, Migration>) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(this.list);
  }
}

export interface MigrateResult {
  applied: string[];
  backup: string | null;
}

export async function migrateToLatest(
  opened: OpenedDatabase,
  options: { backupDir?: string; now?: () => number; migrations?: Record<string, Migration> } = {},
): Promise<MigrateResult> {
  const list = options.migrations ?? allMigrations;
  const executed = executedMigrations(opened);
  const unknown = executed.filter((name) => !Object.hasOwn(list, name));
  if (unknown.length > 0) throw new DatabaseFromFutureError(opened.file, unknown);

  const pending = Object.keys(list).filter((name) => !executed.includes(name));
  if (pending.length === 0) return { applied: [], backup: null };

  let backup: string | null = null;
  if (executed.length > 0 && options.backupDir && opened.file !== ':memory:') {
    mkdirSync(options.backupDir, { recursive: true });
    const stamp = new Date(options.now?.() ?? Date.now()).toISOString().replace(/[:.]/g, '-');
    backup = join(options.backupDir, `marquee-${stamp}-before-${pending[0]}.db`);
    await opened.sqlite.backup(backup);
  }

  const migrator = new Migrator({ db: opened.db, provider: new ListedMigrations(list) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`Migration failed: ${JSON.stringify(error)}`);
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName), backup };
}

function executedMigrations(opened: OpenedDatabase): string[] {
  const table = opened.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'")
    .get();
  if (!table) return [];
  const rows = opened.sqlite.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as { name: string }[];
  return rows.map((row) => row.name);
}
