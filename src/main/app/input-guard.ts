/**
 * Keyboard shortcuts the app swallows (`before-input-event`), so that a window cannot be closed, reloaded,
 * zoomed, printed, left or inspected by a key press where it must not be.
 *
 * - Every packaged window: devtools (F12, Ctrl/Cmd+Shift+I/J/C, Cmd+Alt+I/J/C) and reload (F5, Ctrl/Cmd+R).
 *   The application menu is removed or rebuilt without them too; this is the second line.
 * - Kiosk, always: closing (Alt+F4, Ctrl/Cmd+W, Ctrl+F4), quitting (Ctrl/Cmd+Q), leaving full screen
 *   (F11, Ctrl+Cmd+F), hiding or minimising (Cmd+H, Cmd+M), new windows or tabs, print, save, open, find,
 *   zoom, and history navigation (Alt+Left/Right, the browser back/forward keys).
 * - Kiosk: Ctrl+Alt+Shift+Q quits the app, for staff servicing the machine (kiosks have no keyboard in
 *   front of customers).
 *
 * What an app cannot block, because the OS acts before the window sees the key: Alt+Tab / Cmd+Tab,
 * Ctrl+Alt+Del, the Windows key, Ctrl+Alt+F1..F7 on Linux, gestures. On macOS, Electron's `kiosk: true`
 * already disables process switching and force quit. On Windows use Assigned Access or Shell Launcher,
 * on Linux a kiosk session (a single-app compositor such as cage), so that nothing else is reachable.
 */
import type { AppMode } from '../../preload/protocol';

/** The fields of Electron's `Input` this guard reads. */
export interface KeyInput {
  type: string;
  key: string;
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export type InputAction = 'allow' | 'block' | 'quit';

const PRIMARY_BLOCKED_IN_KIOSK = new Set([
  'w',
  'q',
  'n',
  't',
  'p',
  's',
  'o',
  'f',
  'g',
  'h',
  'm',
  'l',
  'u',
  'j',
  '=',
  '+',
  '-',
  '_',
  '0',
]);
const FUNCTION_KEYS_BLOCKED_IN_KIOSK = new Set(['F1', 'F3', 'F4', 'F6', 'F7', 'F11']);
const HISTORY_KEYS = new Set(['BrowserBack', 'BrowserForward', 'BrowserRefresh', 'BrowserHome', 'BrowserSearch']);

function isDevtools(input: KeyInput): boolean {
  const key = input.key.toLowerCase();
  if (input.key === 'F12') return true;
  const devKey = key === 'i' || key === 'j' || key === 'c';
  if (input.control && input.shift && devKey) return true;
  return input.meta && input.alt && devKey;
}

function isReload(input: KeyInput): boolean {
  if (input.key === 'F5' || input.code === 'BrowserRefresh') return true;
  return (input.control || input.meta) && input.key.toLowerCase() === 'r';
}

export function classifyInput(input: KeyInput, context: { mode: AppMode; packaged: boolean }): InputAction {
  const key = input.key.toLowerCase();
  const primary = input.control || input.meta;

  if (context.mode === 'kiosk' && input.control && input.alt && input.shift && input.code === 'KeyQ') return 'quit';

  if (context.packaged && (isDevtools(input) || isReload(input))) return 'block';
  if (context.mode !== 'kiosk') return 'allow';

  if (input.alt && input.key === 'F4') return 'block';
  if (input.control && input.key === 'F4') return 'block';
  if (FUNCTION_KEYS_BLOCKED_IN_KIOSK.has(input.key)) return 'block';
  if (HISTORY_KEYS.has(input.key) || HISTORY_KEYS.has(input.code)) return 'block';
  if (input.alt && (input.key === 'ArrowLeft' || input.key === 'ArrowRight' || input.key === 'Home')) return 'block';
  if (input.meta && input.control && key === 'f') return 'block';
  if (primary && PRIMARY_BLOCKED_IN_KIOSK.has(key)) return 'block';
  // Cmd/Ctrl with a digit other than 0 switches tabs in browsers; harmless here, but nothing needs it.
  if (primary && /^[1-9]$/.test(key)) return 'block';
  return 'allow';
}
