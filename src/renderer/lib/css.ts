import type { CSSProperties } from 'react';

/** Custom properties for an inline style (CSP allows style attributes; values stay out of class names). */
export function cssVars(vars: Record<`--${string}`, string | number>): CSSProperties {
  return vars;
}
