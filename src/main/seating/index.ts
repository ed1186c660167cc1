/** Seat inventory: seat maps, holds, blocks, expiry, best available. The module's only public door. */
export { SeatingService, channelOf, type SalesChannel, type SeatingOptions } from './seating.service';
export { pickBest, pickAccessible, type PickableSeat, type Pick } from './best-available';
