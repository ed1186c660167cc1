/** Theaters, screens and seat layouts. The module's only public door. */
export { TheatersService, type ScreenInfo, type ScreenUsage } from './theaters.service';
