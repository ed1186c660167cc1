/** Showtimes and their scheduling rules. The module's only public door. */
export { SchedulingService } from './scheduling.service';
