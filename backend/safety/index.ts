/**
 * Keeping the user's data safe: start-up integrity checks and recovery, rotating backups, plain messages for
 * storage failures. See SECURITY.md for what is checked and the figures.
 *
 * For the importer: call `backupNow(ctx, 'import')` before an import writes anything (outside any transaction).
 */
export { BACKUP_DIR, KEEP_BACKUPS, backupDir, backupNow, dailyBackup, listBackups, rotateBackups, type BackupInfo, type BackupOutcome, type BackupReason } from './backups.ts';
export { contentChecksum, databaseChecksum, tableChecksums } from './checksum.ts';
export { inspectDatabaseFile, type FileState } from './integrity.ts';
export { finishStartup, formatWhen, openDatabaseSafely, restoreNewestBackup, type SafeOpen } from './startup.ts';
export { StorageError, describeStorageProblem, toStorageError, type StorageProblem } from './storage-errors.ts';
export { guardHandlers } from './guard.ts';
