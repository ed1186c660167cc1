// What every domain contract file needs, in one import.
export { op } from './operation';
export * from './common';
