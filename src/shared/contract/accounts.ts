import { z } from 'zod';
import { API_KEY_ROLES, ROLES, USER_ROLES } from '../domain/roles';
import { empty, id, listInput, noContent, op, page, requiredText, timestamp } from './_prelude';

export const username = z
  .string()
  .trim()
  .min(3, 'must be at least 3 characters')
  .max(40, 'must be at most 40 characters')
  .regex(/^[a-zA-Z0-9._-]+$/, 'may contain letters, digits, dot, dash and underscore only');

/** Passwords: at least 10 characters (OWASP ASVS 2.1.1 asks for 12 from users; 10 is the contract). */
export const password = z.string().min(10, 'must be at least 10 characters').max(256, 'must be at most 256 characters');
export const email = z.email('must be a valid e-mail address').max(254);
export const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()-]{5,25}$/, 'must be a phone number');
/** A kiosk PIN: 4 to 8 digits. */
export const pin = z.string().regex(/^[0-9]{4,8}$/, 'must be 4 to 8 digits');

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(USER_ROLES),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  theaterIds: z.array(z.number().int()).describe('Theaters a manager (or cashier, kiosk) belongs to'),
  disabled: z.boolean(),
  hasPin: z
    .boolean()
    .describe('Whether a PIN is set: a staff sign-in PIN for cashiers and managers, a kiosk PIN for customers'),
  createdAt: timestamp,
});
export type User = z.infer<typeof user>;

export const session = z.object({
  token: z.string(),
  expiresAt: timestamp,
  user: z.object({ id: z.number().int(), username: z.string(), role: z.enum(USER_ROLES) }),
});

export const whoAmI = z.object({
  kind: z.enum(['user', 'apiKey', 'device']),
  id: z.number().int(),
  name: z.string(),
  role: z.enum(ROLES),
  theaterIds: z.array(z.number().int()),
});

export const apiKey = z.object({
  id: z.number().int(),
  name: z.string(),
  role: z.enum(API_KEY_ROLES),
  prefix: z.string().describe('The first characters of the key, to recognise it'),
  createdAt: timestamp,
  lastUsedAt: timestamp.nullable(),
  revokedAt: timestamp.nullable(),
});

export const createdApiKey = apiKey.extend({ key: z.string().describe('Shown once: store it now') });

const theaterIds = z.array(id).max(100);

/** What a customer sees and edits of their own account. */
export const profile = z.object({
  id: z.number().int(),
  username: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  hasPin: z.boolean().describe('Whether a kiosk PIN is set'),
  createdAt: timestamp,
});

export const passwordReset = z.object({
  token: z.string().describe('Shown once: hand it to the customer (the website e-mails it); single use'),
  expiresAt: timestamp,
  userId: z.number().int(),
  username: z.string(),
  email: z.string().nullable(),
});

export const memberCode = z.object({
  code: z.string().describe('Show it as a QR code; a kiosk signs the customer in by scanning it'),
  expiresAt: timestamp,
});

export const kioskSession = z.object({
  token: z.string().describe('A short customer session: the kiosk sends it as customerToken when booking'),
  expiresAt: timestamp,
  customer: z.object({ id: z.number().int(), username: z.string(), name: z.string().nullable() }),
});

const ALL_SIGNED_IN = ['admin', 'manager', 'cashier', 'kiosk', 'scanner', 'customer', 'integration'] as const;
const STAFF_ROLES_AND_INTEGRATION = ['admin', 'manager', 'cashier', 'integration'] as const;

export const accountsOperations = {
  /** Exchange a username and password for a session token. */
  'auth.login': op({
    summary: 'Log in',
    tag: 'Auth',
    input: z.object({ username: z.string().max(100), password: z.string().max(256) }),
    output: session,
    access: 'public',
    rest: { method: 'POST', path: '/auth/login' },
  }),
  /** Revoke the session token that made this call. */
  'auth.logout': op({
    summary: 'Log out (revoke this session)',
    tag: 'Auth',
    input: empty,
    output: noContent,
    access: ALL_SIGNED_IN,
    rest: { method: 'POST', path: '/auth/logout', status: 204 },
  }),
  /** Who the current credential is. */
  'auth.me': op({
    summary: 'The current user or API key',
    tag: 'Auth',
    input: empty,
    output: whoAmI,
    access: ALL_SIGNED_IN,
    rest: { method: 'GET', path: '/auth/me' },
  }),
  /**
   * Staff sign-in at the counter with username and PIN (4–8 digits) instead of the password: cashiers and
   * managers whose PIN an admin set. Wrong PINs lock PIN sign-in harder than passwords (see README).
   */
  'auth.pinLogin': op({
    summary: 'Log in at the counter with a staff PIN',
    tag: 'Auth',
    input: z.object({ username: z.string().max(100), pin: z.string().max(8) }),
    output: session,
    access: 'public',
    rest: { method: 'POST', path: '/auth/pin-login' },
  }),
  /** Customer self-registration. */
  'auth.register': op({
    summary: 'Register a customer account',
    tag: 'Auth',
    input: z.object({
      username,
      password,
      email,
      name: requiredText(100).optional(),
      phone: phone.optional(),
    }),
    output: user,
    access: 'public',
    rest: { method: 'POST', path: '/auth/register', status: 201 },
  }),
  /** Set a new password with a one-time reset token; every session of the account ends. */
  'auth.resetPassword': op({
    summary: 'Reset a password with a one-time token',
    tag: 'Auth',
    input: z.object({ token: z.string().max(200), password }),
    output: noContent,
    access: 'public',
    rest: { method: 'POST', path: '/auth/password-reset', status: 204 },
  }),
  /**
   * Issue a one-time password-reset token for a customer account (30 minutes, single use; issuing
   * another ends the earlier one). Staff at the counter, or the cinema's website through its
   * integration key, which e-mails it: Marquee sends no e-mail. Give exactly one of userId, username, email.
   */
  'passwordResets.create': op({
    summary: 'Issue a password-reset token for a customer',
    tag: 'Customers',
    input: z
      .object({ userId: id.optional(), username: z.string().trim().max(100).optional(), email: email.optional() })
      .refine((value) => [value.userId, value.username, value.email].filter((v) => v !== undefined).length === 1, {
        message: 'give exactly one of userId, username or email',
        path: ['userId'],
      }),
    output: passwordReset,
    access: STAFF_ROLES_AND_INTEGRATION,
    rest: { method: 'POST', path: '/password-resets', status: 201 },
  }),
  /** The signed-in customer's own profile. */
  'me.get': op({
    summary: 'My profile',
    tag: 'Customers',
    input: empty,
    output: profile,
    access: ['customer'],
    rest: { method: 'GET', path: '/me' },
  }),
  /** Change my name, e-mail or phone (null clears name and phone). */
  'me.update': op({
    summary: 'Update my profile',
    tag: 'Customers',
    input: z.object({
      name: requiredText(100).nullable().optional(),
      email: email.optional(),
      phone: phone.nullable().optional(),
    }),
    output: profile,
    access: ['customer'],
    rest: { method: 'PATCH', path: '/me' },
  }),
  /** Change my password; the current one is required. Every other session of the account ends. */
  'me.changePassword': op({
    summary: 'Change my password',
    tag: 'Customers',
    input: z.object({ currentPassword: z.string().max(256), newPassword: password }),
    output: noContent,
    access: ['customer'],
    rest: { method: 'POST', path: '/me/password', status: 204 },
  }),
  /** Set (or replace) the PIN used with my e-mail to sign in at a kiosk; the password is required. */
  'me.setPin': op({
    summary: 'Set my kiosk PIN',
    tag: 'Customers',
    input: z.object({ password: z.string().max(256), pin }),
    output: noContent,
    access: ['customer'],
    rest: { method: 'PUT', path: '/me/pin', status: 204 },
  }),
  /** A signed member code for the website to show as a QR; a kiosk scans it to sign me in. */
  'me.memberCode': op({
    summary: 'My member QR code',
    tag: 'Customers',
    input: empty,
    output: memberCode,
    access: ['customer'],
    rest: { method: 'GET', path: '/me/member-code' },
  }),
  /**
   * Delete my account (the password is required). Bookings stay for the accounts, without my name,
   * e-mail or phone; my reviews are removed; every session ends; the username becomes free again.
   */
  'me.delete': op({
    summary: 'Delete my account',
    tag: 'Customers',
    input: z.object({ password: z.string().max(256) }),
    output: noContent,
    access: ['customer'],
    rest: { method: 'POST', path: '/me/delete', status: 204 },
  }),
  /**
   * A customer signs in at a kiosk with their member QR code, or e-mail and PIN. The answer is a
   * customer session of 10 minutes: bookings the kiosk makes with it as customerToken are the
   * customer's, and the kiosk may read "my tickets" with it as the bearer token.
   */
  'kiosk.signIn': op({
    summary: 'Sign a customer in at a kiosk',
    tag: 'Customers',
    input: z.union([z.object({ memberCode: z.string().min(1).max(200) }), z.object({ email, pin })]),
    output: kioskSession,
    access: ['kiosk'],
    rest: { method: 'POST', path: '/kiosk/sign-in' },
  }),
  /** Create a user of any role (devices such as kiosks are users too). */
  'users.create': op({
    summary: 'Create a user',
    tag: 'Users',
    input: z.object({
      username,
      password,
      role: z.enum(USER_ROLES),
      theaterIds: theaterIds.optional(),
      name: requiredText(100).optional(),
      email: email.optional(),
    }),
    output: user,
    access: ['admin'],
    rest: { method: 'POST', path: '/users', status: 201 },
  }),
  /** Users by id, optionally of one role (or `staff`: admins, managers, cashiers) and matching a search. */
  'users.list': op({
    summary: 'List users',
    tag: 'Users',
    input: listInput.extend({
      role: z.enum([...USER_ROLES, 'staff']).optional(),
      q: z.string().trim().max(100).optional().describe('Part of the username, name or e-mail'),
    }),
    output: page(user),
    access: ['admin'],
    rest: { method: 'GET', path: '/users' },
  }),
  'users.get': op({
    summary: 'Get a user',
    tag: 'Users',
    input: z.object({ userId: id }),
    output: user,
    access: ['admin'],
    rest: { method: 'GET', path: '/users/{userId}' },
  }),
  /**
   * Change a user's role, theaters, name, e-mail, password or disable them. Disabling, a new role or a new
   * password ends their sessions (the next request is 401); new theaters apply from their next request.
   * A new role also clears the PIN.
   */
  'users.update': op({
    summary: 'Update a user',
    tag: 'Users',
    input: z.object({
      userId: id,
      role: z.enum(USER_ROLES).optional(),
      theaterIds: theaterIds.optional(),
      name: requiredText(100).nullable().optional(),
      email: email.nullable().optional(),
      password: password.optional(),
      disabled: z.boolean().optional(),
    }),
    output: user,
    access: ['admin'],
    rest: { method: 'PATCH', path: '/users/{userId}' },
  }),
  /**
   * Set (or replace) the sign-in PIN of a cashier or manager; they may then sign in at the counter with
   * username and PIN. Other roles are 409: admins sign in with their password only.
   */
  'users.setPin': op({
    summary: "Set a staff member's PIN",
    tag: 'Users',
    input: z.object({ userId: id, pin }),
    output: user,
    access: ['admin'],
    rest: { method: 'PUT', path: '/users/{userId}/pin' },
  }),
  /** Remove a user's PIN: PIN sign-in stops working for them at once. */
  'users.clearPin': op({
    summary: "Clear a user's PIN",
    tag: 'Users',
    input: z.object({ userId: id }),
    output: user,
    access: ['admin'],
    rest: { method: 'DELETE', path: '/users/{userId}/pin' },
  }),
  /** Create an API key for another system; the key is in this answer only. */
  'apiKeys.create': op({
    summary: 'Create an API key',
    tag: 'API keys',
    input: z.object({ name: requiredText(100), role: z.enum(API_KEY_ROLES).default('integration') }),
    output: createdApiKey,
    access: ['admin'],
    rest: { method: 'POST', path: '/api-keys', status: 201 },
  }),
  'apiKeys.list': op({
    summary: 'List API keys',
    tag: 'API keys',
    input: listInput,
    output: page(apiKey),
    access: ['admin'],
    rest: { method: 'GET', path: '/api-keys' },
  }),
  /** Revoke a key at once; requests with it then get 401. */
  'apiKeys.revoke': op({
    summary: 'Revoke an API key',
    tag: 'API keys',
    input: z.object({ apiKeyId: id }),
    output: noContent,
    access: ['admin'],
    rest: { method: 'DELETE', path: '/api-keys/{apiKeyId}', status: 204 },
  }),
};
