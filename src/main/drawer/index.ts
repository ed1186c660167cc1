/** The cash drawer: shifts, their float, cash movements, counts and Z-reports. The module's only public door. */
export { DrawerService, type CashLedger } from './drawer.service';
