/** Payments, refunds and cash drawer shifts. The module's only public door. */
export { PaymentsService } from './payments.service';
export { refundsByDay, type RefundsByDayAndBooking } from './payments.reports';
