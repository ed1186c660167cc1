/**
 * Sales report of one theater over a date range: per day and per film, tickets, gross, refunds (on the
 * day they were given) and net, with totals; the same numbers as a CSV download.
 */
import { useState } from 'react';
import type { SalesReport } from '../../../shared/contract/index';
import { addDays, localDateOf } from '../../../shared/domain/time';
import { IconAlert, IconStar } from '../../components/icons';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatDateShort } from '../../lib/format';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { TheaterPicker, useTheaterScope } from './theater-scope';

export function money(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}

/** The report as CSV: one section per day, then per film; amounts in major units with two decimals. */
export function reportCsv(report: SalesReport, theaterName: string): string {
  const amount = (minor: number) => (minor / 100).toFixed(2);
  const quote = (text: string) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const lines = [
    `Sales report,${quote(theaterName)},${report.from},${report.to},${report.currency}`,
    '',
    'Date,Tickets,Gross,Refunds,Net',
    ...report.days.map((d) => [d.date, d.tickets, amount(d.gross), amount(d.refunds), amount(d.net)].join(',')),
    [
      'Total',
      report.totals.tickets,
      amount(report.totals.gross),
      amount(report.totals.refunds),
      amount(report.totals.net),
    ].join(','),
    '',
    'Film,Tickets,Gross,Refunds,Net',
    ...report.films.map((f) =>
      [quote(f.title), f.tickets, amount(f.gross), amount(f.refunds), amount(f.net)].join(','),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function ReportsPage({ me }: { me: Me }) {
  const scope = useTheaterScope(me);
  const theater = scope.theater;
  const [to, setTo] = useState(() => localDateOf(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [from, setFrom] = useState(() => addDays(to, -6));
  const rangeError = from > to ? 'The end date is before the start date.' : null;
  const report = useAsync(
    () => (theater && !rangeError ? call('reports.sales', { theaterId: theater.id, from, to }) : Promise.resolve(null)),
    [theater?.id, from, to],
  );

  function downloadCsv() {
    if (!report.data || !theater) return;
    const blob = new Blob([reportCsv(report.data, theater.name)], { type: 'text/csv' });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `sales-${report.data.from}-to-${report.data.to}.csv`;
    a.click();
    URL.revokeObjectURL(url);
  }

  if (scope.list.status === 'ready' && scope.theaters.length === 0) {
    return (
      <main className="admin__main">
        <StateMessage icon={<IconStar />} title="No theaters to report on">
          Your account manages no theater yet. Ask an admin to add you to one.
        </StateMessage>
      </main>
    );
  }

  const data = report.data;
  return (
    <main className="admin__main">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Sales</h1>
          <p className="page-head__lead">
            Tickets and gross count on the day of sale; refunds on the day the money went back.
          </p>
        </div>
        <div className="page-head__controls">
          <TheaterPicker scope={scope} />
          <label className="field field--inline">
            <span className="field__label">From</span>
            <input className="input num" type="date" value={from} onChange={(event) => setFrom(event.target.value)} />
          </label>
          <label className="field field--inline">
            <span className="field__label">To</span>
            <input
              className="input num"
              type="date"
              value={to}
              aria-invalid={rangeError ? true : undefined}
              onChange={(event) => setTo(event.target.value)}
            />
          </label>
          <button type="button" className="btn btn--primary" onClick={downloadCsv} disabled={!data}>
            Download CSV
          </button>
        </div>
      </div>
      {rangeError ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{rangeError}</span>
        </div>
      ) : null}
      {report.status === 'error' ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{errorMessage(report.error)}</span>
        </div>
      ) : null}

      {data ? (
        <>
          <div className="kpis">
            <Kpi label="Tickets" value={String(data.totals.tickets)} />
            <Kpi label="Gross" value={money(data.totals.gross, data.currency)} />
            <Kpi label="Refunds" value={money(data.totals.refunds, data.currency)} />
            <Kpi label="Net" value={money(data.totals.net, data.currency)} />
          </div>
          <section className="panel" aria-labelledby="by-day">
            <div className="panel__toolbar">
              <h2 id="by-day" className="panel__title">
                By day
              </h2>
            </div>
            <FiguresTable
              label="Sales by day"
              first="Date"
              rows={data.days.map((d) => ({ key: d.date, name: formatDateShort(d.date), ...d }))}
              totals={data.totals}
              currency={data.currency}
            />
          </section>
          <section className="panel" aria-labelledby="by-film">
            <div className="panel__toolbar">
              <h2 id="by-film" className="panel__title">
                By film
              </h2>
            </div>
            {data.films.length === 0 ? (
              <StateMessage icon={<IconStar />} title="No sales in these days">
                Pick a wider range, or sell a ticket at the counter and come back.
              </StateMessage>
            ) : (
              <FiguresTable
                label="Sales by film"
                first="Film"
                rows={data.films.map((f) => ({ key: String(f.movieId), name: f.title, ...f }))}
                totals={data.totals}
                currency={data.currency}
              />
            )}
          </section>
        </>
      ) : null}
    </main>
  );
}

function Kpi({ label, value }: { label: string; value: string }) {
  return (
    <div className="kpi">
      <span className="kpi__label">{label}</span>
      <span className="kpi__value num">{value}</span>
    </div>
  );
}

interface Figures {
  tickets: number;
  gross: number;
  refunds: number;
  net: number;
}

function FiguresTable({
  label,
  first,
  rows,
  totals,
  currency,
}: {
  label: string;
  first: string;
  rows: (Figures & { key: string; name: string })[];
  totals: Figures;
  currency: string;
}) {
  return (
    <div className="panel__scroll">
      <table className="table" aria-label={label}>
        <thead>
          <tr>
            <th scope="col">{first}</th>
            <th scope="col" className="table__num">
              Tickets
            </th>
            <th scope="col" className="table__num">
              Gross
            </th>
            <th scope="col" className="table__num">
              Refunds
            </th>
            <th scope="col" className="table__num">
              Net
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="table__num num">{row.tickets}</td>
              <td className="table__num num">{money(row.gross, currency)}</td>
              <td className="table__num num">{row.refunds ? `−${money(row.refunds, currency)}` : '—'}</td>
              <td className="table__num num">{money(row.net, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td className="table__num num">{totals.tickets}</td>
            <td className="table__num num">{money(totals.gross, currency)}</td>
            <td className="table__num num">{totals.refunds ? `−${money(totals.refunds, currency)}` : '—'}</td>
            <td className="table__num num">{money(totals.net, currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
