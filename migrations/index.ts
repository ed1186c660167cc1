/** Every migration, in order, listed explicitly (bundlers cannot follow a folder scan). */
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_seating_booking';
import * as m0003 from './0003_payments';
import * as m0004 from './0004_stripe';
import * as m0005 from './0005_drawer';
import * as m0006 from './0006_tickets';
import * as m0007 from './0007_customers';
import * as m0008 from './0008_admin';
import * as m0009 from './0009_audit_indexes';
import * as m0010 from './0010_sales_rollup';
import * as m0011 from './0011_reader_assignment';
import * as m0012 from './0012_report_speed';
import * as m0013 from './0013_settings';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_seating_booking': m0002,
  '0003_payments': m0003,
  '0004_stripe': m0004,
  '0005_drawer': m0005,
  '0006_tickets': m0006,
  '0007_customers': m0007,
  '0008_admin': m0008,
  '0009_audit_indexes': m0009,
  '0010_sales_rollup': m0010,
  '0011_reader_assignment': m0011,
  '0012_report_speed': m0012,
  '0013_settings': m0013,
};
