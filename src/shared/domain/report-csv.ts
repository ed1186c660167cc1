/**
 * Reports as CSV (RFC 4180): one header row, then one row per line of the report and a Total row; fields
 * quoted when they hold a comma, quote or line break (quotes doubled); CRLF line ends; money as a decimal
 * string in the report's currency ("1234.50", "-12.50"; no symbol, no grouping), with a Currency column.
 * The REST API serves these and the admin pages download the same text, so both always agree.
 */
import type { DistributorReport, SalesReport } from '../contract/reports';
import { currencyExponent } from './money';

/** Minor units as a plain decimal string: 123450 GBP → "1234.50", -5 → "-0.05", 1200 JPY → "1200". */
export function decimalAmount(minor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return sign + digits;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export const SALES_BREAKDOWNS = ['day', 'film', 'screen', 'ticketType', 'channel', 'method'] as const;
export type SalesBreakdown = (typeof SALES_BREAKDOWNS)[number];

const BREAKDOWN_HEADING: Record<SalesBreakdown, string> = {
  day: 'Date',
  film: 'Film',
  screen: 'Screen',
  ticketType: 'Ticket type',
  channel: 'Channel',
  method: 'Payment method',
};

export const CHANNEL_LABELS: Record<string, string> = {
  counter: 'Box office',
  kiosk: 'Kiosk',
  api: 'Website / API',
  web: 'Web',
};

export const METHOD_LABELS: Record<string, string> = {
  cash: 'Cash',
  card_present: 'Card',
  external: 'Paid elsewhere',
  exchange: 'Exchange credit',
  split: 'Split tender',
  none: 'Free',
};

/** The rows of one breakdown of a sales report, each with its display name. */
export function salesRows(report: SalesReport, by: SalesBreakdown) {
  switch (by) {
    case 'day':
      return report.days.map((row) => ({ key: row.date, name: row.date, ...row }));
    case 'film':
      return report.films.map((row) => ({ key: String(row.movieId), name: row.title, ...row }));
    case 'screen':
      return report.screens.map((row) => ({ ...row, key: String(row.screenId) }));
    case 'ticketType':
      return report.ticketTypes.map((row) => ({ ...row, key: row.code }));
    case 'channel':
      return report.channels.map((row) => ({
        key: row.channel,
        name: CHANNEL_LABELS[row.channel] ?? row.channel,
        ...row,
      }));
    case 'method':
      return report.methods.map((row) => ({ key: row.method, name: METHOD_LABELS[row.method] ?? row.method, ...row }));
  }
}

export function salesCsv(report: SalesReport, by: SalesBreakdown): string {
  const money = (minor: number) => decimalAmount(minor, report.currency);
  const line = (name: string, f: SalesReport['totals']) => [
    name,
    f.tickets,
    f.refundedTickets,
    money(f.gross),
    money(f.refunds),
    money(f.net),
    money(f.tax),
    report.currency,
  ];
  return toCsv([
    [BREAKDOWN_HEADING[by], 'Tickets sold', 'Tickets refunded', 'Gross', 'Refunds', 'Net', 'VAT', 'Currency'],
    ...salesRows(report, by).map((row) => line(row.name, row)),
    line('Total', report.totals),
  ]);
}

export function distributorCsv(report: DistributorReport): string {
  const money = (minor: number) => decimalAmount(minor, report.currency);
  return toCsv([
    ['Film', 'Date', 'Time', 'Screen', 'Status', 'Admissions', 'Box office gross', 'VAT', 'Net of VAT', 'Currency'],
    ...report.showtimes.map((row) => [
      report.title,
      row.date,
      row.time,
      row.screenName,
      row.status,
      row.admissions,
      money(row.gross),
      money(row.vat),
      money(row.netOfVat),
      report.currency,
    ]),
    [
      report.title,
      'Total',
      '',
      '',
      '',
      report.totals.admissions,
      money(report.totals.gross),
      money(report.totals.vat),
      money(report.totals.netOfVat),
      report.currency,
    ],
  ]);
}
