/** The running version, injected by the bundler; falls back to package.json's when run from source. */
import pkg from '../../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;
