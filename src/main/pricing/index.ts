/** Ticket types, price lists and the price of every ticket. The module's only public door. */
export {
  PricingService,
  DEFAULT_PRICE_LIST,
  taxIncluded,
  type PriceTable,
  type ShowtimeForPricing,
} from './pricing.service';
