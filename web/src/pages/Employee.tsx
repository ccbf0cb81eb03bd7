import { useEffect, useState, type FormEvent } from 'react';
import { useAction, useApi, useSession } from '../hooks';
import type { Evidence, JournalEntry, MyDashboard, MyScorecard } from '../types';
import { LineChart } from '../charts';
import { Empty, ErrorBox, GrowthLabel, Section, Show, Trend, fmt, periodLabel } from '../ui';
import { DisputeSection, canDispute, type DisputeDraft } from './MyDispute';
import { EvidenceList } from './MyEvidence';
import { openingScorecard } from '../opening-period';

/** The employee's own view: growth language only, never raw mechanics or hidden entries. */
export function EmployeeHome() {
  const [dash, reloadDash] = useApi<MyDashboard>('/me/dashboard');
  const [period, setPeriod] = useState<string | null>(null);
  useEffect(() => {
    if (dash.state === 'ready' && period === null) setPeriod(openingScorecard(dash.data.scorecards));
  }, [dash, period]);

  return (
    <>
      <h1>My scorecard</h1>
      <Show value={dash} what="your dashboard" retry={reloadDash}>
        {(d) =>
          d.scorecards.length === 0 ? (
            <Empty>No scorecard yet. Your first one appears once a period has been scored.</Empty>
          ) : (
            <>
              <div className="toolbar">
                <label className="field inline">
                  Period
                  <select value={period ?? ''} onChange={(e) => setPeriod(e.target.value)}>
                    {d.scorecards.map((s) => (
                      <option key={s.period_id} value={s.period_id}>
                        {periodLabel(s.period_id)} ({s.total_score === null ? 'no scores yet' : s.status})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              <Section title="My progress over time">
                <LineChart
                  label="Overall score by period"
                  series={[
                    {
                      name: 'Overall',
                      points: [...d.scorecards]
                        .reverse()
                        .map((s) => ({ x: periodLabel(s.period_id), y: s.total_score })),
                    },
                  ]}
                />
              </Section>
              {period ? <PeriodCard periodId={period} employeeId={d.employee_id} /> : null}
            </>
          )
        }
      </Show>
    </>
  );
}

function PeriodCard({ periodId, employeeId }: { periodId: string; employeeId: string }) {
  const [card, reload] = useApi<MyScorecard>(`/me/scorecards/${encodeURIComponent(periodId)}`);
  // The records behind each KPI come from compute, which keeps them; the page works without them.
  const [evidence] = useApi<Evidence>(`/performance/evidence?period_id=${encodeURIComponent(periodId)}`);
  const [draft, setDraft] = useState<DisputeDraft | null>(null);
  const evidenceOf = (kraId: string, kpiId: string) =>
    evidence.state === 'ready'
      ? evidence.data.kpis.find((e) => e.kra_id === kraId && e.kpi_id === kpiId)
      : undefined;
  const disputeRecord = (kpiId: string) => (recordId: string) => {
    setDraft({ kpiId, recordId });
    document.getElementById('dispute-reason')?.focus();
  };
  return (
    <Show value={card} what="the scorecard" retry={reload}>
      {(c) => (
        <>
          <Section title={`${periodLabel(c.period.id)} at a glance`}>
            <div className="summary">
              <div className="big-number" aria-label="Overall score">
                {fmt(c.total_score)}
                <small>overall</small>
              </div>
              <div>
                <p>
                  <span className={`badge status-${c.status}`}>
                    {c.status === 'final' ? 'Final' : 'Provisional'}
                  </span>
                </p>
                {c.total_score === null ? (
                  <p>
                    Nothing measured in {periodLabel(c.period.id)} yet: scores appear as work is recorded.
                  </p>
                ) : c.trend ? (
                  <Trend direction={c.trend.direction} change={c.trend.change} />
                ) : (
                  <p>First period on record.</p>
                )}
              </div>
            </div>
          </Section>
          <Section title="My KPIs">
            {c.areas.length === 0 ? <Empty>No KPIs in this scorecard.</Empty> : null}
            {c.areas.map((a) => (
              <div key={a.kra_id} className="area">
                <h3>
                  {a.name} <span className="area-score">{fmt(a.score)}</span>
                </h3>
                <ul className="kpis">
                  {a.kpis.map((k) => (
                    <li key={k.kpi_id} className="kpi" data-testid="my-kpi">
                      <div className="kpi-head">
                        <strong>{k.name}</strong>
                        <GrowthLabel label={k.label} />
                        <span className="kpi-score">{fmt(k.score)}</span>
                      </div>
                      <p className="explain">{k.summary}</p>
                      <EvidenceList
                        kpiName={k.name}
                        count={k.evidence_count}
                        evidence={evidenceOf(a.kra_id, k.kpi_id)}
                        unavailable={evidence.state === 'error'}
                        onDispute={
                          canDispute(c) && evidenceOf(a.kra_id, k.kpi_id)?.source
                            ? disputeRecord(k.kpi_id)
                            : undefined
                        }
                      />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </Section>
          <DisputeSection
            card={c}
            evidence={evidence.state === 'ready' ? evidence.data.kpis : []}
            draft={draft}
            setDraft={setDraft}
            onDone={reload}
          />
          <MyJournal entries={c.journal} employeeId={employeeId} periodId={c.period.id} onChange={reload} />
        </>
      )}
    </Show>
  );
}

const ENTRY_NAMES: Record<string, string> = {
  staff_response: 'My response',
  coaching_session: 'Coaching session',
  observation: 'Observation',
  effort_recognition: 'Effort recognised',
  effort_rating: 'Effort rating',
  feedback_received: 'Feedback',
  goal_agreed: 'Goal agreed',
  catchup_note: 'Catch-up',
  training_update: 'Training',
  kpi_assigned: 'KPI assigned',
  kpi_deactivated: 'KPI retired',
  score_recorded: 'Score recorded',
};

function MyJournal(props: {
  entries: JournalEntry[];
  employeeId: string;
  periodId: string;
  onChange: () => void;
}) {
  const { session } = useSession();
  const { run, busy, error } = useAction();
  const [replyTo, setReplyTo] = useState<string>('');
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const ok = await run('POST', `/journal/${encodeURIComponent(props.employeeId)}/entries`, {
      entry_type: 'staff_response',
      title: 'My response',
      content: text,
      period_id: props.periodId,
      visible_to_staff: true,
      ...(replyTo ? { linked_entry_id: replyTo } : {}),
    });
    if (ok !== undefined) {
      setText('');
      setReplyTo('');
      props.onChange();
    }
  };
  return (
    <Section title="My journal">
      {props.entries.length === 0 ? <Empty>No journal entries for this period yet.</Empty> : null}
      <ul className="journal">
        {props.entries.map((j) => (
          <li key={j.id} className={j.entry_type === 'staff_response' ? 'mine' : ''}>
            <div className="journal-head">
              <span className="badge muted">
                {ENTRY_NAMES[j.entry_type] ?? j.entry_type.replace(/_/g, ' ')}
              </span>
              <strong>{j.title}</strong>
              <time dateTime={j.created_at}>{new Date(j.created_at).toLocaleDateString()}</time>
            </div>
            {j.content ? <p>{j.content}</p> : null}
            {j.author_id !== session.sub && j.entry_type !== 'staff_response' ? (
              <button type="button" className="link" onClick={() => setReplyTo(j.id)}>
                Respond
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label className="field">
          {replyTo ? 'Respond to the selected entry' : 'Add a response or comment'}
          <textarea
            value={text}
            onChange={(e) => setText(e.target.value)}
            required
            rows={3}
            maxLength={20000}
          />
        </label>
        {error ? <ErrorBox error={error} /> : null}
        <div className="row">
          <button type="submit" disabled={busy || !text.trim()}>
            {busy ? 'Saving…' : 'Add to my journal'}
          </button>
          {replyTo ? (
            <button type="button" className="secondary" onClick={() => setReplyTo('')}>
              Cancel reply
            </button>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
