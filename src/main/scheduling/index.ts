/** Showtimes and their scheduling rules. The module's only public door. */
export { SchedulingService, type ShowtimeForSale } from './scheduling.service';
