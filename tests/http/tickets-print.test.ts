import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../src/main/core/clock';
import { startTestServer, type TestServer } from '../support/harness';
import { databaseFingerprint } from '../support/snapshot';
import { paidBooking } from '../support/tickets';

let s: TestServer;
let cashier: string;

beforeAll(async () => {
  s = await startTestServer();
  cashier = (await s.userToken('cashier')).token;
});
afterAll(async () => {
  await s.close();
});

/** The content streams of an uncompressed PDF, one per page in order. */
function contentStreams(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  return [...text.matchAll(/(?<!end)stream\n([\s\S]*?)\nendstream/g)].map((m) => m[1]!).filter((s) => /\bBT\b/.test(s));
}

/** The text drawn on a page: pdfkit writes standard-font text as hex strings in TJ arrays. */
function pageText(stream: string): string {
  const lines: string[] = [];
  for (const match of stream.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const parts = [...match[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => Buffer.from(m[1]!, 'hex').toString('latin1'));
    lines.push(parts.join(''));
  }
  return lines.join('\n');
}

/** Rasterises the page's square `re` paths (the QR modules) and decodes them with jsQR. */
function decodeQr(stream: string): string | null {
  const rects = [...stream.matchAll(/(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) re/g)].map((m) =>
    m.slice(1, 5).map(Number),
  );
  const squares = rects.filter(([, , w, h]) => Math.abs(w! - h!) < 1e-3);
  if (squares.length === 0) return null;
  const cell = squares[0]![2]!;
  const xs = squares.map(([x]) => x!);
  const ys = squares.map(([, y]) => y!);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const modules = Math.round((Math.max(...xs) - minX) / cell) + 1;
  const scale = 4;
  const quiet = 4;
  const size = (modules + quiet * 2) * scale;
  const pixels = new Uint8ClampedArray(size * size * 4).fill(255);
  for (const [x, y] of squares) {
    const col = Math.round((x! - minX) / cell) + quiet;
    const row = Math.round((y! - minY) / cell) + quiet;
    for (let dy = 0; dy < scale; dy += 1)
      for (let dx = 0; dx < scale; dx += 1) {
        const at = ((row * scale + dy) * size + col * scale + dx) * 4;
        pixels[at] = pixels[at + 1] = pixels[at + 2] = 0;
      }
  }
  return jsQR(pixels, size, size)?.data ?? null;
}

describe('ticket PDF', () => {
  it('opens, names the booking reference, and each page QR decodes back to its ticket code', async () => {
    (s.clock as ManualClock).set(Date.parse('2026-11-28T09:00:00Z'));
    const { booking } = await paidBooking(s, { seats: 2 });
    const ctx = { actor: s.admin, transport: 'memory' as const };
    const { pdf } = await s.core.tickets.pdf(booking.id, 'a4', ctx, { compress: false });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = contentStreams(pdf);
    expect(pages).toHaveLength(3); // two tickets and the receipt
    const codes = booking.tickets.map((t) => t.code);
    pages.slice(0, 2).forEach((page, i) => {
      const text = pageText(page);
      expect(text).toContain(`Booking ${booking.reference}`);
      expect(text).toContain('Seed film');
      expect(text).toContain('Screen 1');
      expect(text).toContain('19:00');
      expect(text).not.toContain('REPRINT');
      expect(decodeQr(page)).toBe(codes[i]);
      expect(text.replace(/\s/g, '')).toContain(codes[i]);
    });
    const receipt = pageText(pages[2]!);
    expect(receipt).toContain('Receipt');
    expect(receipt).toContain('Total');
    expect(receipt).toMatch(/VAT \d/);

    // the second PDF of the same booking is a reprint
    const { pdf: again } = await s.core.tickets.pdf(booking.id, 'thermal80', ctx, { compress: false });
    const reprinted = contentStreams(again);
    expect(pageText(reprinted[0]!)).toContain('REPRINT');
    expect(decodeQr(reprinted[0]!)).toBe(codes[0]);
  });

  it('GET /bookings/{id}/tickets.pdf for whoever may read the booking; counted; bad input 4xx', async () => {
    (s.clock as ManualClock).set(Date.parse('2026-11-28T09:00:00Z'));
    const { booking } = await paidBooking(s, { seats: 1 });
    const res = await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.pdf`, { token: cashier });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const count = () =>
      (
        s.core.database.sqlite
          .prepare('SELECT print_count AS n FROM ticket_codes WHERE ticket_id = ?')
          .get(booking.tickets[0]!.id) as { n: number }
      ).n;
    expect(count()).toBe(1);

    const { token: stranger } = await s.userToken('customer');
    const before = databaseFingerprint(s.core);
    expect((await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.pdf`)).status).toBe(401);
    expect((await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.pdf`, { token: stranger })).status).toBe(
      404,
    );
    expect((await s.request('GET', `/api/v1/bookings/abc/tickets.pdf`, { token: cashier })).status).toBe(400);
    expect((await s.request('GET', `/api/v1/bookings/999999/tickets.pdf`, { token: cashier })).status).toBe(404);
    expect(
      (await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.pdf?format=letter`, { token: cashier })).status,
    ).toBe(400);
    expect(databaseFingerprint(s.core)).toEqual(before);
  });

  it('an unpaid booking has no tickets to print (409) and is not counted', async () => {
    const hold = await s.call('holds.create', {
      showtimeId: (await paidBooking(s, { seats: 1 })).showtimeId,
      quantity: 1,
    });
    const pending = await s.call('bookings.create', {
      holdId: hold.id,
      tickets: hold.seatIds.map((seatId) => ({ seatId, ticketType: 'adult' })),
    });
    const res = await s.request('GET', `/api/v1/bookings/${pending.id}/tickets.pdf`, { token: await s.adminToken() });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('tickets_not_issued');
  });
});

describe('HTML layouts and print counts', () => {
  it('preview does not count; the first print is the original, later ones are REPRINT', async () => {
    (s.clock as ManualClock).set(Date.parse('2026-11-28T09:00:00Z'));
    const { booking } = await paidBooking(s, { seats: 2 });
    const preview = await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.html?format=a4&receipt=true`, {
      token: cashier,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.reprint).toBe(false);
    expect(preview.body.html).toContain('@page{size:A4');
    expect(preview.body.html).toContain(booking.reference);
    expect(preview.body.html).toContain('<svg class="qr"');
    expect(preview.body.html).toContain('Receipt');

    const first = await s.request('POST', `/api/v1/bookings/${booking.id}/prints`, {
      token: cashier,
      body: { format: 'thermal80' },
    });
    expect(first.body).toMatchObject({ reprint: false, printCount: 1 });
    expect(first.body.html).toContain('@page{size:80mm auto');
    expect(first.body.html).not.toContain('REPRINT');
    const second = await s.request('POST', `/api/v1/bookings/${booking.id}/prints`, { token: cashier, body: {} });
    expect(second.body).toMatchObject({ reprint: true, printCount: 2 });
    expect(second.body.html).toContain('REPRINT');
    const later = await s.request('GET', `/api/v1/bookings/${booking.id}/tickets.html`, { token: cashier });
    expect(later.body.reprint).toBe(true);
  });

  it('film titles are escaped in the HTML', async () => {
    const { renderHtml } = await import('../../src/main/tickets/index');
    const html = renderHtml(
      {
        cinema: 'C',
        address: null,
        phone: null,
        vatNumber: null,
        reference: 'R',
        reprint: false,
        receipt: null,
        tickets: [
          {
            film: '<script>x</script>',
            certificate: null,
            date: 'd',
            time: 't',
            screen: 's',
            row: 'A',
            seat: '1',
            ticketType: 'Adult',
            price: '£1.00',
            code: 'ABC',
            qr: [[true]],
          },
        ],
      },
      'a4',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });
});
