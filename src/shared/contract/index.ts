/**
 * The one contract between the main process and everyone who calls it. Each domain file lists its
 * operations; this map joins them. Names are `domain.verb`.
 */
import type { z } from 'zod';
import { accountsOperations } from './accounts';
import { auditOperations } from './audit';
import { bookingOperations } from './booking';
import { paymentsOperations } from './payments';
import { drawerOperations } from './drawer';
import { catalogOperations } from './catalog';
import type { OperationDef } from './operation';
import { pricingOperations } from './pricing';
import { reviewsOperations } from './reviews';
import { reportsOperations } from './reports';
import { schedulingOperations } from './scheduling';
import { settingsOperations } from './settings';
import { systemOperations } from './system';
import { theatersOperations } from './theaters';
import { ticketsOperations } from './tickets';

export const operations = {
  ...systemOperations,
  ...accountsOperations,
  ...catalogOperations,
  ...theatersOperations,
  ...schedulingOperations,
  ...pricingOperations,
  ...bookingOperations,
  ...paymentsOperations,
  ...drawerOperations,
  ...reviewsOperations,
  ...ticketsOperations,
  ...reportsOperations,
  ...auditOperations,
  ...settingsOperations,
} satisfies Record<string, OperationDef>;

export type Operations = typeof operations;
export type OperationName = keyof Operations;
/** What a caller sends (before defaults are applied). */
export type InputOf<N extends OperationName> = z.input<Operations[N]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInputOf<N extends OperationName> = z.output<Operations[N]['input']>;
export type OutputOf<N extends OperationName> = z.output<Operations[N]['output']>;

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(operations, name);
}

export * from './errors';
export type { Access, OperationDef, RestBinding } from './operation';
export type { User } from './accounts';
export type { AuditEntry } from './audit';
export type { Movie } from './catalog';
export type { Theater, Screen, Layout, KioskOptions } from './theaters';
export type { StripeSettings } from './settings';
export type { Showtime } from './scheduling';
export type { PriceList, PricePreview } from './pricing';
export type { SeatMap, Booking } from './booking';
export type { Review } from './reviews';
export type { CheckinResult } from './tickets';
export type { SalesReport, SalesFigures, DistributorReport, Dashboard } from './reports';
