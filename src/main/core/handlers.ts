/**
 * Binds every contract operation to the domain service that implements it. Nothing else happens here:
 * access and input were checked by the dispatcher; rules live in the services.
 */
import type { AccountsService } from '../accounts/index';
import type { BookingService } from '../booking/index';
import type { PaymentsService } from '../payments/index';
import type { PricingService } from '../pricing/index';
import type { ReportsService } from '../reports/index';
import type { SeatingService } from '../seating/index';
import type { CatalogService } from '../catalog/index';
import type { SchedulingService } from '../scheduling/index';
import type { TheatersService } from '../theaters/index';
import type { Handlers } from './dispatcher';
import { DomainError } from '../../shared/contract/errors';
import { VERSION } from './version';

export interface Services {
  accounts: AccountsService;
  theaters: TheatersService;
  catalog: CatalogService;
  scheduling: SchedulingService;
  pricing: PricingService;
  seating: SeatingService;
  booking: BookingService;
  payments: PaymentsService;
  reports: ReportsService;
}

export function createHandlers({
  accounts,
  theaters,
  catalog,
  scheduling,
  pricing,
  seating,
  booking,
  payments,
  reports,
}: Services): Handlers {
  return {
    'system.health': () => Promise.resolve({ status: 'ok', version: VERSION }),

    'auth.login': (input, ctx) => accounts.login(input, ctx),
    'auth.logout': (_input, ctx) => accounts.logout(ctx),
    'auth.me': (_input, ctx) => Promise.resolve(accounts.me(ctx)),
    'auth.register': (input, ctx) => accounts.register(input, ctx),
    'users.create': (input, ctx) => accounts.createUser(input, ctx),
    'users.list': (input) => accounts.listUsers(input),
    'users.get': (input) => accounts.getUser(input.userId),
    'users.update': (input, ctx) => accounts.updateUser(input, ctx),
    'apiKeys.create': (input, ctx) => accounts.createApiKey(input, ctx),
    'apiKeys.list': (input) => accounts.listApiKeys(input),
    'apiKeys.revoke': (input, ctx) => accounts.revokeApiKey(input, ctx),

    'movies.list': (input) => catalog.list(input),
    'movies.get': (input) => catalog.get(input.movieId),
    'movies.create': (input, ctx) => catalog.create(input, ctx),
    'movies.update': (input, ctx) => catalog.update(input, ctx),
    'movies.delete': (input, ctx) => catalog.remove(input, ctx),
    'movies.setPoster': (input, ctx) => catalog.setPoster(input, ctx),

    'theaters.list': () => theaters.listTheaters(),
    'theaters.get': (input) => theaters.getTheater(input.theaterId),
    'theaters.create': (input, ctx) => theaters.createTheater(input, ctx),
    'theaters.update': (input, ctx) => theaters.updateTheater(input, ctx),
    'screens.list': (input) => theaters.listScreens(input.theaterId),
    'screens.get': (input) => theaters.getScreen(input.screenId),
    'screens.create': (input, ctx) => theaters.createScreen(input, ctx),
    'screens.update': (input, ctx) => theaters.updateScreen(input, ctx),

    'showtimes.list': (input) => scheduling.list(input),
    'showtimes.get': (input) => scheduling.get(input.showtimeId),
    'showtimes.create': (input, ctx) => scheduling.create(input, ctx),
    'showtimes.update': (input, ctx) => scheduling.update(input, ctx),
    'showtimes.cancel': (input, ctx) => scheduling.cancel(input, ctx),

    'pricing.get': (input) => pricing.get(input.theaterId),
    'pricing.set': (input, ctx) => pricing.set(input, ctx),

    'seatmap.get': (input) => seating.seatMap(input.showtimeId),
    'seats.block': (input, ctx) => seating.block(input, ctx),
    'holds.create': (input, ctx) => seating.createHold(input, ctx),
    'holds.get': (input, ctx) => seating.getHold(input.holdId, ctx),
    'holds.extend': (input, ctx) => seating.extendHold(input.holdId, ctx),
    'holds.release': (input, ctx) => seating.releaseHold(input.holdId, ctx),

    'bookings.create': (input, ctx) => booking.create(input, ctx),
    'bookings.get': (input, ctx) => booking.get(input.bookingId, ctx),
    'bookings.list': (input, ctx) => booking.list(input, ctx),
    'bookings.cancel': (input, ctx) => booking.cancel(input, ctx),
    'bookings.exchange': (input, ctx) => booking.exchange(input, ctx),

    'payments.create': (input, ctx) => payments.pay(input, ctx),
    'payments.get': (input, ctx) => payments.get(input.paymentId, ctx),
    'payments.cancel': () => Promise.reject(new DomainError('payments_not_configured')),
    'readers.list': () => Promise.reject(new DomainError('payments_not_configured')),
    'readers.create': () => Promise.reject(new DomainError('payments_not_configured')),
    'shifts.open': (input, ctx) => payments.openShift(input, ctx),
    'shifts.current': (_input, ctx) => payments.currentShift(ctx),
    'shifts.get': (input, ctx) => payments.getShift(input.shiftId, ctx),
    'shifts.close': (input, ctx) => payments.closeShift(input, ctx),

    'reports.sales': (input, ctx) => reports.sales(input, ctx),
  };
}
