/**
 * The few browser globals the tests touch inside `page.evaluate`, typed structurally: the tests compile
 * with tsconfig.node.json, which has no DOM library. Use as a type only (`globalThis as unknown as
 * BrowserGlobals`): the callbacks run in the page, where nothing imported here exists.
 */
export interface BrowserGlobals {
  localStorage: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
  document: { fonts: { ready: Promise<unknown> } };
}

export interface ImageState {
  complete: boolean;
  naturalWidth: number;
  decode(): Promise<void>;
}
