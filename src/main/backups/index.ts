/** Database backups: scheduled, on demand, and restores staged for the next start. */
export { BackupsService, applyStagedRestore, verifyBackup } from './backups.service';
