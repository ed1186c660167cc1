/**
 * Binds every contract operation to the domain service that implements it. Nothing else happens here:
 * access and input were checked by the dispatcher; rules live in the services.
 */
import type { AccountsService, CustomersService } from '../accounts/index';
import type { AuditService } from '../audit/index';
import type { BookingService } from '../booking/index';
import type { DrawerService } from '../drawer/index';
import type { PaymentsService } from '../payments/index';
import type { PricingService } from '../pricing/index';
import type { ReviewsService } from '../reviews/index';
import type { ReportsService } from '../reports/index';
import type { SeatingService } from '../seating/index';
import type { CatalogService } from '../catalog/index';
import type { SchedulingService } from '../scheduling/index';
import type { TheatersService } from '../theaters/index';
import type { TicketsService } from '../tickets/index';
import type { DevicesService } from '../devices/index';
import type { BackupsService } from '../backups/index';
import type { SettingsService } from '../settings/index';
import type { Handlers } from './dispatcher';
import { VERSION } from './version';

export interface Services {
  accounts: AccountsService;
  customers: CustomersService;
  theaters: TheatersService;
  catalog: CatalogService;
  scheduling: SchedulingService;
  pricing: PricingService;
  seating: SeatingService;
  booking: BookingService;
  payments: PaymentsService;
  drawer: DrawerService;
  reviews: ReviewsService;
  tickets: TicketsService;
  devices: DevicesService;
  reports: ReportsService;
  backups: BackupsService;
  audit: AuditService;
  settings: SettingsService;
}

export function createHandlers({
  accounts,
  customers,
  theaters,
  catalog,
  scheduling,
  pricing,
  seating,
  booking,
  payments,
  drawer,
  reviews,
  tickets,
  devices,
  reports,
  backups,
  audit,
  settings,
}: Services): Handlers {
  return {
    'system.health': () => Promise.resolve({ status: 'ok', version: VERSION }),
    'backups.list': () => Promise.resolve(backups.state()),
    'backups.create': () => backups.create('manual'),
    'backups.setSchedule': (input) => Promise.resolve(backups.setSchedule(input)),
    'backups.restore': (input) => Promise.resolve(backups.stageRestore(input.name)),
    'backups.cancelRestore': () => Promise.resolve(backups.cancelRestore()),

    'auth.login': (input, ctx) => accounts.login(input, ctx),
    'auth.pinLogin': (input, ctx) => accounts.pinLogin(input, ctx),
    'auth.logout': (_input, ctx) => accounts.logout(ctx),
    'auth.me': (_input, ctx) => Promise.resolve(accounts.me(ctx)),
    'auth.register': (input, ctx) => accounts.register(input, ctx),
    'auth.resetPassword': (input, ctx) => customers.resetPassword(input, ctx),
    'passwordResets.create': (input, ctx) => customers.issueReset(input, ctx),
    'me.get': (_input, ctx) => customers.profile(ctx),
    'me.update': (input, ctx) => customers.updateProfile(input, ctx),
    'me.changePassword': (input, ctx) => customers.changePassword(input, ctx),
    'me.setPin': (input, ctx) => customers.setPin(input, ctx),
    'me.memberCode': (_input, ctx) => customers.memberCode(ctx),
    'me.delete': (input, ctx) => customers.deleteAccount(input, ctx),
    'kiosk.signIn': (input, ctx) => customers.kioskSignIn(input, ctx),
    'users.create': (input, ctx) => accounts.createUser(input, ctx),
    'users.list': (input) => accounts.listUsers(input),
    'users.get': (input) => accounts.getUser(input.userId),
    'users.update': (input, ctx) => accounts.updateUser(input, ctx),
    'users.setPin': (input, ctx) => accounts.setStaffPin(input, ctx),
    'users.clearPin': (input, ctx) => accounts.clearPin(input, ctx),
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
    'theaters.setKioskOptions': (input, ctx) => theaters.setKioskOptions(input, ctx),
    'screens.list': (input) => theaters.listScreens(input.theaterId),
    'screens.get': (input) => theaters.getScreen(input.screenId),
    'screens.create': (input, ctx) => theaters.createScreen(input, ctx),
    'screens.update': (input, ctx) => theaters.updateScreen(input, ctx),

    'showtimes.list': (input) => scheduling.list(input),
    'showtimes.get': (input) => scheduling.get(input.showtimeId),
    'showtimes.create': (input, ctx) => scheduling.create(input, ctx),
    'showtimes.update': (input, ctx) => scheduling.update(input, ctx),
    'showtimes.cancel': (input, ctx) => scheduling.cancel(input, ctx),
    'showtimes.bulkCreate': (input, ctx) => scheduling.bulkCreate(input, ctx),
    'showtimes.copy': (input, ctx) => scheduling.copy(input, ctx),

    'pricing.get': (input) => pricing.get(input.theaterId),
    'pricing.set': (input, ctx) => pricing.set(input, ctx),
    'pricing.preview': (input, ctx) => pricing.preview(input, ctx),

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
    'shifts.open': (input, ctx) => drawer.openShift(input, ctx),
    'shifts.current': (_input, ctx) => drawer.currentShift(ctx),
    'shifts.get': (input, ctx) => drawer.getShift(input.shiftId, ctx),
    'shifts.close': (input, ctx) => drawer.closeShift(input, ctx),
    'shifts.reopen': (input, ctx) => drawer.reopenShift(input, ctx),
    'shifts.list': (input, ctx) => drawer.listShifts(input, ctx),
    'shifts.movements.create': (input, ctx) => drawer.createMovement(input, ctx),
    'shifts.movements.list': (input, ctx) => drawer.listMovements(input.shiftId, ctx),
    'reports.zShift': (input, ctx) => drawer.zShift(input.shiftId, ctx),
    'reports.zDay': (input, ctx) => drawer.zDay(input, ctx),

    'reviews.list': (input) => reviews.list(input),
    'reviews.create': (input, ctx) => reviews.create(input, ctx),
    'reviews.update': (input, ctx) => reviews.update(input, ctx),
    'reviews.delete': (input, ctx) => reviews.remove(input, ctx),
    'reviews.mine': (input, ctx) => reviews.mine(input, ctx),
    'reviews.moderationList': (input) => reviews.moderationList(input),
    'reviews.hide': (input, ctx) => reviews.hide(input, ctx),
    'reviews.restore': (input, ctx) => reviews.restore(input, ctx),
    'payments.cancel': (input, ctx) => payments.cancel(input.paymentId, ctx),
    'readers.list': (input, ctx) => payments.cardPayments().listReaders(input, ctx),
    'readers.create': (input, ctx) => payments.cardPayments().registerReader(input, ctx),
    'readers.update': (input, ctx) => payments.cardPayments().updateReader(input, ctx),
    'payments.settle': (input, ctx) => payments.settle(input.paymentId, ctx),
    'terminal.connectionToken': (input, ctx) => payments.cardPayments().connectionToken(input, ctx),
    'webhooks.stripe': (input) => payments.cardPayments().webhook(input.payload, input.signature),

    'checkins.create': (input, ctx) => tickets.checkin(input, ctx),
    'checkins.undo': (input, ctx) => tickets.undo(input, ctx),
    'checkins.count': (input) => tickets.count(input.showtimeId),
    'ticketKeys.list': () => tickets.listKeys(),
    'ticketKeys.rotate': (_input, ctx) => tickets.rotateKey(ctx),
    'tickets.lookup': (input) => tickets.lookup(input),
    'tickets.preview': (input, ctx) => tickets.preview(input, ctx),
    'tickets.print': (input, ctx) => tickets.print(input, ctx),
    'devices.create': (input, ctx) => devices.create(input, ctx),
    'devices.newPairingCode': (input, ctx) => devices.newPairingCode(input, ctx),
    'devices.pair': (input, ctx) => devices.pair(input, ctx),
    'devices.list': (input) => devices.list(input),
    'devices.revoke': (input, ctx) => devices.revoke(input, ctx),

    'reports.sales': (input, ctx) => reports.sales(input, ctx),

    'audit.list': (input) => audit.list(input),
    'reports.distributor': (input, ctx) => reports.distributor(input, ctx),
    'reports.dashboard': (input, ctx) => reports.dashboard(input, ctx),

    'settings.stripe.get': () => Promise.resolve(settings.stripeStatus()),
    'settings.stripe.update': (input, ctx) => settings.updateStripe(input, ctx),
    'settings.stripe.test': () => settings.testStripe(),
  };
}
