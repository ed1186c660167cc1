/** Reports over sales: composed from the booking and payments modules' aggregates. The module's only door. */
export { ReportsService } from './reports.service';
