import { sourceCatalog, type EntitySpec, type SourceDomain } from '@scorecard/contracts';
import type { RecordMapping } from './record-mapping';

/**
 * For ERPs (or staging tables and views) whose columns already carry the canonical names: one
 * mapping per catalog entity, `canonical.<source>.<entity>`, every field read from its own column.
 */
export const canonicalTableMappings: readonly RecordMapping[] = Object.entries(sourceCatalog).flatMap(
  ([source, entities]) =>
    Object.entries(entities as Record<string, EntitySpec>).map(([entity, spec]): RecordMapping => ({
      name: `canonical.${source}.${entity}`,
      description: `A table with the canonical ${source}/${entity} columns`,
      source: source as SourceDomain,
      entity,
      id: 'id',
      occurredAt: ['updated_at', 'occurred_at', 'created_at'],
      fields: Object.fromEntries(Object.keys(spec.fields).map((f) => [f, f])),
    })),
);
