/** SQL of the settings module: the `secrets` table (encrypted credentials). */
import type { Selectable } from 'kysely';
import type { Db, SecretsTable } from '../db/index';

export type SecretRow = Selectable<SecretsTable>;

export function allSecrets(db: Db): Promise<SecretRow[]> {
  return db.selectFrom('secrets').selectAll().execute();
}

export async function putSecret(db: Db, row: SecretRow): Promise<void> {
  await db
    .insertInto('secrets')
    .values(row)
    .onConflict((oc) =>
      oc.column('name').doUpdateSet({
        ciphertext: row.ciphertext,
        last4: row.last4,
        updated_at: row.updated_at,
        updated_by: row.updated_by,
      }),
    )
    .execute();
}

export async function deleteSecret(db: Db, name: string): Promise<void> {
  await db.deleteFrom('secrets').where('name', '=', name).execute();
}
