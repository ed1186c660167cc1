/** Accounts: users, roles, sessions, API keys. The module's only public door. */
export { AccountsService, type AccountsOptions, type DeviceAuthenticator } from './accounts.service';
export { OWASP_SCRYPT, type ScryptParams } from './password';
