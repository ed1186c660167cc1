/** Which screen the counter's customer-facing window goes to: the first one that is not the primary. */

export interface DisplayInfo {
  id: number;
  bounds: { x: number; y: number; width: number; height: number };
}

export function pickCustomerDisplay<D extends DisplayInfo>(displays: readonly D[], primaryId: number): D | null {
  return displays.find((display) => display.id !== primaryId) ?? null;
}
