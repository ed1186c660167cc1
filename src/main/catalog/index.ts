/** The film catalog. The module's only public door. */
export { CatalogService, type MovieInfo, type MovieUsage } from './catalog.service';
