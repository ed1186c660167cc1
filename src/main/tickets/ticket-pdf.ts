/**
 * The layout model as a PDF (pdfkit, no Electron): one ticket per page, 80 mm wide roll pages or A4, the
 * QR drawn as vector squares (sharp at any printer resolution), then the receipt. Standard PDF fonts
 * (Helvetica) keep the file small; text outside their Latin-1 repertoire is replaced.
 */
import PDFDocument from 'pdfkit';
import { codeLines, type LayoutModel, type TicketFormat } from './ticket-layout';

const MM = 72 / 25.4;

/** Helvetica's WinAnsi encoding covers Latin-1; other characters would print as garbage. */
function latin1(text: string): string {
  return text
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[–—]/g, '-')
    .replace(/[^\x20-\x7e\xa0-\xff]/g, '?');
}

export interface PdfOptions {
  /** Tests write uncompressed streams so they can read the text and the QR squares back. */
  compress?: boolean;
}

export function renderPdf(model: LayoutModel, format: TicketFormat, options: PdfOptions = {}): Promise<Buffer> {
  const width = format === 'thermal80' ? 80 * MM : 210 * MM;
  const height = format === 'thermal80' ? 150 * MM : 297 * MM;
  const margin = format === 'thermal80' ? 4 * MM : 20 * MM;
  const inner = format === 'thermal80' ? width - 2 * margin : 100 * MM;
  const doc = new PDFDocument({
    size: [width, height],
    margin,
    autoFirstPage: false,
    compress: options.compress ?? true,
    info: { Title: `Tickets ${model.reference}`, Author: model.cinema, Creator: 'Marquee' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const text = (value: string, font: string, size: number, opts: PDFKit.Mixins.TextOptions = {}) =>
    doc
      .font(font)
      .fontSize(size)
      .text(latin1(value), { width: inner, ...opts });

  for (const t of model.tickets) {
    doc.addPage({ size: [width, height], margin });
    text(model.cinema.toUpperCase(), 'Helvetica', 8, { characterSpacing: 0.8 });
    if (model.reprint) text('REPRINT', 'Helvetica-Bold', 12, { characterSpacing: 1.5 });
    doc.moveDown(0.3);
    text(`${t.film}${t.certificate ? `  (${t.certificate})` : ''}`, 'Helvetica-Bold', 16);
    doc.moveDown(0.3);
    text(`${t.date}   ${t.time}`, 'Helvetica-Bold', 12);
    text(t.screen, 'Helvetica', 10);
    text(`Row ${t.row}  Seat ${t.seat}`, 'Helvetica-Bold', 18);
    text(`${t.ticketType}   ${t.price}`, 'Helvetica', 10);
    doc.moveDown(0.5);

    // QR: the modules as filled squares, with a four-module quiet zone left white.
    const side = Math.min(inner, 50 * MM);
    const modules = t.qr.length;
    const cell = side / (modules + 8);
    const left = margin + (inner - side) / 2;
    const top = doc.y;
    doc.save();
    t.qr.forEach((row, y) =>
      row.forEach((dark, x) => {
        if (dark) doc.rect(left + (x + 4) * cell, top + (y + 4) * cell, cell, cell);
      }),
    );
    doc.fill('#000000');
    doc.restore();
    doc.y = top + side + 2;
    doc.x = margin;
    for (const line of codeLines(t.code)) text(line, 'Courier', 7, { align: 'center' });
    doc.moveDown(0.3);
    text(`Booking ${model.reference}`, 'Helvetica-Bold', 10, { align: 'center' });
  }

  const r = model.receipt;
  if (r) {
    doc.addPage({ size: [width, height], margin });
    text(model.cinema.toUpperCase(), 'Helvetica', 8);
    if (model.address) text(model.address, 'Helvetica', 8);
    if (model.phone) text(`Tel. ${model.phone}`, 'Helvetica', 8);
    if (model.vatNumber) text(`VAT no. ${model.vatNumber}`, 'Helvetica', 8);
    if (model.reprint) text('REPRINT', 'Helvetica-Bold', 12);
    text('Receipt', 'Helvetica-Bold', 16);
    text(`Booking ${model.reference}   ${r.issuedAt}`, 'Helvetica', 9);
    doc.moveDown(0.5);
    const row = (label: string, amount: string, font = 'Helvetica') => {
      const y = doc.y;
      doc
        .font(font)
        .fontSize(9)
        .text(latin1(label), margin, y, { width: inner * 0.7 });
      doc.font(font).fontSize(9).text(latin1(amount), margin, y, { width: inner, align: 'right' });
    };
    for (const line of r.lines) row(line.label, line.amount);
    doc.moveDown(0.3);
    row('Total', r.total, 'Helvetica-Bold');
    row('Net', r.net);
    row(`VAT ${r.vatRate}`, r.vat);
    for (const p of r.payments) row(p.label, p.amount);
  }
  doc.end();
  return done;
}
