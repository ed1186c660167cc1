/** Every migration, in order, listed explicitly (bundlers cannot follow a folder scan). */
import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';

export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
};
