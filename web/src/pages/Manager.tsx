import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { useAction, useApi, useSession } from '../hooks';
import type { JournalEntry, Period, ReviewKpi, ReviewScorecard, ScorecardItem } from '../types';
import { Band, Empty, ErrorBox, GrowthLabel, Loading, Section, Show, fmt, periodLabel } from '../ui';
import { DisputeItem } from './MyDispute';
import { openingPeriod } from '../opening-period';
import { useKpiNames, usePeople } from '../names';

const QUEUES = [
  { type: 'low_performer', title: 'Low performers' },
  { type: 'growing', title: 'Growing KPIs' },
  { type: 'pending_approval', title: 'Pending approval' },
  { type: 'dispute', title: 'Disputes' },
  { type: 'sla_breach', title: 'Evaluations overdue' },
  { type: 'unscored', title: 'Not scored' },
] as const;

const STATUS_NAMES: Record<string, string> = {
  draft: 'Draft',
  in_review: 'In review',
  approved: 'Approved',
  disputed: 'Disputed',
  final: 'Final',
};

/** Periods, newest first, and the one picked (by default the newest with scores: see openingPeriod). */
export function usePeriod(): [Period[] | null, string | null, (id: string) => void, Error | null] {
  const [periods] = useApi<{ periods: Period[] }>('/performance/periods');
  const [picked, setPicked] = useState<string | null>(null);
  const list =
    periods.state === 'ready'
      ? [...periods.data.periods].sort((a, b) => b.start.localeCompare(a.start))
      : null;
  useEffect(() => {
    if (picked === null && list && list.length > 0) setPicked(openingPeriod(list, new Date().toISOString()));
  }, [list, picked]);
  return [list, picked, setPicked, periods.state === 'error' ? periods.error : null];
}

export function PeriodPicker(props: {
  periods: Period[] | null;
  value: string | null;
  onChange: (id: string) => void;
}) {
  return (
    <label className="field inline">
      Period
      <select
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
        disabled={!props.periods}
      >
        {(props.periods ?? []).map((p) => (
          <option key={p.id} value={p.id}>
            {periodLabel(p.id)} ({p.status}
            {p.scored === 0 ? ', no scores yet' : ''})
          </option>
        ))}
      </select>
    </label>
  );
}

export function ManagerHome({ path, go }: { path: string; go: (to: string) => void }) {
  const detail = /^\/team\/scorecards\/([^/]+)$/.exec(path)?.[1];
  if (detail) return <ScorecardReview id={decodeURIComponent(detail)} back={() => go('/team')} />;
  return (
    <PeriodPage title="My team">
      {(period) => (
        <TeamView period={period} open={(id) => go(`/team/scorecards/${encodeURIComponent(id)}`)} />
      )}
    </PeriodPage>
  );
}

/** A page about one period: its title, the period picker, and the content once a period is picked. */
export function PeriodPage({ title, children }: { title: string; children: (period: string) => ReactNode }) {
  const [periods, period, setPeriod, error] = usePeriod();
  return (
    <>
      <h1>{title}</h1>
      <div className="toolbar">
        <PeriodPicker periods={periods} value={period} onChange={setPeriod} />
      </div>
      {error ? (
        <ErrorBox error={error} />
      ) : periods === null ? (
        <Loading what="periods" />
      ) : periods.length === 0 ? (
        <Empty>No evaluation periods yet: compute opens them as work data arrives.</Empty>
      ) : null}
      {period ? children(period) : null}
    </>
  );
}

function TeamView({ period, open }: { period: string; open: (id: string) => void }) {
  const { session } = useSession();
  const people = usePeople();
  const kpiName = useKpiNames();
  const [unscored] = useApi<{ items: { employee_id: string; reason: string }[] }>(
    `/review/exceptions?type=unscored&period_id=${encodeURIComponent(period)}`,
  );
  const unscoredReasons = new Map(
    unscored.state === 'ready' ? unscored.data.items.map((u) => [u.employee_id, u.reason] as const) : [],
  );
  const [queue, setQueue] = useState<string>('low_performer');
  const [team, reloadTeam] = useApi<{ items: ScorecardItem[] }>(
    `/review/scorecards?scope=team&period_id=${encodeURIComponent(period)}`,
  );
  const [exceptions, reloadExceptions] = useApi<{ items: Record<string, unknown>[] }>(
    `/review/exceptions?type=${queue}&period_id=${encodeURIComponent(period)}`,
  );
  return (
    <>
      <Section title="Exception queues">
        <div className="tabs" role="tablist" aria-label="Exception queues">
          {QUEUES.map((q) => (
            <button
              key={q.type}
              type="button"
              role="tab"
              aria-selected={queue === q.type}
              onClick={() => setQueue(q.type)}
            >
              {q.title}
            </button>
          ))}
        </div>
        <div role="tabpanel">
          <Show value={exceptions} what="the queue" retry={reloadExceptions}>
            {(d) =>
              d.items.length === 0 ? (
                <Empty>Nothing in this queue.</Empty>
              ) : (
                <div className="table-scroll">
                  <table className="data">
                    <thead>
                      <tr>
                        <th>Person</th>
                        <th>Details</th>
                        <th />
                      </tr>
                    </thead>
                    <tbody>
                      {d.items.map((x, i) => (
                        <tr key={i}>
                          <td>
                            {typeof x['employee_id'] === 'string'
                              ? people.nameOf(x['employee_id'])
                              : typeof x['staff_id'] === 'string'
                                ? people.nameOf(x['staff_id'])
                                : '—'}
                          </td>
                          <td>{describeException(x, people.nameOf, kpiName)}</td>
                          <td>
                            {typeof x['scorecard_id'] === 'string' ? (
                              <button
                                type="button"
                                className="link"
                                onClick={() => open(x['scorecard_id'] as string)}
                              >
                                Review
                              </button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </Show>
        </div>
      </Section>
      <Section title="Team scorecards">
        <Show value={team} what="your team" retry={reloadTeam}>
          {(d) => {
            const rows = teamRows(d.items, people.all, session.employeeId, unscoredReasons);
            return rows.length === 0 ? (
              <Empty>Nobody reports to you yet.</Empty>
            ) : (
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th>Person</th>
                      <th>Template</th>
                      <th>Status</th>
                      <th className="num">Total</th>
                      <th>Rating</th>
                      <th />
                    </tr>
                  </thead>
                  <tbody>
                    {rows
                      .map((r) => ({ ...r, name: people.nameOf(r.employeeId) }))
                      .sort((a, b) => a.name.localeCompare(b.name))
                      .map(({ card, ...r }) => (
                        <tr key={r.employeeId} data-testid="team-member">
                          <td>
                            {r.name}
                            <div className="muted">{people.personOf(r.employeeId)?.role ?? r.employeeId}</div>
                          </td>
                          {card ? (
                            <>
                              <td>{templateName(card.template)}</td>
                              <td>{STATUS_NAMES[card.status] ?? card.status}</td>
                              <td className="num">{fmt(card.total_score)}</td>
                              <td>
                                <Band band={card.rating_band} />
                              </td>
                              <td>
                                <button
                                  type="button"
                                  className="link"
                                  onClick={() => open(card.id)}
                                  aria-label={`Review ${r.name}`}
                                >
                                  Review
                                </button>
                              </td>
                            </>
                          ) : (
                            <td colSpan={5} className="muted">
                              Not scored: {r.unscored}
                            </td>
                          )}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </div>
            );
          }}
        </Show>
      </Section>
    </>
  );
}

export const UNSCORED_REASONS: Record<string, string> = {
  no_kpis_assigned: 'no KPIs assigned',
  no_data: 'no data recorded for their KPIs in this period',
  on_leave: 'on leave',
};

/** Everyone under the manager: their scorecard, or why they have none in the period. */
function teamRows(
  cards: ScorecardItem[],
  people: { employee_id: string; status: string | null }[],
  self: string | undefined,
  unscored: ReadonlyMap<string, string>,
): { employeeId: string; card?: ScorecardItem; unscored?: string }[] {
  const scored = new Set(cards.map((c) => c.employee_id));
  return [
    ...cards.map((card) => ({ employeeId: card.employee_id, card })),
    ...people
      .filter((p) => p.employee_id !== self && p.status !== 'exited' && !scored.has(p.employee_id))
      .map((p) => {
        const reason = unscored.get(p.employee_id);
        return {
          employeeId: p.employee_id,
          unscored: reason ? (UNSCORED_REASONS[reason] ?? reason) : 'no result for this period yet',
        };
      }),
  ];
}

const KPI_ORIGINS: Record<string, string> = {
  template: 'template KPI',
  contract_template: 'from the contract',
  manual: 'assigned by hand',
  role_default: 'role default',
};
const ACTUAL_ORIGINS: Record<string, string> = {
  binding: 'measured from records',
  journal: 'measured through the journal',
  none: 'not measured yet',
};

/** Where a KPI came from and how it is measured (compute's `explanation.origin`). */
function originNote(explanation: unknown): string {
  const origin = (explanation as { origin?: { kpi?: string; actual?: { source?: string } } } | null)?.origin;
  if (!origin) return '';
  return [KPI_ORIGINS[origin.kpi ?? ''], ACTUAL_ORIGINS[origin.actual?.source ?? '']]
    .filter(Boolean)
    .join(' · ');
}

/** KPIs no binding measures: the journal records their value. */
const measuredByJournal = (k: ReviewKpi) =>
  (k.explanation as { origin?: { actual?: { source?: string } } } | null)?.origin?.actual?.source !==
  'binding';

const templateName = (t: { id: string; version: number } | null) =>
  t ? `${t.id} v${t.version}` : 'Staff KPIs only';

function describeException(
  x: Record<string, unknown>,
  nameOf: (id: string) => string,
  kpiName: (id: string) => string,
): string {
  const parts: string[] = [];
  if (typeof x['period_id'] === 'string') parts.push(periodLabel(x['period_id']));
  if (typeof x['total_score'] === 'number') parts.push(`total ${fmt(x['total_score'])}`);
  if (Array.isArray(x['kpis']))
    parts.push(`growing: ${(x['kpis'] as { kpi_id: string }[]).map((k) => kpiName(k.kpi_id)).join(', ')}`);
  if (typeof x['kpi_id'] === 'string') parts.push(`KPI: ${kpiName(x['kpi_id'])}`);
  for (const k of ['title', 'reason', 'entry_type', 'next_evaluation_due'])
    if (typeof x[k] === 'string')
      parts.push(`${k.replace(/_/g, ' ')}: ${k === 'reason' ? (UNSCORED_REASONS[x[k]] ?? x[k]) : x[k]}`);
  if (typeof x['current_approver'] === 'string')
    parts.push(`current approver: ${nameOf(x['current_approver'])}`);
  return parts.join(' · ') || '—';
}

function ScorecardReview({ id, back }: { id: string; back: () => void }) {
  const [card, reload] = useApi<ReviewScorecard>(`/review/scorecards/${encodeURIComponent(id)}`);
  const people = usePeople();
  const act = useAction();
  const [message, setMessage] = useState<string | null>(null);
  // A journal measurement or effort rating is scored by compute and reaches review a moment later.
  const refreshSoon = () => {
    for (const ms of [1_000, 3_000, 6_000, 12_000]) setTimeout(reload, ms);
  };
  const workflow = async (action: string, body?: unknown) => {
    setMessage(null);
    const r = await act.run('POST', `/review/scorecards/${encodeURIComponent(id)}/${action}`, body ?? {});
    if (r !== undefined) {
      setMessage(`Done: ${action}.`);
      reload();
    }
  };
  return (
    <>
      <button type="button" className="link" onClick={back}>
        ← Back to my team
      </button>
      <Show value={card} what="the scorecard" retry={reload}>
        {(c) => (
          <>
            <h1>
              {people.nameOf(c.employee_id)} · {periodLabel(c.period.id)}
            </h1>
            <p className="muted">
              {[people.personOf(c.employee_id)?.role, c.employee_id].filter(Boolean).join(' · ')}
            </p>
            <Section title="Summary">
              <div className="summary">
                <div className="big-number" aria-label="Total score">
                  {fmt(c.total_score, 2)}
                  <small>
                    total{c.computed_total !== c.total_score ? ` (computed ${fmt(c.computed_total, 2)})` : ''}
                  </small>
                </div>
                <div className="stack">
                  <span>
                    <Band band={c.rating_band} />{' '}
                    <span className="badge muted">{STATUS_NAMES[c.status] ?? c.status}</span>{' '}
                    <span className="muted">
                      {templateName(c.template)} · {c.result_status}
                    </span>
                  </span>
                  {c.overall_override ? (
                    <span>
                      Overall overridden to {fmt(c.overall_override.value)}: “{c.overall_override.reason}”
                    </span>
                  ) : null}
                  <div className="row">
                    <button
                      type="button"
                      className="secondary"
                      disabled={act.busy || c.status !== 'draft'}
                      onClick={() => void workflow('submit')}
                    >
                      Submit for review
                    </button>
                    <button
                      type="button"
                      disabled={act.busy || c.status !== 'in_review'}
                      onClick={() => void workflow('approve')}
                    >
                      Approve
                    </button>
                  </div>
                  {message ? (
                    <p className="ok-msg" role="status">
                      {message}
                    </p>
                  ) : null}
                  {act.error ? <ErrorBox error={act.error} /> : null}
                </div>
              </div>
            </Section>
            <Section title="KPI breakdown">
              <div className="table-scroll">
                <table className="data">
                  <thead>
                    <tr>
                      <th>KRA / KPI</th>
                      <th className="num">Actual</th>
                      <th className="num">Target</th>
                      <th className="num">Raw</th>
                      <th className="num">Weight</th>
                      <th className="num">Score</th>
                      <th>Label</th>
                      <th className="num">Evidence</th>
                    </tr>
                  </thead>
                  <tbody>
                    {c.kras.flatMap((k) => [
                      <tr key={k.kra_id} className="selected">
                        <th scope="row">{k.name}</th>
                        <td />
                        <td />
                        <td />
                        <td className="num">{fmt(k.weight, 0)}</td>
                        <td className="num">{fmt(k.score, 2)}</td>
                        <td>{k.override ? `overridden: “${k.override.reason}”` : ''}</td>
                        <td />
                      </tr>,
                      ...k.kpis.map((p) => (
                        <tr key={`${k.kra_id}/${p.kpi_id}`}>
                          <td>
                            {p.name}
                            <div className="muted">{originNote(p.explanation)}</div>
                            {p.override ? (
                              <div className="muted">
                                overridden from {fmt(p.override.computed)}: “{p.override.reason}”
                              </div>
                            ) : null}
                          </td>
                          <td className="num">{fmt(p.actual_value, 2)}</td>
                          <td className="num">{fmt(p.target_value, 2)}</td>
                          <td className="num">{fmt(p.raw, 3)}</td>
                          <td className="num">{fmt(p.weight, 0)}</td>
                          <td className="num">{fmt(p.score, 2)}</td>
                          <td>
                            <GrowthLabel label={p.label} />
                          </td>
                          <td className="num">{p.evidence_count}</td>
                        </tr>
                      )),
                    ])}
                  </tbody>
                </table>
              </div>
            </Section>
            <div className="grid2">
              <OverrideForm card={c} onDone={reload} />
              <NoteForm id={c.id} notes={c.notes ?? []} nameOf={people.nameOf} onDone={reload} />
            </div>
            {c.status === 'disputed' ? (
              <ResolveForm
                disputes={(c.disputes ?? []).filter((d) => d.status === 'open')}
                onResolve={(resolution) => workflow('resolve', { resolution })}
              />
            ) : null}
            <JournalPanel
              employeeId={c.employee_id}
              periodId={c.period.id}
              kpis={c.kras.flatMap((k) => k.kpis)}
              onScoringEntry={refreshSoon}
            />
          </>
        )}
      </Show>
    </>
  );
}

function OverrideForm({ card, onDone }: { card: ReviewScorecard; onDone: () => void }) {
  const act = useAction();
  const [target, setTarget] = useState('overall');
  const [score, setScore] = useState('');
  const [reason, setReason] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const [type, entity] = target.split(':') as [string, string | undefined];
    const r = await act.run<{ total_score: number }>(
      'POST',
      `/review/scorecards/${encodeURIComponent(card.id)}/overrides`,
      {
        entity_type: type,
        ...(entity ? { entity_id: entity } : {}),
        new_score: Number(score),
        reason,
      },
    );
    if (r) {
      setDone(`Override saved; the total is now ${fmt(r.total_score, 2)}.`);
      setReason('');
      onDone();
    }
  };
  return (
    <Section title="Override a score">
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label className="field">
          What to override
          <select value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="overall">Overall total</option>
            {card.kras.map((k) => (
              <optgroup key={k.kra_id} label={k.name}>
                <option value={`kra:${k.kra_id}`}>{k.name} (whole area)</option>
                {k.kpis.map((p) => (
                  <option key={p.kpi_id} value={`kpi:${p.kpi_id}`}>
                    {p.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="field">
          New score (0–100, or up to the KPI’s stretch cap)
          <input
            type="number"
            step="0.1"
            min={0}
            value={score}
            onChange={(e) => setScore(e.target.value)}
            required
          />
        </label>
        <label className="field">
          Reason (required, kept in the audit log)
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} required rows={2} />
        </label>
        {act.error ? <ErrorBox error={act.error} /> : null}
        {done ? (
          <p className="ok-msg" role="status">
            {done}
          </p>
        ) : null}
        <button type="submit" disabled={act.busy || !reason.trim() || score === ''}>
          Save override
        </button>
      </form>
    </Section>
  );
}

function NoteForm({
  id,
  notes,
  nameOf,
  onDone,
}: {
  id: string;
  notes: NonNullable<ReviewScorecard['notes']>;
  nameOf: (id: string) => string;
  onDone: () => void;
}) {
  const { session } = useSession();
  const act = useAction();
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (
      (await act.run('POST', `/review/scorecards/${encodeURIComponent(id)}/notes`, { note })) !== undefined
    ) {
      setNote('');
      setDone(true);
      onDone();
    }
  };
  return (
    <Section title="Review notes">
      {notes.length > 0 ? (
        <ul className="journal" aria-label="Review notes">
          {notes.map((n) => (
            <li key={n.id}>
              <div className="journal-head">
                <strong>
                  {n.author === session.employeeId || n.author === session.sub ? 'You' : nameOf(n.author)}
                </strong>
                <time dateTime={n.created_at}>{new Date(n.created_at).toLocaleDateString()}</time>
              </div>
              <p>{n.note}</p>
            </li>
          ))}
        </ul>
      ) : null}
      <form onSubmit={(e) => void submit(e)} className="stack">
        <label className="field">
          Add a note
          <textarea value={note} onChange={(e) => setNote(e.target.value)} required rows={4} />
        </label>
        {act.error ? <ErrorBox error={act.error} /> : null}
        {done ? (
          <p className="ok-msg" role="status">
            Note added.
          </p>
        ) : null}
        <button type="submit" disabled={act.busy || !note.trim()}>
          Add note
        </button>
      </form>
    </Section>
  );
}

function ResolveForm({
  disputes,
  onResolve,
}: {
  disputes: NonNullable<ReviewScorecard['disputes']>;
  onResolve: (resolution: string) => Promise<void>;
}) {
  const [text, setText] = useState('');
  return (
    <Section title="Resolve the dispute">
      <ul className="journal">
        {disputes.map((d) => (
          <DisputeItem key={d.id} d={{ ...d, raised_at: d.created_at }} kpiName={d.kpi_id} />
        ))}
      </ul>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void onResolve(text);
        }}
      >
        <label className="field">
          Resolution
          <textarea value={text} onChange={(e) => setText(e.target.value)} required rows={2} />
        </label>
        <button type="submit" disabled={!text.trim()}>
          Resolve and return to review
        </button>
      </form>
    </Section>
  );
}

type ManagerEntry = JournalEntry & { effective?: boolean; decision?: string | null };

function JournalPanel(props: {
  employeeId: string;
  periodId: string;
  kpis: ReviewKpi[];
  /** After an entry compute scores (a measurement or an effort rating). */
  onScoringEntry: () => void;
}) {
  const path = `/journal/${encodeURIComponent(props.employeeId)}/entries?period_id=${encodeURIComponent(props.periodId)}`;
  const [entries, reload] = useApi<{ items: ManagerEntry[] }>(path);
  const act = useAction();
  const [kind, setKind] = useState('observation');
  const [title, setTitle] = useState('');
  const [content, setContent] = useState('');
  const [kpi, setKpi] = useState(props.kpis[0]?.kpi_id ?? '');
  const [rating, setRating] = useState('3');
  const [visible, setVisible] = useState(true);
  const [measured, setMeasured] = useState('');
  const effort = kind === 'effort_rating';
  const scoring = kind === 'score_recorded';
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await act.run('POST', `/journal/${encodeURIComponent(props.employeeId)}/entries`, {
      entry_type: kind,
      title: title || (effort ? 'Effort rating' : scoring ? 'Score recorded' : 'Note'),
      ...(content ? { content } : {}),
      period_id: props.periodId,
      visible_to_staff: visible,
      ...(effort ? { kpi_id: kpi, effort_rating: Number(rating) } : {}),
      ...(scoring ? { kpi_id: kpi, score_after: Number(measured) } : {}),
    });
    if (r !== undefined) {
      setTitle('');
      setContent('');
      setMeasured('');
      reload();
      if (effort || scoring) props.onScoringEntry();
    }
  };
  const decide = async (id: string, decision: 'approved' | 'rejected') => {
    const reason = window.prompt(`Reason for ${decision === 'approved' ? 'approving' : 'rejecting'}:`);
    if (!reason) return;
    if ((await act.run('POST', `/journal/entries/${id}/decision`, { decision, reason })) !== undefined)
      reload();
  };
  return (
    <Section title="Journal">
      <Show value={entries} what="the journal" retry={reload}>
        {(d) =>
          d.items.length === 0 ? (
            <Empty>No journal entries in this period.</Empty>
          ) : (
            <ul className="journal">
              {d.items.map((j) => (
                <li key={j.id} className={j.pending_approval && !j.decision ? 'pending' : ''}>
                  <div className="journal-head">
                    <span className="badge muted">{j.entry_type.replace(/_/g, ' ')}</span>
                    <strong>{j.title}</strong>
                    {j.effort_rating ? <span>effort {j.effort_rating}/5</span> : null}
                    {typeof j.score_after === 'number' ? <span>measured {fmt(j.score_after)}</span> : null}
                    {j.visible_to_staff === false ? (
                      <span className="badge muted">hidden from staff</span>
                    ) : null}
                    {j.pending_approval && !j.decision ? (
                      <span className="badge growth-growing">pending approval</span>
                    ) : null}
                    {j.decision ? <span className="badge muted">{j.decision}</span> : null}
                    <time dateTime={j.created_at}>{new Date(j.created_at).toLocaleDateString()}</time>
                  </div>
                  {j.content ? <p>{j.content}</p> : null}
                  {j.pending_approval && !j.decision ? (
                    <div className="row">
                      <button type="button" onClick={() => void decide(j.id, 'approved')}>
                        Approve
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => void decide(j.id, 'rejected')}
                      >
                        Reject
                      </button>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )
        }
      </Show>
      <form onSubmit={(e) => void submit(e)} className="stack">
        <h3>Add an entry</h3>
        <div className="row">
          <label className="field inline">
            Kind
            <select
              value={kind}
              onChange={(e) => {
                setKind(e.target.value);
                const offered =
                  e.target.value === 'score_recorded' ? props.kpis.filter(measuredByJournal) : props.kpis;
                if (!offered.some((k) => k.kpi_id === kpi)) setKpi(offered[0]?.kpi_id ?? '');
              }}
            >
              <option value="observation">Observation</option>
              <option value="coaching_session">Coaching session</option>
              <option value="feedback_received">Feedback</option>
              <option value="effort_rating">Effort rating</option>
              <option value="score_recorded">Record a KPI measurement</option>
              <option value="goal_agreed">Goal agreed</option>
            </select>
          </label>
          {effort || scoring ? (
            <label className="field inline">
              KPI
              <select value={kpi} onChange={(e) => setKpi(e.target.value)}>
                {(scoring ? props.kpis.filter(measuredByJournal) : props.kpis).map((k) => (
                  <option key={k.kpi_id} value={k.kpi_id}>
                    {k.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {scoring ? (
            <label className="field inline">
              Measured value
              <input
                type="number"
                step="any"
                value={measured}
                onChange={(e) => setMeasured(e.target.value)}
                required
              />
            </label>
          ) : null}
          {effort ? (
            <>
              <label className="field inline">
                Effort (1–5)
                <select value={rating} onChange={(e) => setRating(e.target.value)}>
                  {[1, 2, 3, 4, 5].map((n) => (
                    <option key={n}>{n}</option>
                  ))}
                </select>
              </label>
            </>
          ) : null}
          <label className="field inline">
            <span>
              <input type="checkbox" checked={visible} onChange={(e) => setVisible(e.target.checked)} />{' '}
              Visible to the person
            </span>
          </label>
        </div>
        <label className="field">
          Title
          <input value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
        <label className="field">
          Details
          <textarea value={content} onChange={(e) => setContent(e.target.value)} rows={2} />
        </label>
        {act.error ? <ErrorBox error={act.error} /> : null}
        <button type="submit" disabled={act.busy}>
          Add to journal
        </button>
      </form>
    </Section>
  );
}
