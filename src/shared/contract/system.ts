import { z } from 'zod';
import { empty, op } from './_prelude';

export const health = z.object({ status: z.literal('ok'), version: z.string() });

const backupName = z
  .string()
  .regex(/^marquee-[A-Za-z0-9-]+\.db$/, 'must be the name of a backup in the list')
  .max(120);

export const backup = z.object({
  name: z.string(),
  kind: z.enum(['scheduled', 'manual', 'before-migration', 'before-restore']),
  sizeBytes: z.number().int(),
  createdAt: z.string().describe('When the backup was taken (ISO-8601, UTC)'),
});

export const backupSchedule = z.object({
  intervalHours: z.number().int().min(0).max(168).describe('0 turns scheduled backups off'),
  keep: z.number().int().min(1).max(365).describe('Scheduled (and, separately, manual) backups kept'),
});

export const backupsState = z.object({
  items: z.array(backup).describe('Newest first'),
  schedule: backupSchedule,
  folder: z.string(),
  restorePending: z.string().nullable().describe('A backup staged to replace the database at the next start'),
});

export const backupOperations = {
  'backups.list': op({
    summary: 'Backups of the database, the schedule and any staged restore',
    tag: 'System',
    input: empty,
    output: backupsState,
    access: ['admin'],
    rest: { method: 'GET', path: '/backups' },
  }),
  'backups.create': op({
    summary: 'Take a backup now (SQLite online backup; sales go on meanwhile)',
    tag: 'System',
    input: empty,
    output: backup,
    access: ['admin'],
    rest: { method: 'POST', path: '/backups', status: 201 },
  }),
  'backups.setSchedule': op({
    summary: 'How often backups are taken and how many are kept',
    tag: 'System',
    input: backupSchedule,
    output: backupsState,
    access: ['admin'],
    rest: { method: 'PUT', path: '/backups/schedule' },
  }),
  /**
   * The backup is checked first (PRAGMA integrity_check, and a schema this version knows); a damaged one
   * is refused with 409 backup_damaged and nothing is staged. When the restore happens, the database it
   * replaces is kept as a before-restore backup.
   */
  'backups.restore': op({
    summary: 'Check a backup and stage it to replace the database when Marquee next starts',
    tag: 'System',
    input: z.object({ name: backupName }),
    output: backupsState,
    access: ['admin'],
    rest: { method: 'POST', path: '/backups/restore' },
  }),
  'backups.cancelRestore': op({
    summary: 'Cancel a staged restore',
    tag: 'System',
    input: empty,
    output: backupsState,
    access: ['admin'],
    rest: { method: 'DELETE', path: '/backups/restore' },
  }),
};

export const systemOperations = {
  ...backupOperations,
  /** Liveness: the server accepts requests and the database answers. */
  'system.health': op({
    summary: 'Health check',
    tag: 'System',
    input: empty,
    output: health,
    access: 'public',
    rest: { method: 'GET', path: '/health' },
  }),
};
