/** Stripe behind one interface. The module's only public door. */
export {
  createStripeGateway,
  GatewayError,
  type CardGateway,
  type Intent,
  type ReaderAction,
  type ReaderInfo,
  type StripeConfig,
  type WebhookEvent,
} from './gateway';
export { stripeEnvironment, type StripeEnvironment } from './env';
