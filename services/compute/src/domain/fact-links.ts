import { entitySpec, sourceCatalog } from '@scorecard/contracts';

export interface FactLink {
  kind: 'person' | 'team';
  refId: string;
}

/**
 * The people and teams a record version names, by the catalog's `person` / `team` field markers;
 * a `personList` field names one person per comma-separated id. Every version's links are kept,
 * so a record stays findable by a former owner.
 */
export function factLinks(
  source: string,
  entity: string,
  data: Readonly<Record<string, unknown>>,
): FactLink[] {
  const fields = entitySpec(source, entity)?.fields ?? {};
  const links: FactLink[] = [];
  for (const [name, spec] of Object.entries(fields)) {
    const v = data[name];
    if (typeof v !== 'string' || v === '') continue;
    if (spec.person) links.push({ kind: 'person', refId: v });
    else if (spec.team) links.push({ kind: 'team', refId: v });
    else if (spec.personList)
      for (const id of v.split(',')) {
        const refId = id.trim();
        if (refId !== '') links.push({ kind: 'person', refId });
      }
  }
  return links;
}

/** Every timestamp field of the catalog: the instants that place a record in periods. */
export const TIMESTAMP_FIELDS: readonly string[] = [
  ...new Set(
    Object.values(sourceCatalog).flatMap((entities) =>
      Object.values(entities as Record<string, { fields: Record<string, { type: string }> }>).flatMap((e) =>
        Object.entries(e.fields)
          .filter(([, f]) => f.type === 'timestamp')
          .map(([name]) => name),
      ),
    ),
  ),
].sort();
