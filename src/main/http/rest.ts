/**
 * The public REST API (/api/v1), generated from the contract: each operation with a `rest` binding gets
 * its route. Path parameters, then the query string (reads) or the JSON body (writes) make the input;
 * path parameters win, so a body cannot redirect a write to another object.
 */
import type { Hono } from 'hono';
import { operations, type OperationName } from '../../shared/contract/index';
import { DomainError, validationError } from '../../shared/contract/errors';
import { POSTER_MAX_BYTES } from '../../shared/contract/catalog';
import { distributorCsv, SALES_BREAKDOWNS, salesCsv, type SalesBreakdown } from '../../shared/domain/report-csv';
import { ANONYMOUS } from '../core/actor';
import type { Core } from '../core/core';
import { actorFor, contextFor, errorResponse, outputResponse, readJsonObject, type Logger } from './transport';

export const API_BASE = '/api/v1';

/** `/movies/{movieId}` → `/movies/:movieId` */
export function honoPath(path: string): string {
  return path.replace(/\{(\w+)\}/g, ':$1');
}

export function registerRest(app: Hono, core: Core, log: Logger): void {
  for (const name of Object.keys(operations) as OperationName[]) {
    const binding = operations[name].rest;
    if (!binding) continue;
    const reads = binding.method === 'GET' || binding.method === 'DELETE';
    app.on(binding.method, API_BASE + honoPath(binding.path), async (c) => {
      try {
        const actor = await actorFor(core, c, name);
        const source = reads ? c.req.query() : await readJsonObject(c);
        const input = { ...source, ...c.req.param() };
        const output = await core.dispatcher.call(name, input, contextFor(c, actor, 'rest'));
        return outputResponse(c, output, binding.status ?? 200);
      } catch (error) {
        return errorResponse(c, error, log);
      }
    });
  }

  // Reports as CSV: the same operations and checks as their JSON, formatted by the shared CSV writer.
  app.get(`${API_BASE}/reports/sales.csv`, async (c) => {
    try {
      const actor = await actorFor(core, c, 'reports.sales');
      const { by = 'day', ...query } = c.req.query();
      if (!(SALES_BREAKDOWNS as readonly string[]).includes(by)) {
        throw validationError([{ path: 'by', message: `must be one of ${SALES_BREAKDOWNS.join(', ')}` }]);
      }
      const report = await core.dispatcher.call('reports.sales', query, contextFor(c, actor, 'rest'));
      return c.body(salesCsv(report, by as SalesBreakdown), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="sales-by-${by}-${report.from}-to-${report.to}.csv"`,
      });
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });
  app.get(`${API_BASE}/reports/distributor.csv`, async (c) => {
    try {
      const actor = await actorFor(core, c, 'reports.distributor');
      const report = await core.dispatcher.call('reports.distributor', c.req.query(), contextFor(c, actor, 'rest'));
      return c.body(distributorCsv(report), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="distributor-${report.movieId}-${report.from}-to-${report.to}.csv"`,
      });
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });

  // Posters travel as raw image bytes over REST; the operation itself takes base64.
  app.put(`${API_BASE}/movies/:movieId/poster`, async (c) => {
    try {
      const actor = await actorFor(core, c, 'movies.setPoster');
      const length = Number(c.req.header('content-length') ?? '0');
      if (length > POSTER_MAX_BYTES) throw new DomainError('payload_too_large', 'A poster may be at most 5 MiB.');
      const bytes = Buffer.from(await c.req.arrayBuffer());
      const contentType = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      const input = { movieId: c.req.param('movieId'), contentType, data: bytes.toString('base64') };
      const output = await core.dispatcher.call('movies.setPoster', input, contextFor(c, actor, 'rest'));
      return outputResponse(c, output, 200);
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });

  // Stripe signs the exact bytes it sends: the body is passed on raw, never parsed and re-serialised.
  app.post(`${API_BASE}/webhooks/stripe`, async (c) => {
    try {
      const length = Number(c.req.header('content-length') ?? '0');
      if (length > 1_000_000) throw new DomainError('payload_too_large', 'A webhook event may be at most 1 MB.');
      const input = { payload: await c.req.text(), signature: c.req.header('stripe-signature') ?? '' };
      const output = await core.dispatcher.call('webhooks.stripe', input, contextFor(c, ANONYMOUS, 'rest'));
      return outputResponse(c, output, 200);
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });

  // A booking's tickets and receipt as a PDF (made without Electron); counted like a print.
  app.get(`${API_BASE}/bookings/:bookingId/tickets.pdf`, async (c) => {
    try {
      const actor = await actorFor(core, c, 'bookings.get');
      const ctx = contextFor(c, actor, 'rest');
      // The same access and input checks as the booking itself and the HTML layout.
      const input = await core.dispatcher.call('bookings.get', { bookingId: c.req.param('bookingId') }, ctx);
      const format = c.req.query('format') ?? 'a4';
      if (format !== 'a4' && format !== 'thermal80') {
        throw validationError([{ path: 'format', message: 'must be a4 or thermal80' }]);
      }
      const { reference, pdf } = await core.tickets.pdf(input.id, format, ctx);
      return c.body(new Uint8Array(pdf), 200, {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; filename="tickets-${reference}.pdf"`,
      });
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });

  app.get(`${API_BASE}/movies/:movieId/poster`, async (c) => {
    try {
      const movieId = Number(c.req.param('movieId'));
      const poster = Number.isSafeInteger(movieId) && movieId > 0 ? await core.catalog.poster(movieId) : null;
      if (!poster) throw new DomainError('not_found', 'This film has no poster.');
      return c.body(Buffer.from(poster.data), 200, {
        'Content-Type': poster.contentType,
        // The URL carries the poster's version, so a new upload gets a new URL.
        'Cache-Control': 'public, max-age=86400',
      });
    } catch (error) {
      return errorResponse(c, error, log);
    }
  });
}
