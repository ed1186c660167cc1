/**
 * Reading the audit log (writing is `recordAudit`, inside each change's own transaction). Entries name
 * their actor by reference (`user:3`); the names shown come from the accounts and devices modules at
 * reading time, through the resolver the core wires in.
 */
import type { OutputOf, ParsedInputOf } from '../../shared/contract/index';
import { toOffsetIso } from '../../shared/domain/time';
import { decodeCursor, pageOf } from '../core/cursor';
import type { Db } from '../db/index';
import { listAudit } from './audit.queries';

type Entry = OutputOf<'audit.list'>['items'][number];
type ActorKind = Entry['actor']['kind'];

/** Names for actor references of one kind; ids it does not know are left out. */
export type ActorNames = (kind: 'user' | 'apiKey' | 'device', ids: number[]) => Promise<Map<number, string>>;

function parseRef(ref: string): { kind: ActorKind; id: number | null } {
  const match = /^(user|apiKey|device):(\d+)$/.exec(ref);
  if (!match) return { kind: 'anonymous', id: null };
  return { kind: match[1] as ActorKind, id: Number(match[2]) };
}

function parseData(data: string | null): unknown {
  if (data === null) return null;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return data;
  }
}

export class AuditService {
  constructor(
    private readonly db: Db,
    private readonly names: ActorNames,
  ) {}

  async list(input: ParsedInputOf<'audit.list'>): Promise<OutputOf<'audit.list'>> {
    const after = decodeCursor(input.cursor, ['number', 'number']);
    const rows = await listAudit(this.db, {
      actor: input.actor,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      from: input.from === undefined ? undefined : Date.parse(input.from),
      to: input.to === undefined ? undefined : Date.parse(input.to),
      before: after ? { at: Number(after[0]), id: Number(after[1]) } : undefined,
      limit: input.limit + 1,
    });
    const refs = rows.map((row) => parseRef(row.actor));
    const resolved = new Map<string, string>();
    for (const kind of ['user', 'apiKey', 'device'] as const) {
      const ids = [...new Set(refs.filter((ref) => ref.kind === kind).map((ref) => ref.id as number))];
      if (ids.length === 0) continue;
      for (const [id, name] of await this.names(kind, ids)) resolved.set(`${kind}:${id}`, name);
    }
    return pageOf(
      rows,
      input.limit,
      (row): Entry => {
        const ref = parseRef(row.actor);
        return {
          id: row.id,
          at: toOffsetIso(row.at, 'UTC'),
          actor: {
            ref: row.actor,
            kind: ref.kind,
            id: ref.id,
            name:
              ref.kind === 'anonymous'
                ? 'System'
                : (resolved.get(row.actor) ?? `${ref.kind === 'apiKey' ? 'API key' : ref.kind} #${ref.id}`),
          },
          action: row.action,
          entity: row.entity,
          entityId: row.entity_id,
          data: parseData(row.data),
        };
      },
      (row) => [row.at, row.id],
    );
  }
}
