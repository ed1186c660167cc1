/** The database layer: connection with its pragmas, migrations, the write-transaction helper, table types. */
export { openDatabase, type Db, type OpenedDatabase } from './connection';
export { startCheckpointer, type Checkpointer } from './checkpointer';
export { migrateToLatest, DatabaseFromFutureError, type MigrateResult } from './migrate';
export {
  writeTransaction,
  isTransaction,
  isTriggerError,
  isUniqueViolation,
  onRollback,
  toJson,
  withConnection,
} from './transaction';
export type * from './schema';
export { prepared, preparedBy, preparedInsert, preparedSql, preparedUpdateById } from './prepared';
