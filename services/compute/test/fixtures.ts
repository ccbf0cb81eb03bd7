import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { inTransaction, openDatabase } from '@scorecard/db';
import { factLinks } from '../src/domain/fact-links';
import type { SourceFact } from '../src/adapters/postgres/facts-store';
import { storeConfig } from '../src/adapters/postgres/config-store';
import { recordFacts } from '../src/app/record-source-events';

export const openComputeDb = (url: string): Promise<DataSource> =>
  openDatabase({
    url,
    schema: 'compute',
    applicationName: 'compute-test',
    migrationsDir: join(__dirname, '..', 'migrations'),
  });

let seq = 0;
/** One source record version, as the consumer would store it. */
export function fact(
  tenantId: string,
  entityId: string,
  version: number,
  occurredAt: string,
  data: Record<string, unknown>,
  where: { source: string; entity: string } = { source: 'ticketing', entity: 'ticket' },
): SourceFact {
  return {
    tenantId,
    ...where,
    entityId,
    version: String(version),
    op: 'upsert',
    occurredAt,
    data,
    eventId: `evt-${++seq}`,
    links: factLinks(where.source, where.entity, data),
  };
}

export const employee = (tenantId: string, id: string, data: Record<string, unknown>, version = 1) =>
  fact(
    tenantId,
    id,
    version,
    '2020-01-01T00:00:00Z',
    { status: 'active', hired_at: '2020-01-01T00:00:00Z', ...data },
    { source: 'hr', entity: 'employee' },
  );

export const record = (ds: DataSource, facts: SourceFact[]) =>
  inTransaction(ds, (em) => recordFacts(em, facts));

/**
 * Stores registry entities as the registry consumer would; a `template` entry is stored as that
 * template's published version (`template_version`).
 */
export async function seedConfig(
  ds: DataSource,
  tenantId: string,
  entities: { type: string; id: string; version?: number; state: Record<string, unknown> }[],
) {
  for (const e of entities) {
    const version = e.version ?? 1;
    const isTemplate = e.type === 'template';
    const state = isTemplate ? { template_id: e.id, version, ...e.state } : e.state;
    await inTransaction(ds, (em) =>
      storeConfig(em, {
        tenantId,
        entityType: isTemplate ? 'template_version' : e.type,
        entityId: e.id,
        version,
        active: true,
        state,
        changedAt: '2026-01-01T00:00:00Z',
      }),
    );
  }
}

export const kpi = (id: string, over: Record<string, unknown> = {}) => ({
  type: 'kpi',
  id,
  state: {
    slug: id,
    name: id,
    category: 'productivity',
    direction: 'higher_is_better',
    target: 10,
    scoring_method: 'linear',
    weight_default: 1,
    evaluation_frequency: 'monthly',
    ...over,
  },
});

export const ticketBinding = (id: string, kpiId: string, over: Record<string, unknown> = {}) => ({
  type: 'binding',
  id,
  state: {
    kpi_id: kpiId,
    source: { domain: 'ticketing', entity: 'ticket' },
    filter: [{ field: 'status', op: 'eq', value: 'closed' }],
    time_field: 'closed_at',
    aggregation: { fn: 'count' },
    ownership: { rule: 'assigned_to' },
    ...over,
  },
});
