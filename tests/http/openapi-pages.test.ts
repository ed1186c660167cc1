import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/shared/contract/index';
import { startTestServer, type TestServer } from '../support/harness';

let s: TestServer;
beforeAll(async () => {
  const rendererDir = mkdtempSync(join(tmpdir(), 'marquee-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Marquee</title><div id="root"></div>');
  mkdirSync(join(rendererDir, 'assets'));
  writeFileSync(join(rendererDir, 'assets', 'app-1234.js'), 'console.log(1)');
  s = await startTestServer({ rendererDir });
});
afterAll(async () => {
  await s.close();
});

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and documents every REST operation of the contract', async () => {
    const response = await s.request('GET', '/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.body;
    expect(doc.openapi).toBe('3.1.0');
    for (const [name, op] of Object.entries(operations)) {
      if (!op.rest) continue;
      const path = `/api/v1${op.rest.path}`;
      expect(doc.paths[path]?.[op.rest.method.toLowerCase()]?.operationId, `${name} at ${op.rest.method} ${path}`).toBe(
        name,
      );
    }
    const create = doc.paths['/api/v1/movies'].post;
    expect(create.requestBody.content['application/json'].schema.required).toEqual(['title', 'durationMinutes']);
    expect(create.responses['201']).toBeDefined();
    expect(doc.paths['/api/v1/movies'].get.security).toEqual([]);
    const pathParams = doc.paths['/api/v1/theaters/{theaterId}/screens'].post.parameters;
    expect(pathParams[0]).toMatchObject({ name: 'theaterId', in: 'path', required: true });
    // path parameters are not repeated in the body schema
    expect(
      doc.paths['/api/v1/theaters/{theaterId}/screens'].post.requestBody.content['application/json'].schema.properties,
    ).not.toHaveProperty('theaterId');
  });

  it('is rendered as a page at /api/docs', async () => {
    const response = await s.request('GET', '/api/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.body).toContain('/api/v1/showtimes');
    expect(response.body).toContain('Create a film');
  });
});

describe('pages', () => {
  it('serve the renderer at /, /counter, /kiosk and /admin with a strict CSP', async () => {
    for (const path of ['/', '/counter', '/kiosk', '/admin', '/admin/films']) {
      const response = await s.request('GET', path);
      expect(response.status, path).toBe(200);
      expect(response.body).toContain('<div id="root">');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    }
    const asset = await s.request('GET', '/assets/app-1234.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await s.request('GET', '/no-such-page')).status).toBe(404);
  });

  it('the RPC route serves the renderer with the same rules as REST', async () => {
    const health = await s.request('POST', '/rpc/system.health', { body: {} });
    expect(health.status).toBe(200);
    expect(health.body.status).toBe('ok');
    expect((await s.request('POST', '/rpc/users.list', { body: {} })).status).toBe(401);
    expect((await s.request('GET', '/rpc/system.health')).status).toBe(405);
  });
});
