import { useEffect, useState } from 'react';
import { request } from '../api';
import { BarChart, Heatmap, LineChart } from '../charts';
import { useAction, useApi, useSession } from '../hooks';
import { Band, Empty, ErrorBox, Loading, Section, Show, fmt, periodLabel } from '../ui';
import { PeriodPage, UNSCORED_REASONS } from './Manager';
import { roleGroupName, useKpiNames, usePeople } from '../names';

interface HeatmapReply {
  /** `row_name`: the department's name from HR (null for role groups or unnamed departments). */
  cells: { row: string; row_name: string | null; col: string; avg_score: number; people: number }[];
  hidden_cells: number;
}
interface TrendReply {
  points: { period_id: string; score: number | null }[];
}
interface BonusRow {
  employee_id: string;
  name?: string | null;
  eligible: boolean;
  factor: number;
  total_score: number | null;
  rating_band: string;
  failed_gates: string[];
}

/** HR and executives: finalization, heatmaps, trends, leaderboards, distributions and bonus eligibility. */
export function HrHome() {
  return (
    <PeriodPage title="Organisation">
      {(period) => (
        <>
          <PeriodFinalization period={period} />
          <Unscored period={period} />
          <KpiHeatmaps />
          <PeriodHeatmap />
          <div className="grid2">
            <Trends />
            <Leaderboard period={period} />
          </div>
          <div className="grid2">
            <Distribution period={period} />
            <Bonus period={period} />
          </div>
        </>
      )}
    </PeriodPage>
  );
}

/** The period's finalization, for HR and executives (the only roles allowed to finalize). */
export function PeriodFinalization({ period }: { period: string }) {
  const { session } = useSession();
  const [periods, reload] = useApi<{ periods: { id: string; status: string }[] }>('/performance/periods');
  const status =
    periods.state === 'ready' ? periods.data.periods.find((p) => p.id === period)?.status : undefined;
  return (
    <Finalize
      period={period}
      finalized={status === 'finalized'}
      onDone={reload}
      canFinalize={session.roles.includes('hr') || session.roles.includes('exec')}
    />
  );
}

/** Active people with nothing scoreable in the period, and why: no one is missing silently. */
function Unscored({ period }: { period: string }) {
  const people = usePeople();
  const [data, reload] = useApi<{ items: { employee_id: string; reason: string }[] }>(
    `/review/exceptions?type=unscored&period_id=${encodeURIComponent(period)}`,
  );
  return (
    <Section title="Not scored">
      <Show value={data} what="the people not scored" retry={reload}>
        {(d) =>
          d.items.length === 0 ? (
            <Empty>Everyone active has a scorecard in {periodLabel(period)}.</Empty>
          ) : (
            <div className="table-scroll" style={{ maxHeight: 320, overflowY: 'auto' }}>
              <table className="data">
                <thead>
                  <tr>
                    <th>Person</th>
                    <th>Role</th>
                    <th>Why</th>
                  </tr>
                </thead>
                <tbody>
                  {d.items.map((u) => (
                    <tr key={u.employee_id} data-testid="unscored">
                      <td>{people.nameOf(u.employee_id)}</td>
                      <td>{people.personOf(u.employee_id)?.role ?? '—'}</td>
                      <td>{UNSCORED_REASONS[u.reason] ?? u.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Show>
    </Section>
  );
}

function KpiHeatmaps() {
  const kpiName = useKpiNames();
  return (
    <>
      <HeatmapCard title="Department × KPI" query="rows=department&cols=kpi" format={kpiName} />
      <HeatmapCard title="Role group × KPI" query="rows=role_group&cols=kpi" format={kpiName} />
    </>
  );
}

export const PeriodHeatmap = () => (
  <HeatmapCard title="Department × period" query="rows=department&cols=period" format={periodLabel} />
);

function Finalize(props: { period: string; finalized: boolean; canFinalize: boolean; onDone: () => void }) {
  const act = useAction();
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState(false);
  const finalize = async () => {
    if (
      (await act.run('POST', `/review/periods/${encodeURIComponent(props.period)}/finalize`)) !== undefined
    ) {
      setDone(true);
      setConfirming(false);
      props.onDone();
    }
  };
  return (
    <Section title="Period finalization">
      {props.finalized || done ? (
        <p className="ok-msg" role="status">
          {periodLabel(props.period)} is finalized: results, overrides and notes are locked; bonus decisions
          and recommendations have been issued.
        </p>
      ) : (
        <>
          <p>
            Finalizing {periodLabel(props.period)} locks every result, override and note in it for good, and
            issues bonus decisions, training and PIP recommendations.
          </p>
          {confirming ? (
            <div className="row">
              <button type="button" className="danger" disabled={act.busy} onClick={() => void finalize()}>
                {act.busy ? 'Finalizing…' : `Yes, finalize ${periodLabel(props.period)}`}
              </button>
              <button type="button" className="secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </div>
          ) : (
            <button type="button" disabled={!props.canFinalize} onClick={() => setConfirming(true)}>
              Finalize period…
            </button>
          )}
        </>
      )}
      {act.error ? <ErrorBox error={act.error} /> : null}
    </Section>
  );
}

function HeatmapCard({
  title,
  query,
  format,
}: {
  title: string;
  query: string;
  format?: (c: string) => string;
}) {
  const [data, reload] = useApi<HeatmapReply>(`/reports/heatmap?${query}`);
  return (
    <Section title={`Heatmap: ${title}`}>
      <Show value={data} what="the heatmap" retry={reload}>
        {(d) =>
          d.cells.length === 0 ? (
            <Empty>
              No scores to show yet
              {d.hidden_cells ? ` (${d.hidden_cells} cells withheld: groups under 4 people)` : ''}.
            </Empty>
          ) : (
            <Heatmap
              label={`Average score, ${title}`}
              rowTitle={title.split(' × ')[0] ?? ''}
              rowName={rowNamer(d, new URLSearchParams(query).get('rows') ?? '')}
              colTitle={title.split(' × ')[1] ?? ''}
              cells={d.cells.map((c) => ({ row: c.row, col: c.col, value: c.avg_score, people: c.people }))}
              {...(format ? { format } : {})}
            />
          )
        }
      </Show>
    </Section>
  );
}

/** Department rows by their HR name, role groups by their words; the id when nothing better is known. */
const rowNamer = (d: HeatmapReply, rows: string) => {
  const names = new Map(d.cells.map((c) => [c.row, c.row_name]));
  return (row: string) => names.get(row) ?? (rows === 'role_group' ? roleGroupName(row) : row);
};

export function Trends() {
  const [heat] = useApi<HeatmapReply>('/reports/heatmap?rows=department&cols=period');
  const departments = heat.state === 'ready' ? [...new Set(heat.data.cells.map((c) => c.row))].sort() : [];
  const nameOf = heat.state === 'ready' ? rowNamer(heat.data, 'department') : (row: string) => row;
  const { session } = useSession();
  const [series, setSeries] = useState<{ name: string; points: { x: string; y: number | null }[] }[] | null>(
    null,
  );
  const [error, setError] = useState<Error | null>(null);
  const key = departments.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    Promise.all(
      key.split(',').map(async (d) => {
        const r = await request<TrendReply>(
          session.token,
          'GET',
          `/reports/trends?department_id=${encodeURIComponent(d)}`,
        );
        return { name: d, points: r.points.map((p) => ({ x: periodLabel(p.period_id), y: p.score })) };
      }),
    ).then(
      (s) => live && setSeries(s),
      (e: Error) => live && setError(e),
    );
    return () => {
      live = false;
    };
  }, [key, session.token]);
  const failed = error ?? (heat.state === 'error' ? heat.error : null);
  return (
    <Section title="Trends by department">
      {failed ? <ErrorBox error={failed} /> : null}
      {heat.state === 'ready' && departments.length === 0 ? (
        <Empty>No departments with enough people yet.</Empty>
      ) : null}
      {series ? (
        <LineChart
          label="Average overall score per department by period"
          series={series.map((s) => ({ ...s, name: nameOf(s.name) }))}
        />
      ) : !failed && (heat.state === 'loading' || departments.length > 0) ? (
        <Loading what="trends" />
      ) : null}
    </Section>
  );
}

export function Leaderboard({ period }: { period: string }) {
  const [data, reload] = useApi<{
    entries: {
      employee_id: string;
      name?: string;
      department_id?: string;
      department_name?: string | null;
      score: number;
      rank: number;
    }[];
    hidden: boolean;
  }>(`/reports/leaderboard?period_id=${encodeURIComponent(period)}&limit=10`);
  return (
    <Section title="Leaderboard (top 10)">
      <Show value={data} what="the leaderboard" retry={reload}>
        {(d) =>
          d.entries.length === 0 ? (
            <Empty>{d.hidden ? 'Withheld: fewer than 4 people.' : 'No scores in this period yet.'}</Empty>
          ) : (
            <table className="data">
              <thead>
                <tr>
                  <th className="num">#</th>
                  <th>Person</th>
                  <th>Department</th>
                  <th className="num">Score</th>
                </tr>
              </thead>
              <tbody>
                {d.entries.map((e) => (
                  <tr key={e.employee_id}>
                    <td className="num">{e.rank}</td>
                    <td>{e.name || e.employee_id}</td>
                    <td>{e.department_name ?? (e.department_id || '—')}</td>
                    <td className="num">{fmt(e.score)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Show>
    </Section>
  );
}

const BAND_COLOURS: Record<string, string> = {
  Outstanding: '#15803d',
  Exceeds: '#2563eb',
  Meets: '#64748b',
  Below: '#b45309',
};

export function Distribution({ period }: { period: string }) {
  const [data, reload] = useApi<{
    people: number;
    hidden: boolean;
    rating_bands: { rating_band: string; people: number }[];
    histogram: { from: number; to: number; people: number }[];
  }>(`/reports/distribution?period_id=${encodeURIComponent(period)}`);
  return (
    <Section title="Rating distribution">
      <Show value={data} what="the distribution" retry={reload}>
        {(d) =>
          d.people === 0 || d.hidden ? (
            <Empty>{d.hidden ? 'Withheld: fewer than 4 people.' : 'No scores in this period yet.'}</Empty>
          ) : (
            <>
              <BarChart
                label="People per rating band"
                bars={d.rating_bands.map((b) => ({
                  label: b.rating_band,
                  value: b.people,
                  ...(BAND_COLOURS[b.rating_band] ? { colour: BAND_COLOURS[b.rating_band] } : {}),
                }))}
              />
              <h3>Score histogram</h3>
              <BarChart
                label="People per 10-point score bucket"
                bars={d.histogram.map((h) => ({
                  label: h.from >= 100 ? '100+' : `${h.from}–${h.to}`,
                  value: h.people,
                }))}
              />
            </>
          )
        }
      </Show>
    </Section>
  );
}

function Bonus({ period }: { period: string }) {
  const { session } = useSession();
  const [data, reload] = useApi<{ items?: BonusRow[]; rows?: BonusRow[] } | BonusRow[]>(
    `/reports/bonus-eligibility?period_id=${encodeURIComponent(period)}&format=json`,
  );
  const [error, setError] = useState<Error | null>(null);
  const download = async () => {
    setError(null);
    try {
      const csv = await request<string>(
        session.token,
        'GET',
        `/reports/bonus-eligibility?period_id=${encodeURIComponent(period)}&format=csv`,
      );
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `bonus-eligibility-${period.replace(':', '-')}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
    } catch (e) {
      setError(e as Error);
    }
  };
  return (
    <Section
      title="Bonus eligibility"
      actions={
        <button type="button" className="secondary" onClick={() => void download()}>
          Download CSV
        </button>
      }
    >
      {error ? <ErrorBox error={error} /> : null}
      <Show value={data} what="bonus decisions" retry={reload}>
        {(d) => {
          const rows = Array.isArray(d) ? d : (d.items ?? d.rows ?? []);
          return rows.length === 0 ? (
            <Empty>No bonus decisions yet — they are issued when the period is finalized.</Empty>
          ) : (
            <div className="table-scroll" style={{ maxHeight: 360, overflowY: 'auto' }}>
              <table className="data">
                <thead>
                  <tr>
                    <th>Person</th>
                    <th>Eligible</th>
                    <th className="num">Factor</th>
                    <th className="num">Total</th>
                    <th>Rating</th>
                    <th>Failed gates</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.employee_id}>
                      <td>{r.name || r.employee_id}</td>
                      <td>{r.eligible ? 'Yes' : 'No'}</td>
                      <td className="num">{fmt(r.factor, 2)}</td>
                      <td className="num">{fmt(r.total_score)}</td>
                      <td>
                        <Band band={r.rating_band} />
                      </td>
                      <td>{r.failed_gates.join(', ') || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          );
        }}
      </Show>
    </Section>
  );
}
