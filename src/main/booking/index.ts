/** Bookings and their tickets. The module's only public door. */
export {
  BookingService,
  type ApprovalVerifier,
  type PaymentLister,
  type RefundProvider,
  type TicketCodeIssuer,
} from './booking.service';
export { REFERENCE_ALPHABET, REFERENCE_LENGTH } from './reference';
export { salesByDay, showtimesOfBookings, type DayWindow, type SalesByDayAndShowtime } from './booking.reports';
