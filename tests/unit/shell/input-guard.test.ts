import { describe, expect, it } from 'vitest';
import { classifyInput, type KeyInput } from '../../../src/main/app/input-guard';

function key(spec: string): KeyInput {
  // "Ctrl+Shift+I" → modifiers + key; the code is derived for letters and digits.
  const parts = spec.split('+');
  const name = parts.pop() ?? '';
  const code = /^[A-Za-z]$/.test(name) ? `Key${name.toUpperCase()}` : /^\d$/.test(name) ? `Digit${name}` : name;
  return {
    type: 'keyDown',
    key: name.length === 1 && !parts.includes('Shift') ? name.toLowerCase() : name,
    code,
    control: parts.includes('Ctrl'),
    meta: parts.includes('Cmd'),
    alt: parts.includes('Alt'),
    shift: parts.includes('Shift'),
  };
}

const packagedKiosk = { mode: 'kiosk', packaged: true } as const;
const devKiosk = { mode: 'kiosk', packaged: false } as const;
const packagedCounter = { mode: 'counter', packaged: true } as const;
const devCounter = { mode: 'counter', packaged: false } as const;

describe('classifyInput', () => {
  it.each([
    'Alt+F4',
    'Ctrl+W',
    'Cmd+W',
    'Ctrl+F4',
    'Ctrl+Q',
    'Cmd+Q',
    'F11',
    'Cmd+Ctrl+F',
    'Cmd+H',
    'Cmd+M',
    'Ctrl+N',
    'Ctrl+T',
    'Ctrl+P',
    'Ctrl+S',
    'Ctrl+O',
    'Ctrl+F',
    'Ctrl+=',
    'Ctrl+-',
    'Ctrl+0',
    'Alt+ArrowLeft',
    'Alt+ArrowRight',
    'BrowserBack',
    'F7',
    'Ctrl+1',
  ])('blocks %s in the kiosk', (spec) => {
    expect(classifyInput(key(spec), packagedKiosk)).toBe('block');
    expect(classifyInput(key(spec), devKiosk)).toBe('block');
  });

  it.each([
    'Ctrl+Shift+I',
    'Ctrl+Shift+J',
    'Ctrl+Shift+C',
    'Cmd+Alt+I',
    'F12',
    'Ctrl+R',
    'Cmd+R',
    'Ctrl+Shift+R',
    'F5',
  ])('blocks devtools and reload (%s) in every packaged window', (spec) => {
    expect(classifyInput(key(spec), packagedKiosk)).toBe('block');
    expect(classifyInput(key(spec), packagedCounter)).toBe('block');
    expect(classifyInput(key(spec), { mode: 'admin', packaged: true })).toBe('block');
  });

  it('leaves devtools and reload to developers', () => {
    for (const spec of ['Ctrl+Shift+I', 'F12', 'Ctrl+R', 'F5']) {
      expect(classifyInput(key(spec), devCounter)).toBe('allow');
      expect(classifyInput(key(spec), devKiosk)).toBe('allow');
    }
  });

  it('lets the counter and admin keep their everyday shortcuts', () => {
    for (const spec of ['Ctrl+W', 'Ctrl+F', 'Ctrl+P', 'Ctrl+=', 'F11', 'Alt+ArrowLeft']) {
      expect(classifyInput(key(spec), packagedCounter)).toBe('allow');
    }
  });

  it('lets typing, editing and touch-keyboard keys through in the kiosk', () => {
    for (const spec of [
      'a',
      'Shift+A',
      '5',
      'Enter',
      'Backspace',
      'Escape',
      'Tab',
      'ArrowLeft',
      'Ctrl+C',
      'Ctrl+V',
      'Ctrl+X',
      'Ctrl+A',
      'Ctrl+Z',
    ]) {
      expect(classifyInput(key(spec), packagedKiosk)).toBe('allow');
    }
  });

  it('gives staff a way out of the kiosk with Ctrl+Alt+Shift+Q, and only there', () => {
    expect(classifyInput(key('Ctrl+Alt+Shift+Q'), packagedKiosk)).toBe('quit');
    expect(classifyInput(key('Ctrl+Alt+Shift+Q'), packagedCounter)).toBe('allow');
    expect(classifyInput(key('Ctrl+Alt+Q'), packagedKiosk)).toBe('block');
  });
});
