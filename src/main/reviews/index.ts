/** Film reviews and the rating aggregate. The module's only public door. */
export { ReviewsService, publicName } from './reviews.service';
