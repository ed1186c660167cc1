import { z } from 'zod';
import { id, listInput, op, page, timestamp } from './_prelude';

/** Who acted, as the audit log records it: `user:3`, `apiKey:2`, `device:4` or `anonymous` (the system). */
export const actorRef = z
  .string()
  .regex(/^((user|apiKey|device):\d{1,16}|anonymous)$/, 'must be user:ID, apiKey:ID, device:ID or anonymous');

export const auditEntry = z.object({
  id: z.number().int(),
  at: timestamp,
  actor: z.object({
    ref: z.string(),
    kind: z.enum(['user', 'apiKey', 'device', 'anonymous']),
    id: z.number().int().nullable(),
    name: z.string().describe('Username, API key or device name at the time of reading; "System" for anonymous'),
  }),
  action: z.string().describe('What was done, `object.verb`, e.g. user.update, review.hide, apiKey.revoke'),
  entity: z.string().describe('The kind of object changed, e.g. user, review, booking'),
  entityId: z.number().int().nullable(),
  data: z.unknown().describe('Details of the change as recorded (passwords never appear)'),
});
export type AuditEntry = z.infer<typeof auditEntry>;

export const auditOperations = {
  /**
   * The audit log, newest first: who did what to which object, and when. Filters combine; `action` is an
   * exact action (`user.update`) or a prefix of one (`user` matches user.create and user.update).
   */
  'audit.list': op({
    summary: 'Read the audit log',
    tag: 'Audit',
    input: listInput
      .extend({
        actor: actorRef.optional(),
        action: z
          .string()
          .trim()
          .regex(/^[a-zA-Z]+(\.[a-zA-Z]+)*$/, 'must be an action such as user.update, or its first part such as user')
          .max(60)
          .optional(),
        entity: z
          .string()
          .trim()
          .regex(/^[a-z_]+$/, 'must be an object kind such as user or review')
          .max(40)
          .optional(),
        entityId: id.optional(),
        from: timestamp.optional().describe('Entries at or after this instant'),
        to: timestamp.optional().describe('Entries before this instant'),
      })
      .refine((value) => value.entityId === undefined || value.entity !== undefined, {
        message: 'give entity with entityId',
        path: ['entityId'],
      })
      .refine((value) => !value.from || !value.to || Date.parse(value.from) < Date.parse(value.to), {
        message: 'must be after from',
        path: ['to'],
      }),
    output: page(auditEntry),
    access: ['admin'],
    rest: { method: 'GET', path: '/audit-log' },
  }),
};
