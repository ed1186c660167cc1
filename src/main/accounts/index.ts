/** Accounts: users, roles, sessions, API keys. The module's only public door. */
export { AccountsService, type AccountsOptions } from './accounts.service';
export { OWASP_SCRYPT, type ScryptParams } from './password';
