/** Installation settings (the Stripe keys, encrypted at rest). The module's only public door. */
export { SettingsService, type SettingsDeps } from './settings.service';
export { dataFolderCipher, SECRET_KEY_FILE, type SecretCipher } from './secret-cipher';
