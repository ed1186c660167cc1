/** Payments and refunds. The module's only public door. */
export { PaymentsService } from './payments.service';
export { CardPayments, type CardOptions } from './card.service';
export { trainingBookingIds } from './payments.reports';
