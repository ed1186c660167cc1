/** Accounts: users, roles, sessions, API keys, customer accounts. The module's only public door. */
export { AccountsService, type AccountsOptions, type DeviceAuthenticator } from './accounts.service';
export { CustomersService, type CustomerDeletedHook, type CustomersOptions } from './customers.service';
export { OWASP_SCRYPT, type ScryptParams } from './password';
