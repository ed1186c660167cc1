/**
 * A chart with its numbers one click away: a panel whose "Chart | Table" switch shows the same rows as a
 * recharts bar chart or as a table. The chart is drawn from the server's figures only; the table is the
 * accessible, exact form of it (screen readers are pointed to it), and what prints.
 */
import { useId, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { StateMessage } from '../../components/states';

export interface Series {
  key: string;
  label: string;
  color: string;
  /** How a value of this series reads (money, percent, count). */
  format: (value: number) => string;
  /** Whole numbers only on the value axis (ticket counts). */
  integer?: boolean;
}

export interface ChartRow {
  key: string;
  label: string;
  values: Record<string, number>;
}

export const CHART_COLORS = { primary: '#d99a00', secondary: '#8a93a3', tertiary: '#2f6fb3' };

export function ChartPanel({
  id,
  title,
  lead,
  rows,
  series,
  empty,
  layout = 'columns',
  firstColumn,
}: {
  id: string;
  title: string;
  lead?: string;
  rows: ChartRow[];
  series: Series[];
  /** What to say (and do) when every value is zero. */
  empty: { title: string; body: ReactNode };
  layout?: 'columns' | 'bars';
  firstColumn: string;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const headingId = useId();
  const hasData = rows.some((row) => series.some((s) => (row.values[s.key] ?? 0) !== 0));
  const data = rows.map((row) => ({ name: row.label, ...row.values }));
  const height = layout === 'bars' ? Math.max(200, rows.length * 36 + 48) : 240;

  return (
    <section className="panel chart-panel" aria-labelledby={headingId} data-testid={`chart-${id}`}>
      <div className="panel__toolbar">
        <div>
          <h2 id={headingId} className="panel__title">
            {title}
          </h2>
          {lead ? <p className="chart-panel__lead">{lead}</p> : null}
        </div>
        {hasData ? (
          <div className="segmented" role="group" aria-label={`${title}: show as`}>
            {(['chart', 'table'] as const).map((option) => (
              <button
                key={option}
                type="button"
                className="segmented__option"
                aria-pressed={view === option}
                onClick={() => setView(option)}
              >
                {option === 'chart' ? 'Chart' : 'Table'}
              </button>
            ))}
          </div>
        ) : null}
      </div>
      {!hasData ? (
        <StateMessage title={empty.title}>{empty.body}</StateMessage>
      ) : view === 'chart' ? (
        <figure className="chart-panel__figure" aria-label={`${title} (chart; the Table button shows the numbers)`}>
          <ResponsiveContainer width="100%" height={height}>
            <BarChart
              data={data}
              layout={layout === 'bars' ? 'vertical' : 'horizontal'}
              margin={{ top: 8, right: 16, bottom: 4, left: layout === 'bars' ? 8 : 0 }}
            >
              <CartesianGrid stroke="#e2e5ea" vertical={layout === 'bars'} horizontal={layout !== 'bars'} />
              {layout === 'bars' ? (
                <>
                  <XAxis type="number" tick={{ fill: '#545c6b', fontSize: 12 }} tickFormatter={series[0]!.format} />
                  <YAxis type="category" dataKey="name" width={140} tick={{ fill: '#14161b', fontSize: 12 }} />
                </>
              ) : (
                <>
                  <XAxis dataKey="name" tick={{ fill: '#545c6b', fontSize: 12 }} interval="preserveStartEnd" />
                  <YAxis
                    tick={{ fill: '#545c6b', fontSize: 12 }}
                    tickFormatter={series[0]!.format}
                    allowDecimals={!series[0]!.integer}
                    width={64}
                  />
                </>
              )}
              <Tooltip
                formatter={(value, name) => {
                  const s = series.find((item) => item.label === name);
                  return [s ? s.format(Number(value)) : String(value), name];
                }}
                cursor={{ fill: 'rgb(245 179 1 / 12%)' }}
              />
              {series.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} /> : null}
              {series.map((s) => (
                <Bar
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  fill={s.color}
                  radius={layout === 'bars' ? [0, 3, 3, 0] : [3, 3, 0, 0]}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
      ) : null}
      {hasData ? (
        <div className={view === 'table' ? 'panel__scroll' : 'panel__scroll print-only'}>
          <table className="table" aria-label={title}>
            <thead>
              <tr>
                <th scope="col">{firstColumn}</th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="table__num">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  {series.map((s) => (
                    <td key={s.key} className="table__num num">
                      {s.format(row.values[s.key] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
