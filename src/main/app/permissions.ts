/**
 * Web permissions (camera, microphone, notifications, geolocation, HID, serial, ...): denied unless the
 * window's mode needs one, and then only for the app's own origin. No mode needs any yet; a door scanner
 * using the camera would add `media` for its mode here, with a test.
 */
import type { AppMode } from '../../preload/protocol';
import { isAllowedNavigation } from './navigation';

export const MODE_PERMISSIONS: Readonly<Record<AppMode, readonly string[]>> = {
  counter: [],
  kiosk: [],
  admin: [],
};

export interface PermissionQuery {
  permission: string;
  /** The mode of the window asking; null for a webContents the shell did not create. */
  mode: AppMode | null;
  /** The URL of the frame asking (requestingUrl / requestingOrigin). */
  requestingUrl: string;
  allowedOrigin: string;
}

export function isPermissionAllowed(
  query: PermissionQuery,
  table: Readonly<Record<AppMode, readonly string[]>> = MODE_PERMISSIONS,
): boolean {
  if (query.mode === null) return false;
  if (!isAllowedNavigation(query.requestingUrl, query.allowedOrigin)) return false;
  return table[query.mode].includes(query.permission);
}
