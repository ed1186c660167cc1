/** Payments and refunds. The module's only public door. */
export { PaymentsService } from './payments.service';
