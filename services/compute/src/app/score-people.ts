import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ScoreComputed_Status } from '@scorecard/contracts';
import { enqueueEvents, type EnqueueEvent } from '@scorecard/kafka';
import { resolveTemplateForPeriod } from '@scorecard/template-precedence';
import { activeInPeriod, assembleScorecard } from '../domain/assemble-scorecard';
import type { KpiActual } from '../domain/kpi-actuals';
import type { Period } from '../domain/periods';
import { personScope, type TemplateVersion } from '../domain/registry-config';
import { scoreEmployee, type PersonScore } from '../domain/score-employee';
import type { TenantConfig } from '../adapters/postgres/config-store';
import { manualInputsFor } from '../adapters/postgres/manual-inputs-store';
import type { PersonRow } from '../adapters/postgres/people-store';
import { staffKpisOf } from '../adapters/postgres/staff-kpis-store';
import {
  pinnedTemplates,
  pinTemplates,
  replaceResults,
  storedHashes,
  type ResultToWrite,
} from '../adapters/postgres/results-store';
import type { ActualsLookup } from './evaluate-actuals';

export const SCHEMA = 'compute';

export interface ScoreContext {
  tenantId: string;
  period: Period;
  config: TenantConfig;
  actuals: ActualsLookup;
  runId: string | null;
  now: () => Date;
  /** Per person, the trace of the change that made them dirty (the event continues it). */
  traceparents?: ReadonlyMap<string, string>;
}

/** A chunk scored but not yet written: what `writeScores` needs, and what it was based on. */
export interface PreparedScores {
  people: readonly PersonRow[];
  newPins: { employeeId: string; id: string; version: number }[];
  changed: ResultToWrite[];
  /** Each person's stored inputs hash when they were scored (absent = no result yet). */
  seenHashes: ReadonlyMap<string, string>;
}

/**
 * Scores people for one open period without writing anything. Each person's scorecard is assembled
 * (domain/assemble-scorecard) from the template pinned per scorecard instance (first computation
 * pins it; a person without one gets none pinned, so a later template still applies) and their
 * staff KPIs active in the period; actuals come from the bindings, journal values and effort
 * ratings from the review read model. A person employed in the period with nothing scoreable gets
 * an unscored result with the reason; someone known only from facts (no HR record) gets nothing
 * unless a scorecard could be built. A person whose inputs hash equals the stored one is left out
 * of `changed` (identical rows, no new event).
 */
export async function prepareScores(
  em: EntityManager,
  ctx: ScoreContext,
  people: readonly PersonRow[],
): Promise<PreparedScores> {
  const { tenantId, period, config } = ctx;
  const ids = people.map((p) => p.employee_id);
  const pins = await pinnedTemplates(em, tenantId, period.id, ids);
  const hashes = await storedHashes(em, tenantId, period.id, ids);
  const manual = await manualInputsFor(em, tenantId, period.id, ids);
  const staff = await staffKpisOf(em, tenantId, ids);
  const boundKpis = new Set(config.bindings.keys());
  const newPins: PreparedScores['newPins'] = [];
  const changed: ResultToWrite[] = [];
  for (const person of people) {
    const pin = pins.get(person.employee_id);
    const template: TemplateVersion | null =
      (pin
        ? config.templates.find((t) => t.template_id === pin.id && t.version === pin.version)
        : resolveTemplateForPeriod(config.templates, personScope(person), period)?.winner) ?? null;
    const card = assembleScorecard({
      template,
      staffKpis: activeInPeriod(staff.get(person.employee_id) ?? [], period),
      kpis: config.kpis,
      kras: config.kras,
    });
    if (card.kras.length === 0 && !employedIn(person, period)) continue;
    if (template && !pin)
      newPins.push({ employeeId: person.employee_id, id: template.template_id, version: template.version });
    const actuals = new Map<string, KpiActual>();
    for (const kra of card.kras)
      for (const k of kra.kpis) {
        const a = boundKpis.has(k.kpi_id) ? ctx.actuals(person.employee_id, k.kpi_id) : undefined;
        if (a) actuals.set(k.kpi_id, a);
      }
    const inputs = manual.get(person.employee_id);
    const score = scoreEmployee(
      card,
      {
        template,
        ratingScheme: template?.rating_scheme_id
          ? (config.ratingSchemes.get(template.rating_scheme_id) ?? null)
          : null,
        boundKpis,
      },
      {
        actuals,
        journalValues: inputs?.manualScores ?? new Map(),
        effortRatings: inputs?.effortRatings ?? new Map(),
      },
      { status: person.status ?? null },
    );
    const inputsHash = createHash('sha256').update(JSON.stringify(score.inputs)).digest('hex');
    if (hashes.get(person.employee_id) !== inputsHash)
      changed.push({ employeeId: person.employee_id, score, inputsHash });
  }
  return { people, newPins, changed, seenHashes: hashes };
}

/** An HR-known person employed at some point of the period (hired before its end, not exited before its start). */
function employedIn(person: PersonRow, period: Period): boolean {
  if (person.in_hr !== true) return false;
  const hired = person.hired_at ? new Date(person.hired_at).getTime() : -Infinity;
  const exited = person.exited_at ? new Date(person.exited_at).getTime() : Infinity;
  return hired < Date.parse(period.end) && exited >= Date.parse(period.start);
}

/**
 * Writes prepared scores in the caller's transaction: pins, results and one score event per
 * changed person. When the scores were prepared outside this transaction, the people whose stored
 * result changed since (another writer got there first, maybe with newer manual inputs or pins)
 * are scored again here, under the row locks, so a stale preparation never overwrites a newer
 * result. Returns how many results changed.
 */
export async function writeScores(
  em: EntityManager,
  ctx: ScoreContext,
  prepared: PreparedScores,
): Promise<number> {
  const { tenantId, period } = ctx;
  const ids = prepared.people.map((p) => p.employee_id);
  const now = await storedHashes(em, tenantId, period.id, ids, { lock: true });
  const stale = new Set(ids.filter((id) => now.get(id) !== prepared.seenHashes.get(id)));
  let { newPins, changed } = prepared;
  if (stale.size > 0) {
    const again = await prepareScores(
      em,
      ctx,
      prepared.people.filter((p) => stale.has(p.employee_id)),
    );
    newPins = [...newPins.filter((p) => !stale.has(p.employeeId)), ...again.newPins];
    changed = [...changed.filter((r) => !stale.has(r.employeeId)), ...again.changed].sort((a, b) =>
      a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0,
    );
  }
  const computedAt = ctx.now().toISOString();
  await pinTemplates(em, tenantId, period.id, newPins);
  await replaceResults(em, tenantId, period.id, ctx.runId, computedAt, changed);
  // One outbox INSERT for the chunk, in person order (as one INSERT per person would have been).
  await enqueueEvents(
    em,
    SCHEMA,
    changed.map((r) => scoreEvent(ctx, r, computedAt)),
  );
  return changed.length;
}

/** Scores and writes people in the caller's transaction (the streaming path). */
export async function scorePeople(
  em: EntityManager,
  ctx: ScoreContext,
  people: readonly PersonRow[],
): Promise<number> {
  if (people.length === 0) return 0;
  return writeScores(em, ctx, await prepareScores(em, ctx, people));
}

const opt = (x: number | null) => (x === null ? undefined : x);

function scoreEvent(
  ctx: ScoreContext,
  r: ResultToWrite,
  computedAt: string,
): EnqueueEvent<'scorecard.score.computed.v1'> {
  const s: PersonScore = r.score;
  const traceparent = ctx.traceparents?.get(r.employeeId);
  return {
    topic: 'scorecard.score.computed.v1',
    key: r.employeeId,
    tenantId: ctx.tenantId,
    ...(traceparent ? { headers: { traceparent } } : {}),
    message: {
      tenantId: ctx.tenantId,
      employeeId: r.employeeId,
      period: {
        id: ctx.period.id,
        start: ctx.period.start,
        end: ctx.period.end,
        frequency: ctx.period.frequency,
      },
      ...(s.template ? { template: { id: s.template.id, version: s.template.version } } : {}),
      status: s.unscored_reason === null ? ScoreComputed_Status.PROVISIONAL : ScoreComputed_Status.UNSCORED,
      unscoredReason: s.unscored_reason ?? '',
      totalScore: opt(s.total_score),
      ratingBand: s.rating_band ?? '',
      kras: s.kras.map((k) => ({
        kraId: k.kra_id,
        name: k.name ?? '',
        score: opt(k.score),
        weight: k.weight,
        kpis: s.kpis
          .filter((p) => p.kra_id === k.kra_id)
          .map((p) => ({
            kpiId: p.kpi_id,
            slug: p.slug,
            actual: opt(p.actual_value),
            target: p.target_value,
            raw: opt(p.raw),
            score: opt(p.score),
            weight: p.weight,
            weightedScore: opt(p.weighted_score),
            status: p.status,
            label: p.label ?? '',
            evidenceCount: p.evidence_count,
            explanationJson: JSON.stringify(p.explanation),
          })),
      })),
      computedAt,
      runId: ctx.runId ?? '',
      inputsHash: r.inputsHash,
    },
  };
}
