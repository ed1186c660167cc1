/** Bookings and their tickets. The module's only public door. */
export {
  BookingService,
  type ApprovalVerifier,
  type PaymentLister,
  type RefundPart,
  type RefundProvider,
  type SaleLine,
  type SalePlace,
  type SalesRecorder,
  type TicketCodeIssuer,
} from './booking.service';
export { REFERENCE_ALPHABET, REFERENCE_LENGTH } from './reference';
export { salesByHour } from './booking.reports';
