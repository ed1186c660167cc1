/**
 * The admin landing section: today at a glance for one theater (tickets and revenue so far against the
 * same weekday last week, occupancy of the shows running and still to come, open drawers) and charts of
 * sales by day, by hour of the day, by film and occupancy by screen, each with its table one click away.
 * The server computes every figure (`reports.dashboard`); this page only lays them out.
 */
import type { Dashboard } from '../../../shared/contract/index';
import { IconAlert, IconCalendar, IconRefresh, IconStar } from '../../components/icons';
import { Link } from '../../components/link';
import { StateMessage } from '../../components/states';
import { call } from '../../lib/client';
import { errorMessage } from '../../lib/errors';
import { formatDateLong, formatDateShort } from '../../lib/format';
import { formatMoney } from '../../lib/money';
import type { Me } from '../../lib/session';
import { useAsync } from '../../lib/use-async';
import { CHART_COLORS, ChartPanel } from './chart-panel';
import { TheaterPicker, useTheaterScope } from './theater-scope';

const count = (value: number) => new Intl.NumberFormat('en-GB').format(value);
const percent = (value: number) => `${Math.round(value)}%`;
const clock = (iso: string) => iso.slice(11, 16);

/** "+12% on last Sunday" / "−3% …" / "same as …" / "none last Sunday". */
export function comparison(
  now: number,
  before: number,
  weekday: string,
): { text: string; tone: 'up' | 'down' | 'flat' } {
  if (before === 0) return { text: now === 0 ? `none last ${weekday} either` : `none last ${weekday}`, tone: 'flat' };
  const change = Math.round(((now - before) / before) * 100);
  if (change === 0) return { text: `same as last ${weekday}`, tone: 'flat' };
  return { text: `${change > 0 ? '+' : '−'}${Math.abs(change)}% on last ${weekday}`, tone: change > 0 ? 'up' : 'down' };
}

export function DashboardPage({ me }: { me: Me }) {
  const scope = useTheaterScope(me);
  const theater = scope.theater;
  const board = useAsync(
    () => (theater ? call('reports.dashboard', { theaterId: theater.id }) : Promise.resolve(null)),
    [theater?.id],
  );

  if (scope.list.status === 'ready' && scope.theaters.length === 0) {
    return (
      <main className="admin__main">
        <StateMessage icon={<IconStar />} title="No theaters yet">
          {me.role === 'admin'
            ? 'Add a theater and its screens under Theaters & screens; its day will show here.'
            : 'Your account manages no theater yet. Ask an admin to add you to one.'}
        </StateMessage>
      </main>
    );
  }
  const data = board.data;
  return (
    <main className="admin__main dashboard">
      <div className="page-head">
        <div>
          <h1 className="page-head__title">Dashboard</h1>
          <p className="page-head__lead">
            {data ? (
              <>
                {formatDateLong(data.date)} at {data.theaterName}, as of <span className="num">{clock(data.asOf)}</span>
                .
              </>
            ) : (
              'Today at a glance.'
            )}
          </p>
        </div>
        <div className="page-head__controls">
          <TheaterPicker scope={scope} />
          <button type="button" className="btn" onClick={board.reload} aria-busy={board.status === 'loading'}>
            <IconRefresh />
            Refresh
          </button>
        </div>
      </div>
      {board.status === 'error' ? (
        <div className="alert" role="alert">
          <IconAlert />
          <span>{errorMessage(board.error)}</span>
        </div>
      ) : null}
      {data ? <DashboardBody data={data} /> : null}
    </main>
  );
}

function DashboardBody({ data }: { data: Dashboard }) {
  const money = (minor: number) => formatMoney(minor, data.currency);
  const weekday = new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${data.lastWeek.date}T12:00:00Z`),
  );
  const tickets = comparison(data.today.tickets, data.lastWeek.tickets, weekday);
  const revenue = comparison(data.today.gross, data.lastWeek.gross, weekday);
  const running = data.shows.filter((show) => show.state === 'running');
  const seatsToday = data.shows.reduce((sum, show) => sum + show.capacity, 0);
  const soldToday = data.shows.reduce((sum, show) => sum + show.sold, 0);

  return (
    <>
      <div className="kpis kpis--dashboard">
        <Kpi label="Tickets sold today" value={count(data.today.tickets)} note={tickets} />
        <Kpi label="Revenue today" value={money(data.today.gross)} note={revenue} />
        <Kpi
          label="Shows still to play today"
          value={count(data.shows.length)}
          note={{
            text:
              data.shows.length === 0
                ? 'the day is done'
                : `${running.length} running now · ${seatsToday > 0 ? Math.round((soldToday / seatsToday) * 100) : 0}% of seats sold`,
            tone: 'flat',
          }}
        />
        <Kpi
          label="Open drawers"
          value={count(data.openShifts.length)}
          note={{
            text: data.today.refunds > 0 ? `${money(data.today.refunds)} refunded today` : 'no refunds today',
            tone: 'flat',
          }}
        />
      </div>

      <div className="dashboard__grid">
        <section className="panel" aria-labelledby="shows-today">
          <div className="panel__toolbar">
            <h2 id="shows-today" className="panel__title">
              Shows today
            </h2>
          </div>
          {data.shows.length === 0 ? (
            <StateMessage icon={<IconCalendar />} title="No more shows today">
              Plan the coming days under <Link href="/admin/schedule">Schedule</Link>.
            </StateMessage>
          ) : (
            <div className="panel__scroll">
              <table className="table" aria-label="Shows running and to come today">
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    <th scope="col">Film</th>
                    <th scope="col">Screen</th>
                    <th scope="col" className="table__num">
                      Sold
                    </th>
                    <th scope="col">Occupancy</th>
                  </tr>
                </thead>
                <tbody>
                  {data.shows.map((show) => {
                    const share = show.capacity > 0 ? show.sold / show.capacity : 0;
                    return (
                      <tr key={show.showtimeId}>
                        <td className="num">
                          {clock(show.startsAt)}
                          {show.state === 'running' ? <span className="badge badge--live">Running</span> : null}
                        </td>
                        <th scope="row">{show.title}</th>
                        <td>{show.screenName}</td>
                        <td className="table__num num">
                          {count(show.sold)} / {count(show.capacity)}
                        </td>
                        <td>
                          <meter
                            className="occupancy"
                            min={0}
                            max={1}
                            low={0.5}
                            high={0.85}
                            optimum={0.9}
                            value={share}
                            aria-label={`${show.title} at ${clock(show.startsAt)}: ${percent(share * 100)} sold`}
                          />
                          <span className="occupancy__text num">{percent(share * 100)}</span>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="panel" aria-labelledby="open-shifts">
          <div className="panel__toolbar">
            <h2 id="open-shifts" className="panel__title">
              Open drawers
            </h2>
          </div>
          {data.openShifts.length === 0 ? (
            <StateMessage title="No drawer is open">
              Cashiers open a shift with their float at the counter before taking cash.
            </StateMessage>
          ) : (
            <div className="panel__scroll">
              <table className="table" aria-label="Open drawers">
                <thead>
                  <tr>
                    <th scope="col">Shift</th>
                    <th scope="col">Opened</th>
                    <th scope="col" className="table__num">
                      Expected cash
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.openShifts.map((shift) => (
                    <tr key={shift.id}>
                      <th scope="row" className="num">
                        #{shift.id}
                      </th>
                      <td className="num">
                        {shift.openedAt.slice(0, 10) === data.date
                          ? clock(shift.openedAt)
                          : `${formatDateShort(shift.openedAt.slice(0, 10))} ${clock(shift.openedAt)}`}
                      </td>
                      <td className="table__num num">{money(shift.expectedCash)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </div>

      <div className="dashboard__charts">
        <ChartPanel
          id="by-day"
          title="Sales by day"
          lead="Net takings (sales less refunds), the last 14 days"
          firstColumn="Day"
          rows={data.salesByDay.map((day) => ({
            key: day.date,
            label: formatDateShort(day.date),
            values: { net: day.net },
          }))}
          series={[{ key: 'net', label: 'Net', color: CHART_COLORS.primary, format: money }]}
          empty={{
            title: 'No sales in the last 14 days',
            body: 'Sell a ticket at the counter or a kiosk and it shows here within a moment.',
          }}
        />
        <ChartPanel
          id="by-hour"
          title="Sales by hour of day"
          lead={`Tickets sold today against last ${weekday}`}
          firstColumn="Hour"
          rows={data.salesByHour
            .filter((hour) => hour.hour >= 8 || hour.tickets > 0 || hour.lastWeekTickets > 0)
            .map((hour) => ({
              key: String(hour.hour),
              label: `${String(hour.hour).padStart(2, '0')}:00`,
              values: { today: hour.tickets, lastWeek: hour.lastWeekTickets },
            }))}
          series={[
            { key: 'today', label: 'Today', color: CHART_COLORS.primary, format: count, integer: true },
            { key: 'lastWeek', label: `Last ${weekday}`, color: CHART_COLORS.secondary, format: count },
          ]}
          empty={{
            title: `No tickets sold yet today or last ${weekday}`,
            body: 'Sales by the hour appear as soon as the box office, kiosks or website sell.',
          }}
        />
        <ChartPanel
          id="by-film"
          title="Sales by film"
          lead="Net takings, the last 7 days"
          layout="bars"
          firstColumn="Film"
          rows={data.salesByFilm.map((film) => ({
            key: String(film.movieId),
            label: film.title,
            values: { net: film.net },
          }))}
          series={[{ key: 'net', label: 'Net', color: CHART_COLORS.primary, format: money }]}
          empty={{
            title: 'No film sold a ticket this week',
            body: (
              <>
                Check the programme under <Link href="/admin/schedule">Schedule</Link>.
              </>
            ),
          }}
        />
        <ChartPanel
          id="occupancy"
          title="Occupancy by screen"
          lead="Seats sold of seats offered, shows of the last 7 days"
          layout="bars"
          firstColumn="Screen"
          rows={data.occupancyByScreen.map((screen) => ({
            key: String(screen.screenId),
            label: screen.name,
            values: { occupancy: screen.seats > 0 ? (screen.sold / screen.seats) * 100 : 0 },
          }))}
          series={[{ key: 'occupancy', label: 'Occupancy', color: CHART_COLORS.tertiary, format: percent }]}
          empty={{
            title: 'No shows have played in the last 7 days',
            body: (
              <>
                Occupancy appears once scheduled shows have started. Plan them under{' '}
                <Link href="/admin/schedule">Schedule</Link>.
              </>
            ),
          }}
        />
      </div>
    </>
  );
}

function Kpi({
  label,
  value,
  note,
}: {
  label: string;
  value: string;
  note: { text: string; tone: 'up' | 'down' | 'flat' };
}) {
  return (
    <div className="kpi">
      <span className="kpi__label">{label}</span>
      <span className="kpi__value num">{value}</span>
      <span className={`kpi__note kpi__note--${note.tone}`}>
        {note.tone === 'up' ? '▲ ' : note.tone === 'down' ? '▼ ' : ''}
        {note.text}
      </span>
    </div>
  );
}
