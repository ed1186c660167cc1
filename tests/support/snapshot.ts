import { createHash } from 'node:crypto';
import type { Core } from '../../src/main/core/core';

/** A fingerprint of every row of every table, to prove a request changed nothing. */
export function databaseFingerprint(core: Core): Record<string, string> {
  const sqlite = core.database.sqlite;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .all() as { name: string }[];
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = sqlite
      .prepare(`SELECT * FROM "${name}"`)
      .all()
      .map((row) =>
        JSON.stringify(row, (_key, value: unknown) =>
          value instanceof Uint8Array ? Buffer.from(value).toString('base64') : value,
        ),
      )
      .sort();
    result[name] = `${rows.length}:${createHash('sha256').update(rows.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return result;
}
