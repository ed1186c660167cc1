import type { Db } from '../db/index';
import { actorRef, type Actor } from '../core/actor';

export interface AuditEntry {
  actor: Actor;
  action: string;
  entity: string;
  entityId?: number | null;
  data?: unknown;
}

/** Appends one entry; call it inside the transaction that makes the change, so both commit or neither. */
export async function recordAudit(trx: Db, at: number, entry: AuditEntry): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at,
      actor: actorRef(entry.actor),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
    })
    .execute();
}
