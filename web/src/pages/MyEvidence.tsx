import { useState } from 'react';
import type { Evidence } from '../types';

export type KpiEvidence = Evidence['kpis'][number];

/** "ticket" → "tickets": how the records of a source read in a sentence. */
export function recordNoun(source: KpiEvidence['source'], n: number): string {
  const one = source ? source.entity.replace(/_/g, ' ') : 'record';
  return n === 1 ? one : `${one}s`;
}

/**
 * The records a KPI counted, as an expandable list (rendered only when opened: up to 1,000 ids).
 * `onDispute` offers "not mine?" per record, which starts a wrong-attribution dispute.
 */
export function EvidenceList(props: {
  kpiName: string;
  count: number;
  evidence: KpiEvidence | undefined;
  unavailable: boolean;
  onDispute?: ((recordId: string) => void) | undefined;
}) {
  const [open, setOpen] = useState(false);
  const { count, evidence } = props;
  if (count === 0) return <p className="evidence">No records counted yet</p>;
  const ids = evidence?.evidence_ids ?? [];
  const noun = recordNoun(evidence?.source ?? null, count);
  return (
    <details className="evidence" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Based on {count} {noun}
      </summary>
      {!open ? null : evidence === undefined ? (
        <p className="muted">
          {props.unavailable ? 'The record list is not available right now.' : 'Loading the records…'}
        </p>
      ) : (
        <>
          <p className="muted">
            {ids.length < count ? `The first ${ids.length} of ${count}` : `All ${count}`}
            {evidence.source ? ` from ${evidence.source.domain.replace(/_/g, ' ')}` : ''}. If one is not
            yours, say so and your manager will look at it.
          </p>
          <ul className="evidence-ids" aria-label={`Records counted for ${props.kpiName}`} tabIndex={0}>
            {ids.map((id) => (
              <li key={id}>
                <code data-testid="evidence-id">{id}</code>
                {props.onDispute ? (
                  <button
                    type="button"
                    className="link"
                    onClick={() => props.onDispute?.(id)}
                    aria-label={`Not mine: dispute ${id}`}
                  >
                    Not mine?
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </details>
  );
}
