/** Theaters, screens and seat layouts. The module's only public door. */
export {
  TheatersService,
  type SalesRules,
  type ScreenInfo,
  type ScreenUsage,
  type SeatInfo,
  type SeatSales,
} from './theaters.service';
