/**
 * One layout model for tickets and receipts, rendered two ways: HTML/CSS (screen preview and Electron
 * printing on 80 mm thermal rolls or A4) and PDF (pdfkit, for API users and headless installs). Both
 * renderers take this model and nothing else, so a ticket says the same on screen, paper and PDF.
 */
import QRCode from 'qrcode';

export type TicketFormat = 'thermal80' | 'a4';

export interface TicketView {
  film: string;
  certificate: string | null;
  /** Local date and time in the theater's zone, already formatted ("Sat 28 Nov 2026", "19:30"). */
  date: string;
  time: string;
  screen: string;
  row: string;
  seat: string;
  ticketType: string;
  price: string;
  code: string;
  /** The QR code's modules (true = dark), error correction M. */
  qr: boolean[][];
}

export interface ReceiptView {
  issuedAt: string;
  lines: { label: string; amount: string }[];
  total: string;
  vatRate: string;
  net: string;
  vat: string;
  payments: { label: string; amount: string }[];
}

export interface LayoutModel {
  cinema: string;
  /** The theater's address (tickets and receipt), phone and VAT number (receipt), from its settings. */
  address: string | null;
  phone: string | null;
  vatNumber: string | null;
  reference: string;
  reprint: boolean;
  tickets: TicketView[];
  receipt: ReceiptView | null;
}

/** The QR symbol of a code as a module matrix (error correction M, as the issue asks). */
export function qrModules(text: string): boolean[][] {
  const symbol = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = symbol.modules.size;
  return Array.from({ length: size }, (_, row) =>
    Array.from({ length: size }, (_, col) => symbol.modules.get(row, col) === 1),
  );
}

/** The code as people read it: groups of four, several lines. */
export function codeLines(code: string, groupsPerLine = 6): string[] {
  const groups = code.match(/.{1,4}/g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < groups.length; i += groupsPerLine) lines.push(groups.slice(i, i + groupsPerLine).join(' '));
  return lines;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  );
}

function qrSvg(modules: boolean[][]): string {
  const quiet = 4;
  const size = modules.length + quiet * 2;
  let path = '';
  modules.forEach((row, y) =>
    row.forEach((dark, x) => {
      if (dark) path += `M${x + quiet} ${y + quiet}h1v1h-1z`;
    }),
  );
  return `<svg class="qr" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges" role="img" aria-label="Ticket QR code"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font-family:Inter,"Helvetica Neue",Arial,sans-serif;color:#000;background:#fff;font-variant-numeric:tabular-nums}
.ticket,.receipt{break-inside:avoid;page-break-inside:avoid;padding:4mm;border-bottom:1px dashed #000}
.thermal80 .ticket,.thermal80 .receipt{width:72mm;margin:0 auto;break-after:page;page-break-after:always}
.a4 .ticket,.a4 .receipt{width:180mm;margin:8mm auto;border:1px solid #000;border-radius:2mm;display:grid;grid-template-columns:1fr 60mm;gap:4mm}
.a4 .receipt{display:block}
.cinema{font-size:11px;letter-spacing:.08em;text-transform:uppercase}
.venue{font-size:10px;line-height:1.3;margin:.5mm 0 1mm}
.reprint{display:inline-block;border:2px solid #000;padding:0 2mm;font-weight:800;letter-spacing:.1em;margin:1mm 0}
h1{font-size:20px;line-height:1.2;margin:1mm 0}
.cert{display:inline-block;border:1px solid #000;border-radius:1mm;padding:0 1mm;font-size:11px;vertical-align:middle}
dl{display:grid;grid-template-columns:auto 1fr;gap:1mm 3mm;margin:2mm 0;font-size:13px}
dt{font-weight:400;color:#333}dd{margin:0;font-weight:700}
.seat{font-size:24px;font-weight:800}
.qr{width:48mm;height:48mm;display:block;margin:2mm auto}
.code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:9px;text-align:center;word-break:break-all}
.ref{font-size:12px;text-align:center}
table{width:100%;border-collapse:collapse;font-size:12px}td{padding:.5mm 0}td.amount{text-align:right}
tr.total td{border-top:1px solid #000;font-weight:800}
`;

/** A complete HTML document; `@page` sets the paper (80 mm roll or A4) for Electron and browsers. */
export function renderHtml(model: LayoutModel, format: TicketFormat): string {
  const page = format === 'thermal80' ? '@page{size:80mm auto;margin:0}' : '@page{size:A4;margin:10mm}';
  const reprint = model.reprint ? '<div class="reprint">REPRINT</div>' : '';
  const address = model.address ? `<div class="venue">${escapeHtml(model.address)}</div>` : '';
  const venue = [
    model.address,
    model.phone ? `Tel. ${model.phone}` : null,
    model.vatNumber ? `VAT no. ${model.vatNumber}` : null,
  ].filter((line): line is string => !!line);
  const receiptVenue =
    venue.length > 0 ? `<div class="venue" data-venue>${venue.map(escapeHtml).join('<br>')}</div>` : '';
  const tickets = model.tickets
    .map(
      (t) => `<section class="ticket">
<div><div class="cinema">${escapeHtml(model.cinema)}</div>${address}${reprint}
<h1>${escapeHtml(t.film)}${t.certificate ? ` <span class="cert">${escapeHtml(t.certificate)}</span>` : ''}</h1>
<dl><dt>Date</dt><dd>${escapeHtml(t.date)}</dd><dt>Time</dt><dd>${escapeHtml(t.time)}</dd><dt>Screen</dt><dd>${escapeHtml(t.screen)}</dd>
<dt>Row · Seat</dt><dd class="seat">${escapeHtml(t.row)} · ${escapeHtml(t.seat)}</dd><dt>Ticket</dt><dd>${escapeHtml(t.ticketType)}</dd><dt>Price</dt><dd>${escapeHtml(t.price)}</dd></dl></div>
<div>${qrSvg(t.qr)}<div class="code">${codeLines(t.code).map(escapeHtml).join('<br>')}</div><div class="ref">Booking ${escapeHtml(model.reference)}</div></div>
</section>`,
    )
    .join('\n');
  const r = model.receipt;
  const receipt = r
    ? `<section class="receipt"><div class="cinema">${escapeHtml(model.cinema)}</div>${receiptVenue}${reprint}<h1>Receipt</h1>
<div class="ref">Booking ${escapeHtml(model.reference)} · ${escapeHtml(r.issuedAt)}</div>
<table>${r.lines.map((l) => `<tr><td>${escapeHtml(l.label)}</td><td class="amount">${escapeHtml(l.amount)}</td></tr>`).join('')}
<tr class="total"><td>Total</td><td class="amount">${escapeHtml(r.total)}</td></tr>
<tr><td>Net</td><td class="amount">${escapeHtml(r.net)}</td></tr>
<tr><td>VAT ${escapeHtml(r.vatRate)}</td><td class="amount">${escapeHtml(r.vat)}</td></tr>
${r.payments.map((p) => `<tr><td>${escapeHtml(p.label)}</td><td class="amount">${escapeHtml(p.amount)}</td></tr>`).join('')}</table></section>`
    : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tickets ${escapeHtml(model.reference)}</title><style>${page}${CSS}</style></head><body class="${format}">${tickets}${receipt}</body></html>`;
}
