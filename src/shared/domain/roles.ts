/** Every role a credential can act with. Staff are cashier, manager and admin. */
export const ROLES = ['admin', 'manager', 'cashier', 'kiosk', 'scanner', 'customer', 'integration'] as const;
export type Role = (typeof ROLES)[number];

/** Roles a user account can be created with (devices are accounts too; integrations are API keys). */
export const USER_ROLES = ['admin', 'manager', 'cashier', 'kiosk', 'scanner', 'customer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles an API key can be created with. */
export const API_KEY_ROLES = ['integration', 'cashier', 'manager', 'admin'] as const;
export type ApiKeyRole = (typeof API_KEY_ROLES)[number];

export const STAFF_ROLES = ['admin', 'manager', 'cashier'] as const satisfies readonly Role[];

export function isStaff(role: Role): boolean {
  return (STAFF_ROLES as readonly Role[]).includes(role);
}
