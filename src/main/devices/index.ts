/** Paired devices (kiosks, door scanners). The module's only public door. */
export { DevicesService, DEVICE_TOKEN_PREFIX } from './devices.service';
