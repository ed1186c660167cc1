/** Seat inventory: seat maps, holds, blocks, expiry, best available. The module's only public door. */
export { SeatingService, channelOf, type SalesChannel, type SeatingOptions } from './seating.service';
export {
  pickBest,
  pickAccessible,
  pickBestAmong,
  pickAccessibleAmong,
  type PickableSeat,
  type PlacedSeat,
  type Pick,
} from './best-available';
