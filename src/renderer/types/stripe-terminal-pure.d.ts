/**
 * Types of `@stripe/terminal-js/pure`. The package's own `pure.d.ts` points the type-checker at its
 * TypeScript sources (which do not compile under our settings); the runtime module is the package's, only
 * the types come from its published declarations (`types/index.d.ts`), which describe the same exports.
 */
declare module '@stripe/terminal-js/pure' {
  export * from '@stripe/terminal-js';
}
