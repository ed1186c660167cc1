/** Every migration, in order, listed explicitly (bundlers cannot follow a folder scan). */
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_seating_booking';
import * as m0003 from './0003_payments';
import * as m0008 from './0008_admin';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_seating_booking': m0002,
  '0003_payments': m0003,
  '0008_admin': m0008,
};
