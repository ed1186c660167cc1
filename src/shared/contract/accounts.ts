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

export const user = z.object({
  id: z.number().int(),
  username: z.string(),
  role: z.enum(USER_ROLES),
  name: z.string().nullable(),
  email: z.string().nullable(),
  theaterIds: z.array(z.number().int()).describe('Theaters a manager (or cashier, kiosk) belongs to'),
  disabled: z.boolean(),
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
    access: ['admin', 'manager', 'cashier', 'kiosk', 'scanner', 'customer', 'integration'],
    rest: { method: 'POST', path: '/auth/logout', status: 204 },
  }),
  /** Who the current credential is. */
  'auth.me': op({
    summary: 'The current user or API key',
    tag: 'Auth',
    input: empty,
    output: whoAmI,
    access: ['admin', 'manager', 'cashier', 'kiosk', 'scanner', 'customer', 'integration'],
    rest: { method: 'GET', path: '/auth/me' },
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
    }),
    output: user,
    access: 'public',
    rest: { method: 'POST', path: '/auth/register', status: 201 },
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
  /** All users, by id. */
  'users.list': op({
    summary: 'List users',
    tag: 'Users',
    input: listInput.extend({ role: z.enum(USER_ROLES).optional() }),
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
  /** Change a user's role, theaters, name, e-mail, password or disable them (which ends their sessions). */
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
