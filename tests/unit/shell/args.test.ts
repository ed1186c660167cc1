import { describe, expect, it } from 'vitest';
import { normalizeServerUrl, parsePort, parseShellArgs } from '../../../src/main/app/args';

describe('parseShellArgs', () => {
  it('reads our flags in both --flag=value and --flag value forms', () => {
    const args = parseShellArgs([
      '--mode=kiosk',
      '--data-dir',
      '/srv/marquee',
      '--host=127.0.0.1',
      '--port',
      '0',
      '--demo',
    ]);
    expect(args).toEqual({
      mode: 'kiosk',
      dataDir: '/srv/marquee',
      host: '127.0.0.1',
      port: 0,
      demo: true,
      errors: [],
    });
  });

  it('ignores the app path and Chromium switches Electron leaves in argv', () => {
    const args = parseShellArgs(['.', '--no-sandbox', '--enable-logging', '--inspect=9229', '--mode=admin']);
    expect(args.mode).toBe('admin');
    expect(args.errors).toEqual([]);
  });

  it('reports bad values instead of falling back to defaults', () => {
    const args = parseShellArgs(['--mode=door', '--port=70000', '--host=a b', '--server-url=ftp://x']);
    expect(args.mode).toBeUndefined();
    expect(args.port).toBeUndefined();
    expect(args.errors).toHaveLength(4);
    expect(args.errors[0]).toContain('--mode');
  });

  it('reports a value flag without its value', () => {
    expect(parseShellArgs(['--mode']).errors).toEqual(['--mode needs a value.']);
    expect(parseShellArgs(['--port', '--demo']).errors).toEqual(['--port needs a value.']);
    expect(parseShellArgs(['--port', '--demo']).demo).toBe(true);
  });

  it('lets the last occurrence win and toggles the customer display', () => {
    const args = parseShellArgs(['--mode=kiosk', '--mode=counter', '--customer-display', '--no-customer-display']);
    expect(args.mode).toBe('counter');
    expect(args.customerDisplay).toBe(false);
  });

  it('normalizes a server URL to its origin', () => {
    expect(parseShellArgs(['--server-url=http://boxoffice.local:7450/']).serverUrl).toBe('http://boxoffice.local:7450');
  });
});

describe('parsePort / normalizeServerUrl', () => {
  it('accepts 0..65535 only, digits only', () => {
    expect(parsePort('7450')).toBe(7450);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('65535')).toBe(65535);
    expect(parsePort('65536')).toBeNull();
    expect(parsePort('-1')).toBeNull();
    expect(parsePort('74.5')).toBeNull();
    expect(parsePort('0x1d1e')).toBeNull();
  });

  it('accepts an http(s) origin only', () => {
    expect(normalizeServerUrl('https://boxoffice:7450')).toBe('https://boxoffice:7450');
    expect(normalizeServerUrl('http://boxoffice/kiosk')).toBeNull();
    expect(normalizeServerUrl('http://user:pw@boxoffice')).toBeNull();
    expect(normalizeServerUrl('http://boxoffice/?x=1')).toBeNull();
    expect(normalizeServerUrl('file:///etc/passwd')).toBeNull();
    expect(normalizeServerUrl('javascript:alert(1)')).toBeNull();
    expect(normalizeServerUrl('not a url')).toBeNull();
  });
});
