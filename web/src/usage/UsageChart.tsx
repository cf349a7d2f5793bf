// Calls per day for the last 30 days, stacked by outcome, with this month's
// quota use as a bar underneath. A table of the same numbers sits behind a
// disclosure for screen-reader and keyboard users.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCount } from '../forms/format.ts';
import { averageLatency, formatLatency, totals, type ChartDay, type QuotaBar } from './shapeUsage.ts';

const SERIES = [
  { key: 'served', name: 'Served', color: '#0078d4' },
  { key: 'rateLimited', name: 'Rate limited (429)', color: '#f7a21b' },
  { key: 'quotaExceeded', name: 'Over quota (403)', color: '#d13438' },
  { key: 'otherErrors', name: 'Other errors', color: '#8a8886' },
] as const;

export function QuotaMeter({ quota }: { quota: QuotaBar | null }) {
  if (!quota) {
    return <p className="quota-text muted">This tier has no monthly quota: every call is served and counted.</p>;
  }
  const level = quota.percent >= 100 ? 'full' : quota.percent >= 80 ? 'high' : 'ok';
  return (
    <div className="quota">
      <div className="quota-text" id="quota-label">
        This month's quota: <strong>{formatCount(quota.used)}</strong> of {formatCount(quota.limit)} calls used ({quota.percent < 1 && quota.used > 0 ? '<1' : Math.round(quota.percent)}%)
      </div>
      <div
        className={`quota-bar quota-${level}`}
        role="progressbar"
        aria-labelledby="quota-label"
        aria-valuemin={0}
        aria-valuemax={quota.limit}
        aria-valuenow={quota.used}
      >
        <div className="quota-fill" style={{ width: `${Math.max(quota.used > 0 ? 0.5 : 0, quota.percent)}%` }} />
      </div>
    </div>
  );
}

export function UsageChart({ days }: { days: ChartDay[] }) {
  const sum = totals(days);
  const average = averageLatency(days);
  return (
    <div className="usage">
      <p className="usage-summary" data-testid="usage-total">
        <strong>{formatCount(sum.total)}</strong> calls in the last {days.length} days
        {sum.rateLimited > 0 && <> · {formatCount(sum.rateLimited)} rate limited</>}
        {sum.quotaExceeded > 0 && <> · {formatCount(sum.quotaExceeded)} over quota</>}
        {average !== null && <> · <span data-testid="usage-latency">average latency {formatLatency(average)}</span></>}
      </p>
      <div className="chart" aria-hidden="true">
        <ResponsiveContainer width="100%" height={240}>
          <BarChart data={days} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid vertical={false} stroke="#edebe9" />
            <XAxis dataKey="label" tick={{ fontSize: 11, fill: '#605e5c' }} interval="preserveStartEnd" minTickGap={16} tickLine={false} axisLine={{ stroke: '#c8c6c4' }} />
            <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: '#605e5c' }} tickLine={false} axisLine={false} width={48} />
            <Tooltip cursor={{ fill: 'rgba(0,120,212,0.08)' }} />
            <Legend wrapperStyle={{ fontSize: 12 }} iconType="square" itemSorter={null} formatter={(value) => <span style={{ color: '#424242' }}>{value}</span>} />
            {SERIES.map((s) => (
              <Bar key={s.key} dataKey={s.key} name={s.name} stackId="calls" fill={s.color} maxBarSize={28} isAnimationActive={false} />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="usage-table">
        <summary>Show the numbers as a table</summary>
        <table>
          <thead>
            <tr><th scope="col">Day</th>{SERIES.map((s) => <th key={s.key} scope="col">{s.name}</th>)}<th scope="col">Average latency</th><th scope="col">p95 latency</th></tr>
          </thead>
          <tbody>
            {days.filter((d) => d.total > 0).map((d) => (
              <tr key={d.date}>
                <th scope="row">{d.date}</th>
                {SERIES.map((s) => <td key={s.key}>{formatCount(d[s.key])}</td>)}
                <td>{formatLatency(d.averageMs)}</td>
                <td>{formatLatency(d.p95Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
