import { useState, type FormEvent } from 'react';
import { useAction } from '../hooks';
import type { MyDispute, MyScorecard } from '../types';
import { ErrorBox, Section } from '../ui';
import type { KpiEvidence } from './MyEvidence';

/** What the employee is about to dispute; a record id makes it "wrong attribution". */
export interface DisputeDraft {
  kpiId: string;
  recordId: string;
}

const STEP: Record<string, string> = {
  draft: 'Your manager is preparing this scorecard.',
  in_review: 'In review with your manager.',
  approved: 'Approved by your manager.',
  disputed: 'Disputed: your manager will look at it and reply.',
  final: 'Final: this period is closed.',
};

/** The employee may dispute a scorecard under review or approved (DESIGN §5). */
export const canDispute = (c: MyScorecard) =>
  c.review_status === 'in_review' || c.review_status === 'approved';

/** The scorecard's review step, the employee's disputes and the form to raise one. */
export function DisputeSection(props: {
  card: MyScorecard;
  evidence: KpiEvidence[];
  draft: DisputeDraft | null;
  setDraft: (d: DisputeDraft | null) => void;
  onDone: () => void;
}) {
  const { card } = props;
  return (
    <Section title="Review and disputes">
      <p data-testid="review-status">
        <span className={`badge review-${card.review_status}`}>{card.review_status.replace('_', ' ')}</span>{' '}
        {STEP[card.review_status] ?? ''}
      </p>
      {card.disputes.length > 0 ? (
        <ul className="journal">
          {card.disputes.map((d) => (
            <DisputeItem key={d.id} d={d} kpiName={kpiName(card, d.kpi_id)} />
          ))}
        </ul>
      ) : null}
      {canDispute(card) ? (
        <DisputeForm {...props} />
      ) : card.review_status === 'draft' ? (
        <p className="muted">You can dispute it once your manager has submitted it for review.</p>
      ) : null}
    </Section>
  );
}

function kpiName(card: MyScorecard, kpiId: string | null): string | null {
  if (kpiId === null) return null;
  return card.areas.flatMap((a) => a.kpis).find((k) => k.kpi_id === kpiId)?.name ?? kpiId;
}

/** One dispute as raised: kind, state, reason, the record named and the answer. */
export function DisputeItem({
  d,
  kpiName,
}: {
  d: Pick<MyDispute, 'kind' | 'status' | 'raised_at' | 'reason' | 'record' | 'resolution'>;
  kpiName: string | null;
}) {
  return (
    <li className={d.status === 'open' ? 'pending' : ''} data-testid="dispute">
      <div className="journal-head">
        <span className="badge muted">
          {d.kind === 'wrong_attribution' ? 'Wrong attribution' : 'Dispute'}
        </span>
        <strong>{d.status === 'open' ? 'Open' : 'Resolved'}</strong>
        <time dateTime={d.raised_at}>{new Date(d.raised_at).toLocaleDateString()}</time>
      </div>
      <p>{d.reason}</p>
      {d.record ? (
        <p className="muted">
          Record <code>{d.record.id}</code> ({d.record.source} {d.record.entity.replace(/_/g, ' ')})
          {kpiName ? ` in ${kpiName}` : ''}
        </p>
      ) : null}
      {d.resolution ? <p>Resolution: {d.resolution}</p> : null}
    </li>
  );
}

function DisputeForm(props: {
  card: MyScorecard;
  evidence: KpiEvidence[];
  draft: DisputeDraft | null;
  setDraft: (d: DisputeDraft | null) => void;
  onDone: () => void;
}) {
  const { run, busy, error } = useAction();
  const [reason, setReason] = useState('');
  const { draft, setDraft } = props;
  // Only KPIs whose records have a known source can name the record that is not theirs.
  const attributable = props.evidence.filter((e) => e.source && e.evidence_ids.length > 0);
  const picked = draft ? attributable.find((e) => e.kpi_id === draft.kpiId) : undefined;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body =
      draft && picked?.source
        ? {
            reason,
            kind: 'wrong_attribution',
            kpi_id: draft.kpiId,
            record: { source: picked.source.domain, entity: picked.source.entity, id: draft.recordId },
          }
        : { reason, kind: 'general' };
    const ok = await run('POST', `/review/scorecards/${encodeURIComponent(props.card.id)}/dispute`, body);
    if (ok !== undefined) {
      setReason('');
      setDraft(null);
      props.onDone();
    }
  };
  const first = attributable[0];
  return (
    <form className="stack" onSubmit={(e) => void submit(e)} aria-label="Dispute this scorecard">
      <fieldset>
        <legend>What is wrong?</legend>
        <label className="choice">
          <input type="radio" name="dispute-kind" checked={draft === null} onChange={() => setDraft(null)} />{' '}
          Something else about this scorecard
        </label>
        <label className="choice">
          <input
            type="radio"
            name="dispute-kind"
            checked={draft !== null}
            disabled={!first}
            onChange={() => first && setDraft({ kpiId: first.kpi_id, recordId: first.evidence_ids[0] ?? '' })}
          />{' '}
          A record counted for me is not mine (wrong attribution)
        </label>
      </fieldset>
      {draft ? (
        <div className="row">
          <label className="field inline">
            KPI
            <select
              value={draft.kpiId}
              onChange={(e) => {
                const k = attributable.find((x) => x.kpi_id === e.target.value);
                setDraft({ kpiId: e.target.value, recordId: k?.evidence_ids[0] ?? '' });
              }}
            >
              {attributable.map((k) => (
                <option key={`${k.kra_id}/${k.kpi_id}`} value={k.kpi_id}>
                  {kpiName(props.card, k.kpi_id)}
                </option>
              ))}
            </select>
          </label>
          <label className="field inline">
            Record
            <select value={draft.recordId} onChange={(e) => setDraft({ ...draft, recordId: e.target.value })}>
              {(picked?.evidence_ids ?? []).map((id) => (
                <option key={id}>{id}</option>
              ))}
            </select>
          </label>
        </div>
      ) : null}
      <label className="field">
        Why (your manager reads this)
        <textarea
          id="dispute-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          required
          rows={3}
          maxLength={4000}
        />
      </label>
      {error ? <ErrorBox error={error} /> : null}
      <div className="row">
        <button type="submit" disabled={busy || !reason.trim() || (draft !== null && !draft.recordId)}>
          {busy ? 'Sending…' : 'Dispute my scorecard'}
        </button>
      </div>
    </form>
  );
}
