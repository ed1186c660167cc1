import { preparedInsert, type Db } from '../db/index';
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
  await insertEntry(trx, [
    {
      at,
      actor: actorRef(entry.actor),
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId ?? null,
      data: entry.data === undefined ? null : JSON.stringify(entry.data),
    },
  ]);
}

const insertEntry = preparedInsert('audit_log');

export interface AuditFilter {
  actor?: string;
  /** An exact action, or the first part of actions (`user` matches `user.create`). */
  action?: string;
  entity?: string;
  entityId?: number;
  from?: number;
  to?: number;
  /** The (at, id) of the last entry of the previous page: the next page starts just below it. */
  before?: { at: number; id: number };
  limit: number;
}

/** Newest first by (at, id); the indexes on at, (actor, at) and (action, at) serve each filter. */
export function listAudit(db: Db, filter: AuditFilter) {
  let query = db.selectFrom('audit_log').select(['id', 'at', 'actor', 'action', 'entity', 'entity_id', 'data']);
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  const action = filter.action;
  if (action !== undefined) {
    query = query.where((eb) =>
      eb.or([eb('action', '=', action), eb.and([eb('action', '>=', `${action}.`), eb('action', '<', `${action}/`)])]),
    );
  }
  if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
  if (filter.entityId !== undefined) query = query.where('entity_id', '=', filter.entityId);
  if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('at', '<', filter.to);
  const before = filter.before;
  if (before) {
    query = query.where((eb) =>
      eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]),
    );
  }
  return query.orderBy('at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
}
