/**
 * Reports of one theater: sales over a range of days broken down by day, film, screen, ticket type,
 * channel or payment method (tickets and gross on the day of sale, refunds on the day the money went
 * back, VAT), and the distributor report of one film (admissions and box office per showtime, net of
 * VAT). Every view downloads as the same CSV the REST API serves, and prints on its own (print stylesheet).
 */
import { useState } from 'react';
import type { DistributorReport, SalesFigures, SalesReport } from '../../../shared/contract/index';
import { addDays, localDateOf } from '../../../shared/domain/time';
import {
  distributorCsv,
  SALES_BREAKDOWNS,
  salesCsv,
  salesRows,
  type SalesBreakdown,
} from '../../../shared/domain/report-csv';
import { IconAlert, IconFilm, IconStar } from '../../components/icons';
import { Link } from '../../components/link';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { listMovies } from '../../lib/data';
import { errorMessage } from '../../lib/errors';
import { formatDateMedium, formatDateShort } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { TheaterPicker, useTheaterScope } from './theater-scope';

const BREAKDOWN_LABEL: Record<SalesBreakdown, string> = {
  day: 'Day',
  film: 'Film',
  screen: 'Screen',
  ticketType: 'Ticket type',
  channel: 'Channel',
  method: 'Payment method',
};
const BREAKDOWN_TITLE: Record<SalesBreakdown, string> = {
  day: 'Sales by day',
  film: 'Sales by film',
  screen: 'Sales by screen',
  ticketType: 'Sales by ticket type',
  channel: 'Sales by channel',
  method: 'Sales by payment method',
};

/** Saves text as a file in the browser (and in the desktop window, which downloads the same way). */
function download(text: string, filename: string) {
  const blob = new Blob([text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const count = (value: number) => new Intl.NumberFormat('en-GB').format(value);

export function ReportsPage({ me }: { me: Me }) {
  const scope = useTheaterScope(me);
  const theater = scope.theater;
  const [kind, setKind] = useState<'sales' | 'distributor'>('sales');
  const [to, setTo] = useState(() => localDateOf(Date.now(), Intl.DateTimeFormat().resolvedOptions().timeZone));
  const [from, setFrom] = useState(() => addDays(to, -6));
  const rangeError = from > to ? 'The end date is before the start date.' : null;

  if (scope.list.status === 'ready' && scope.theaters.length === 0) {
    return (
      <main className="admin__main">
        <StateMessage icon={<IconStar />} title="No theaters to report on">
          Your account manages no theater yet. Ask an admin to add you to one.
        </StateMessage>
      </main>
    );
  }

  return (
    <main className="admin__main reports">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Reports</h1>
          <p className="page-head__lead">
            {kind === 'sales'
              ? 'Tickets and gross count on the day of sale; refunds on the day the money went back. Training sales are left out.'
              : "One film's admissions and box office per show, net of VAT: what film rental is computed from."}
          </p>
          <p className="print-only print-heading">
            {theater?.name} · {formatDateMedium(from)} – {formatDateMedium(to)}
          </p>
        </div>
        <div className="segmented no-print" role="group" aria-label="Report">
          <button
            type="button"
            className="segmented__option"
            aria-pressed={kind === 'sales'}
            onClick={() => setKind('sales')}
          >
            Sales
          </button>
          <button
            type="button"
            className="segmented__option"
            aria-pressed={kind === 'distributor'}
            onClick={() => setKind('distributor')}
          >
            Distributor
          </button>
        </div>
      </div>
      <div className="report-controls no-print">
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
      </div>
      {rangeError ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{rangeError}</span>
        </div>
      ) : null}
      {theater && !rangeError ? (
        kind === 'sales' ? (
          <SalesView theaterId={theater.id} from={from} to={to} />
        ) : (
          <DistributorView theaterId={theater.id} from={from} to={to} />
        )
      ) : null}
    </main>
  );
}

function SalesView({ theaterId, from, to }: { theaterId: number; from: string; to: string }) {
  const [by, setBy] = useState<SalesBreakdown>('day');
  const report = useAsync(() => call('reports.sales', { theaterId, from, to }), [theaterId, from, to]);
  const data = report.data;
  return (
    <>
      {report.status === 'error' ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{errorMessage(report.error)}</span>
        </div>
      ) : null}
      {data ? (
        <>
          <div className="kpis kpis--five">
            <Kpi label="Tickets sold" value={count(data.totals.tickets)} />
            <Kpi label="Gross" value={formatMoney(data.totals.gross, data.currency)} />
            <Kpi label="Refunds" value={formatMoney(data.totals.refunds, data.currency)} />
            <Kpi label="Net" value={formatMoney(data.totals.net, data.currency)} />
            <Kpi label="VAT in net" value={formatMoney(data.totals.tax, data.currency)} />
          </div>
          <section className="panel" aria-labelledby="breakdown-title">
            <div className="panel__toolbar">
              <h2 id="breakdown-title" className="panel__title">
                {BREAKDOWN_TITLE[by]}
              </h2>
              <div className="panel__actions no-print">
                <div className="segmented" role="group" aria-label="Break down by">
                  {SALES_BREAKDOWNS.map((option) => (
                    <button
                      key={option}
                      type="button"
                      className="segmented__option"
                      aria-pressed={by === option}
                      onClick={() => setBy(option)}
                    >
                      {BREAKDOWN_LABEL[option]}
                    </button>
                  ))}
                </div>
                <button type="button" className="btn" onClick={() => window.print()}>
                  Print
                </button>
                <button
                  type="button"
                  className="btn btn--primary"
                  onClick={() => download(salesCsv(data, by), `sales-by-${by}-${data.from}-to-${data.to}.csv`)}
                >
                  Download CSV
                </button>
              </div>
            </div>
            <SalesTable report={data} by={by} />
          </section>
        </>
      ) : null}
    </>
  );
}

function SalesTable({ report, by }: { report: SalesReport; by: SalesBreakdown }) {
  const rows = salesRows(report, by);
  const money = (minor: number) => formatMoney(minor, report.currency);
  if (rows.length === 0 || (by !== 'day' && report.totals.tickets === 0 && report.totals.refunds === 0)) {
    return (
      <StateMessage icon={<IconStar />} title="No sales in these days">
        Pick a wider range of days, or sell a ticket at the counter and come back.
      </StateMessage>
    );
  }
  const cells = (f: SalesFigures) => (
    <>
      <td className="table__num num">{count(f.tickets)}</td>
      <td className="table__num num">{f.refundedTickets ? count(f.refundedTickets) : '—'}</td>
      <td className="table__num num">{money(f.gross)}</td>
      <td className="table__num num">{f.refunds ? `−${money(f.refunds)}` : '—'}</td>
      <td className="table__num num">{money(f.net)}</td>
      <td className="table__num num">{money(f.tax)}</td>
    </>
  );
  return (
    <div className="panel__scroll">
      <table className="table" aria-label={BREAKDOWN_TITLE[by]}>
        <thead>
          <tr>
            <th scope="col">{BREAKDOWN_LABEL[by]}</th>
            <th scope="col" className="table__num">
              Tickets
            </th>
            <th scope="col" className="table__num">
              Refunded
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
            <th scope="col" className="table__num">
              VAT
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{by === 'day' ? formatDateShort(row.key) : row.name}</th>
              {cells(row)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            {cells(report.totals)}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function DistributorView({ theaterId, from, to }: { theaterId: number; from: string; to: string }) {
  const films = useAsync(() => listMovies({ status: 'all' }), []);
  const [movieId, setMovieId] = useState<number | null>(null);
  const chosen = movieId ?? films.data?.[0]?.id ?? null;
  const report = useAsync(
    () => (chosen ? call('reports.distributor', { theaterId, movieId: chosen, from, to }) : Promise.resolve(null)),
    [theaterId, chosen, from, to],
  );
  if (films.data && films.data.length === 0) {
    return (
      <StateMessage icon={<IconFilm />} title="No films yet">
        Add films under <Link href="/admin/films">Films</Link> and schedule them; their reports appear here.
      </StateMessage>
    );
  }
  const data = report.data;
  return (
    <section className="panel" aria-labelledby="distributor-title">
      <div className="panel__toolbar">
        <h2 id="distributor-title" className="panel__title">
          {data ? `Distributor report: ${data.title}` : 'Distributor report'}
        </h2>
        <div className="panel__actions no-print">
          <label className="field field--inline">
            <span className="field__label">Film</span>
            <select
              className="input select"
              value={chosen ?? ''}
              onChange={(event) => setMovieId(Number(event.target.value))}
            >
              {(films.data ?? []).map((film) => (
                <option key={film.id} value={film.id}>
                  {film.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn" onClick={() => window.print()} disabled={!data}>
            Print
          </button>
          <button
            type="button"
            className="btn btn--primary"
            disabled={!data}
            onClick={() =>
              data && download(distributorCsv(data), `distributor-${data.movieId}-${data.from}-to-${data.to}.csv`)
            }
          >
            Download CSV
          </button>
        </div>
      </div>
      {report.status === 'error' ? (
        <div className="alert panel__alert" role="alert">
          <IconAlert />
          <span>{errorMessage(report.error)}</span>
        </div>
      ) : null}
      {data ? <DistributorTable report={data} /> : null}
    </section>
  );
}

function DistributorTable({ report }: { report: DistributorReport }) {
  const money = (minor: number) => formatMoney(minor, report.currency);
  if (report.showtimes.length === 0) {
    return (
      <StateMessage icon={<IconFilm />} title={`No shows of ${report.title} in these days`}>
        Pick the days the film played, or schedule it under <Link href="/admin/schedule">Schedule</Link>.
      </StateMessage>
    );
  }
  return (
    <div className="panel__scroll">
      <table className="table" aria-label={`Distributor report: ${report.title}`}>
        <thead>
          <tr>
            <th scope="col">Show</th>
            <th scope="col">Screen</th>
            <th scope="col" className="table__num">
              Admissions
            </th>
            <th scope="col" className="table__num">
              Box office
            </th>
            <th scope="col" className="table__num">
              VAT
            </th>
            <th scope="col" className="table__num">
              Net of VAT
            </th>
          </tr>
        </thead>
        <tbody>
          {report.showtimes.map((show) => (
            <tr key={show.showtimeId}>
              <th scope="row" className="num">
                {formatDateShort(show.date)} {show.time}
                {show.status === 'cancelled' ? <span className="badge">Cancelled</span> : null}
              </th>
              <td>{show.screenName}</td>
              <td className="table__num num">{count(show.admissions)}</td>
              <td className="table__num num">{money(show.gross)}</td>
              <td className="table__num num">{money(show.vat)}</td>
              <td className="table__num num">{money(show.netOfVat)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td />
            <td className="table__num num">{count(report.totals.admissions)}</td>
            <td className="table__num num">{money(report.totals.gross)}</td>
            <td className="table__num num">{money(report.totals.vat)}</td>
            <td className="table__num num">{money(report.totals.netOfVat)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
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
