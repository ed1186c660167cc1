/** The append-only audit log (the database refuses updates and deletes of it). */
export { recordAudit, type AuditEntry } from './audit.queries';
export { AuditService, type ActorNames } from './audit.service';
