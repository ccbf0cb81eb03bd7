import type { BindingSpec, FormulaSide, Ownership } from './types';

/** The field an ownership rule reads (see `Ownership`). */
export function ownershipField(o: Ownership): string {
  if (o.field !== undefined) return o.field;
  return o.rule === 'team' ? 'team_id' : o.rule;
}

/**
 * A formula side as a full spec: missing `source`, `time_field` and `ownership` come from the
 * enclosing binding, whose filters are ANDed before the side's own.
 */
export function resolveFormulaSide(parent: BindingSpec, side: FormulaSide): BindingSpec {
  const filter = [...(parent.filter ?? []), ...(side.filter ?? [])];
  return {
    source: side.source ?? parent.source,
    time_field: side.time_field ?? parent.time_field,
    ownership: side.ownership ?? parent.ownership,
    aggregation: side.aggregation,
    ...(filter.length > 0 ? { filter } : {}),
  };
}
