import { entitySpec, type SourceDomain } from '@scorecard/contracts';
import type { FieldError } from '@scorecard/errors';
import type { FieldRule, RecordMapping } from '../mappings/record-mapping';

/**
 * Where a column's values go: the event's `id`, `occurred_at` or `version`, `deleted` (a truthy
 * value makes the row a delete), or a canonical field of the entity's `data`.
 */
export const ENVELOPE_TARGETS = ['id', 'occurred_at', 'version', 'deleted'] as const;

/** One `column=field` of a column map. */
export interface ColumnTarget {
  column: string;
  target: string;
}

/** `Shift Start=scheduled_start` → column and field; the last `=` splits, since fields have none. */
export function parseColumnTarget(entry: string): ColumnTarget | undefined {
  const at = entry.lastIndexOf('=');
  if (at <= 0 || at === entry.length - 1) return undefined;
  return { column: entry.slice(0, at).trim(), target: entry.slice(at + 1).trim() };
}

/** The columns a rule reads. */
export function ruleColumns(rule: FieldRule): string[] {
  if (typeof rule === 'string') return [rule];
  const from = rule.from === undefined ? [] : typeof rule.from === 'string' ? [rule.from] : [...rule.from];
  return [...from, ...(rule.any ?? [])];
}

/** A rule narrowed to the columns the file has; undefined when it reads none of them. */
function narrowRule(rule: FieldRule, has: (c: string) => boolean): FieldRule | undefined {
  if (typeof rule === 'string') return has(rule) ? rule : undefined;
  if (rule.value !== undefined) return rule;
  const { from: _from, any: _any, ...rest } = rule;
  const from = (
    rule.from === undefined ? [] : typeof rule.from === 'string' ? [rule.from] : rule.from
  ).filter(has);
  const any = (rule.any ?? []).filter(has);
  if (from.length === 0 && any.length === 0) return undefined;
  return { ...rest, ...(from.length ? { from } : {}), ...(any.length ? { any } : {}) };
}

export interface ImportMappingInput {
  source: SourceDomain;
  entity: string;
  /** The file's header. */
  columns: readonly string[];
  /** A preset's mapping for this (source, entity), narrowed to the columns the file has. */
  preset?: RecordMapping;
  /** Explicit `column=field` entries; they win over the preset's rule for the same field. */
  entries: readonly ColumnTarget[];
}

/**
 * The record mapping of one import: the preset's rules for the columns the file has, then the
 * explicit entries. A column the file lacks, a field the entity lacks, no id column and no time
 * column are errors naming `map.<column>` or `map`.
 */
export function importMapping(
  input: ImportMappingInput,
): { ok: true; mapping: RecordMapping } | { ok: false; errors: FieldError[] } {
  const { source, entity, columns, preset } = input;
  const spec = entitySpec(source, entity);
  if (!spec)
    return { ok: false, errors: [{ path: 'entity', message: `no entity ${entity} of source ${source}` }] };
  const header = new Set(columns);
  const has = (c: string) => header.has(c);
  const errors: FieldError[] = [];
  const targets = new Map<string, string[]>();
  for (const { column, target } of input.entries) {
    if (!has(column)) {
      errors.push({
        path: `map.${column}`,
        message: `no column "${column}" in the file; its columns: ${columns.join(', ')}`,
      });
    } else if (
      !(ENVELOPE_TARGETS as readonly string[]).includes(target) &&
      !Object.hasOwn(spec.fields, target)
    ) {
      errors.push({
        path: `map.${column}`,
        message: `unknown field "${target}" of ${source}/${entity}; its fields: ${[...ENVELOPE_TARGETS, ...Object.keys(spec.fields)].join(', ')}`,
      });
    } else targets.set(target, [...(targets.get(target) ?? []), column]);
  }
  for (const single of ['id', 'version', 'deleted']) {
    const cols = targets.get(single) ?? [];
    if (cols.length > 1)
      errors.push({
        path: 'map',
        message: `${single} is mapped from ${cols.length} columns (${cols.join(', ')}); map one`,
      });
  }
  const one = (target: string, fallback: string | undefined) =>
    targets.get(target)?.[0] ?? (fallback !== undefined && has(fallback) ? fallback : undefined);
  const id = one('id', preset?.id);
  if (id === undefined)
    errors.push({
      path: 'map',
      message: preset
        ? `the file has no "${preset.id}" column for id (preset ${preset.name}); map its id column: <column>=id`
        : 'no column is mapped to id',
    });

  const fields: Record<string, FieldRule> = {};
  for (const [field, rule] of Object.entries(preset?.fields ?? {})) {
    const narrowed = narrowRule(rule, has);
    if (narrowed !== undefined) fields[field] = narrowed;
  }
  for (const [target, cols] of targets)
    if (Object.hasOwn(spec.fields, target))
      fields[target] = cols.length === 1 ? (cols[0] as string) : { from: cols };

  const occurredAt = targets.get('occurred_at') ?? (preset?.occurredAt ?? []).filter(has);
  const timeFields = Object.keys(fields).filter((f) => spec.fields[f]?.type === 'timestamp');
  if (occurredAt.length === 0 && timeFields.length === 0)
    errors.push({
      path: 'map',
      message: `no column gives the event time: map one to occurred_at or to a time field of ${source}/${entity} (${Object.entries(
        spec.fields,
      )
        .filter(([, f]) => f.type === 'timestamp')
        .map(([name]) => name)
        .join(', ')})`,
    });
  if (errors.length > 0 || id === undefined) return { ok: false, errors };

  const version = one('version', preset?.version);
  const deletedFlag = one('deleted', preset?.deletedFlag);
  const extra = (preset?.extra ?? []).filter(has);
  return {
    ok: true,
    mapping: {
      name: preset ? `csv:${preset.name}` : `csv:${source}/${entity}`,
      description: preset?.description ?? `A CSV import of ${source}/${entity}`,
      source,
      entity,
      id,
      occurredAt,
      fields,
      ...(version === undefined ? {} : { version }),
      ...(deletedFlag === undefined ? {} : { deletedFlag }),
      ...(extra.length ? { extra } : {}),
    },
  };
}
