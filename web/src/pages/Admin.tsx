import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useAction, useApi } from '../hooks';
import type { Kpi, Template, TemplateVersion } from '../types';
import { Empty, ErrorBox, Section, Show, fmt } from '../ui';

const TABS = [
  { id: 'gallery', title: 'KPI Gallery' },
  { id: 'templates', title: 'Templates' },
  { id: 'bindings', title: 'Bindings' },
  { id: 'contracting', title: 'Contracting: KPI step' },
] as const;

const words = (s: string) => s.replace(/_/g, ' ');

export function AdminHome() {
  const [tab, setTab] = useState<string>('gallery');
  return (
    <>
      <h1>Configuration</h1>
      <div className="tabs" role="tablist" aria-label="Configuration">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            onClick={() => setTab(t.id)}
          >
            {t.title}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'gallery' ? <Gallery /> : null}
        {tab === 'templates' ? <Templates /> : null}
        {tab === 'bindings' ? <Bindings /> : null}
        {tab === 'contracting' ? <Contracting /> : null}
      </div>
    </>
  );
}

function Gallery() {
  const [kpis, reload] = useApi<{ items: Kpi[] }>('/admin/kpis');
  const [group, setGroup] = useState('');
  const [category, setCategory] = useState('');
  const [q, setQ] = useState('');
  return (
    <Section title="KPI Gallery">
      <Show value={kpis} what="the KPI library" retry={reload}>
        {(d) => {
          const groups = [...new Set(d.items.flatMap((k) => k.role_groups ?? []))].sort();
          const categories = [...new Set(d.items.map((k) => k.category))].sort();
          const shown = d.items.filter(
            (k) =>
              (!group || (k.role_groups ?? []).includes(group)) &&
              (!category || k.category === category) &&
              (!q || `${k.name} ${k.slug} ${k.objective ?? ''}`.toLowerCase().includes(q.toLowerCase())),
          );
          return (
            <>
              <div className="toolbar">
                <label className="field inline">
                  Role group
                  <select value={group} onChange={(e) => setGroup(e.target.value)}>
                    <option value="">All role groups</option>
                    {groups.map((g) => (
                      <option key={g} value={g}>
                        {words(g)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field inline">
                  Category
                  <select value={category} onChange={(e) => setCategory(e.target.value)}>
                    <option value="">All categories</option>
                    {categories.map((c) => (
                      <option key={c} value={c}>
                        {words(c)}
                      </option>
                    ))}
                  </select>
                </label>
                <label className="field inline">
                  Search
                  <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
                </label>
              </div>
              <p role="status" data-testid="gallery-count">
                {shown.length} of {d.items.length} KPIs
              </p>
              {shown.length === 0 ? <Empty>No KPIs match these filters.</Empty> : null}
              <ul className="gallery">
                {shown.map((k) => (
                  <li key={k.id} data-testid="gallery-kpi">
                    <strong>{k.name}</strong>
                    <div className="meta">
                      <span className="badge muted">{words(k.category)}</span>
                      <span className="badge muted">{words(k.direction)}</span>
                      <span className="badge muted">{k.scoring_method}</span>
                      {k.automation_status ? (
                        <span className="badge muted">{k.automation_status}</span>
                      ) : null}
                    </div>
                    {k.objective ? <span>{k.objective}</span> : null}
                    <span className="muted">
                      Target {k.target}
                      {k.unit ? ` ${k.unit}` : ''} · default weight {k.weight_default}
                      {k.target_score !== undefined
                        ? ` · meeting ≥ ${k.minimum_score ?? '—'}, exceeding > ${k.target_score}`
                        : ''}
                    </span>
                    {k.coaching_tips?.length ? (
                      <details>
                        <summary>Coaching tips</summary>
                        <ul>
                          {k.coaching_tips.map((t) => (
                            <li key={t}>{t}</li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Show>
    </Section>
  );
}

type KraDraft = TemplateVersion['kras'][number];

function Templates() {
  const [list, reloadList] = useApi<{ items: Template[] }>('/admin/templates');
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => {
    if (picked === null && list.state === 'ready') setPicked(list.data.items[0]?.id ?? null);
  }, [list, picked]);
  return (
    <Section title="Template editor">
      <Show value={list} what="templates" retry={reloadList}>
        {(d) =>
          d.items.length === 0 ? (
            <Empty>No templates yet.</Empty>
          ) : (
            <>
              <label className="field inline">
                Template
                <select value={picked ?? ''} onChange={(e) => setPicked(e.target.value)}>
                  {d.items.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name} (v{t.latest_version})
                    </option>
                  ))}
                </select>
              </label>
              {picked ? <TemplateEditor key={picked} id={picked} onPublished={reloadList} /> : null}
            </>
          )
        }
      </Show>
    </Section>
  );
}

function TemplateEditor({ id, onPublished }: { id: string; onPublished: () => void }) {
  const [tpl, reload] = useApi<Template>(`/admin/templates/${encodeURIComponent(id)}`);
  const [kras, setKras] = useState<KraDraft[] | null>(null);
  const act = useAction();
  const [done, setDone] = useState<string | null>(null);
  const latest = tpl.state === 'ready' ? tpl.data.versions[tpl.data.versions.length - 1] : undefined;
  useEffect(() => {
    if (latest) setKras(latest.kras.map((k) => ({ ...k, kpis: k.kpis.map((p) => ({ ...p })) })));
  }, [latest]);
  const sum = useMemo(
    () => (kras ?? []).reduce((n, k) => n + (Number.isFinite(k.weight) ? k.weight : 0), 0),
    [kras],
  );
  const ok = Math.abs(sum - 100) <= 0.01;
  const publish = async (e: FormEvent) => {
    e.preventDefault();
    if (!latest || !kras) return;
    setDone(null);
    const body = {
      name: latest.name,
      scope: latest.scope,
      effective_from: latest.effective_from,
      ...(latest.effective_to ? { effective_to: latest.effective_to } : {}),
      kras,
      ...(latest.guardrails ? { guardrails: latest.guardrails } : {}),
      ...(latest.rating_scheme_id ? { rating_scheme_id: latest.rating_scheme_id } : {}),
    };
    const r = await act.run<{ latest_version?: number; version?: number }>(
      'POST',
      `/admin/templates/${encodeURIComponent(id)}/versions`,
      body,
    );
    if (r !== undefined) {
      setDone(`Published version ${r.latest_version ?? r.version ?? ''}.`);
      reload();
      onPublished();
    }
  };
  return (
    <Show value={tpl} what="the template" retry={reload}>
      {(t) => (
        <form onSubmit={(e) => void publish(e)} className="stack">
          <p className="muted">
            Versions:{' '}
            {t.versions
              .map(
                (v) =>
                  `v${v.version} (${new Date(v.published_at).toLocaleDateString()} by ${v.published_by})`,
              )
              .join(', ')}
          </p>
          <table className="data">
            <thead>
              <tr>
                <th>KRA</th>
                <th>KPIs</th>
                <th className="num">Weight</th>
              </tr>
            </thead>
            <tbody>
              {(kras ?? []).map((k, i) => (
                <tr key={k.kra_id}>
                  <td>{words(k.kra_id)}</td>
                  <td>{k.kpis.map((p) => p.kpi_id).join(', ')}</td>
                  <td className="num">
                    <input
                      type="number"
                      step="0.01"
                      min={0}
                      max={100}
                      aria-label={`Weight of ${words(k.kra_id)}`}
                      value={Number.isFinite(k.weight) ? k.weight : ''}
                      onChange={(e) =>
                        setKras((all) =>
                          (all ?? []).map((x, j) => (j === i ? { ...x, weight: e.target.valueAsNumber } : x)),
                        )
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th colSpan={2}>Total (must be 100)</th>
                <td className="num">
                  <span className={ok ? 'sum-ok' : 'sum-bad'} data-testid="weight-sum">
                    {fmt(sum, 2)}
                  </span>
                </td>
              </tr>
            </tfoot>
          </table>
          {!ok ? (
            <p className="sum-bad" role="alert">
              KRA weights add up to {fmt(sum, 2)}; they must sum to 100 before publishing.
            </p>
          ) : null}
          {act.error ? <ErrorBox error={act.error} /> : null}
          {done ? (
            <p className="ok-msg" role="status">
              {done}
            </p>
          ) : null}
          <button type="submit" disabled={!ok || act.busy}>
            Publish as version {t.latest_version + 1}
          </button>
        </form>
      )}
    </Show>
  );
}

interface Binding {
  id: string;
  kpi_id: string;
  source: { domain: string; entity: string };
  filter?: { field: string; op: string; value: unknown }[];
  time_field: string;
  aggregation: { fn: string; field?: string; p?: number };
  ownership: { rule: string; field?: string };
  version: number;
}

function Bindings() {
  const [list, reload] = useApi<{ items: Binding[] }>('/admin/bindings');
  const [picked, setPicked] = useState<string>('');
  return (
    <Section title="Binding editor">
      <Show value={list} what="bindings" retry={reload}>
        {(d) => {
          const b = d.items.find((x) => x.id === picked) ?? d.items[0];
          return d.items.length === 0 || !b ? (
            <Empty>No bindings yet.</Empty>
          ) : (
            <>
              <label className="field inline">
                Binding
                <select value={b.id} onChange={(e) => setPicked(e.target.value)}>
                  {d.items.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.kpi_id} ← {x.source.domain}/{x.source.entity}
                    </option>
                  ))}
                </select>
              </label>
              <BindingEditor key={`${b.id}@${b.version}`} binding={b} onSaved={reload} />
            </>
          );
        }}
      </Show>
    </Section>
  );
}

function BindingEditor({ binding, onSaved }: { binding: Binding; onSaved: () => void }) {
  const [filter, setFilter] = useState(JSON.stringify(binding.filter ?? [], null, 1));
  const [timeField, setTimeField] = useState(binding.time_field);
  const [fn, setFn] = useState(binding.aggregation.fn);
  const [field, setField] = useState(binding.aggregation.field ?? '');
  const [employee, setEmployee] = useState('');
  const [period, setPeriod] = useState('');
  const save = useAction();
  const preview = useAction();
  const [result, setResult] = useState<{
    actual_value: number | null;
    evidence_count: number;
    sql: string;
  } | null>(null);
  let parsed: unknown = null;
  let filterError: string | null = null;
  try {
    parsed = JSON.parse(filter);
    if (!Array.isArray(parsed)) filterError = 'The filter is a JSON list of {field, op, value}.';
  } catch {
    filterError = 'The filter is not valid JSON.';
  }
  const runPreview = async () => {
    if (!employee || !period) return;
    const r = await preview.run<typeof result>(
      'POST',
      `/admin/bindings/${encodeURIComponent(binding.id)}/preview`,
      {
        employee_id: employee,
        period_id: period,
      },
    );
    if (r) setResult(r);
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (filterError) return;
    const r = await save.run('PATCH', `/admin/bindings/${encodeURIComponent(binding.id)}`, {
      filter: parsed,
      time_field: timeField,
      aggregation: { ...binding.aggregation, fn, ...(field ? { field } : {}) },
    });
    if (r !== undefined) {
      onSaved();
      await runPreview();
    }
  };
  return (
    <div className="grid2">
      <form onSubmit={(e) => void submit(e)} className="stack">
        <p className="muted">
          {binding.kpi_id} from {binding.source.domain}/{binding.source.entity}, owned by{' '}
          {binding.ownership.rule}
          {binding.ownership.field ? ` (${binding.ownership.field})` : ''} · v{binding.version}
        </p>
        <label className="field">
          Filter (JSON)
          <textarea value={filter} onChange={(e) => setFilter(e.target.value)} rows={5} spellCheck={false} />
        </label>
        {filterError ? <p className="sum-bad">{filterError}</p> : null}
        <div className="row">
          <label className="field inline">
            Time field
            <input value={timeField} onChange={(e) => setTimeField(e.target.value)} />
          </label>
          <label className="field inline">
            Aggregation
            <select value={fn} onChange={(e) => setFn(e.target.value)}>
              {['count', 'sum', 'avg', 'min', 'max', 'percentile', 'ratio', 'count_distinct'].map((f) => (
                <option key={f}>{f}</option>
              ))}
            </select>
          </label>
          <label className="field inline">
            Field
            <input value={field} onChange={(e) => setField(e.target.value)} />
          </label>
        </div>
        {save.error ? <ErrorBox error={save.error} /> : null}
        <button type="submit" disabled={save.busy || filterError !== null}>
          Save and preview
        </button>
      </form>
      <div className="stack">
        <h3>Live preview</h3>
        <div className="row">
          <label className="field inline">
            Employee id
            <input value={employee} onChange={(e) => setEmployee(e.target.value)} placeholder="emp-0004" />
          </label>
          <label className="field inline">
            Period
            <input value={period} onChange={(e) => setPeriod(e.target.value)} placeholder="monthly:2026-09" />
          </label>
          <button
            type="button"
            className="secondary"
            disabled={!employee || !period || preview.busy}
            onClick={() => void runPreview()}
          >
            Preview
          </button>
        </div>
        {preview.error ? <ErrorBox error={preview.error} /> : null}
        {result ? (
          <div role="status">
            <p>
              Actual value: <strong>{fmt(result.actual_value, 2)}</strong> from {result.evidence_count} record
              {result.evidence_count === 1 ? '' : 's'}
            </p>
            <pre className="sql">{result.sql}</pre>
          </div>
        ) : (
          <p className="muted">Pick a person and a period to see what this binding measures.</p>
        )}
      </div>
    </div>
  );
}

interface ContractKpi {
  kpi_module_id: string;
  weight: number;
  is_required: boolean;
  custom_target?: number;
}

function Contracting() {
  const [modules, reload] = useApi<{ items: Kpi[] }>('/hr/kpi-modules');
  const [picked, setGroup] = useState('');
  const groups =
    modules.state === 'ready'
      ? [...new Set(modules.data.items.flatMap((k) => k.role_groups ?? []))].sort()
      : [];
  const group = picked || groups[0] || '';
  const template = `ct-${group}`;
  const [current, reloadCurrent] = useApi<ContractKpi[] | { items: ContractKpi[] }>(
    `/hr/templates/${encodeURIComponent(template)}/kpis`,
  );
  const [draft, setDraft] = useState<ContractKpi[] | null>(null);
  const act = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (current.state === 'ready') setDraft(Array.isArray(current.data) ? current.data : current.data.items);
    setSaved(false);
  }, [current]);
  const library =
    modules.state === 'ready' ? modules.data.items.filter((k) => (k.role_groups ?? []).includes(group)) : [];
  const entry = (id: string) => draft?.find((d) => d.kpi_module_id === id);
  const set = (id: string, next: ContractKpi | null) =>
    setDraft((all) => [...(all ?? []).filter((d) => d.kpi_module_id !== id), ...(next ? [next] : [])]);
  const save = async () => {
    if (
      (await act.run('PUT', `/hr/templates/${encodeURIComponent(template)}/kpis`, draft ?? [])) !== undefined
    ) {
      setSaved(true);
      reloadCurrent();
    }
  };
  return (
    <Section title="Contracting wizard — KPI step">
      <p>
        The KPIs a new contract from this template attaches to the person: <strong>required</strong> ones
        always, <strong>optional</strong> ones when the manager keeps them.
      </p>
      <Show value={modules} what="the KPI library" retry={reload}>
        {() => (
          <>
            <label className="field inline">
              Contract template (role group)
              <select value={group} onChange={(e) => setGroup(e.target.value)}>
                {groups.map((g) => (
                  <option key={g} value={g}>
                    ct-{g} — {words(g)}
                  </option>
                ))}
              </select>
            </label>
            <Show value={current} what="the template's KPIs" retry={reloadCurrent}>
              {() => (
                <>
                  <div className="table-scroll">
                    <table className="data">
                      <thead>
                        <tr>
                          <th>KPI</th>
                          <th>Category</th>
                          <th>On this contract</th>
                          <th className="num">Weight</th>
                        </tr>
                      </thead>
                      <tbody>
                        {library.map((k) => {
                          const e = entry(k.id);
                          const state = e ? (e.is_required ? 'required' : 'optional') : 'off';
                          return (
                            <tr key={k.id}>
                              <td>{k.name}</td>
                              <td>{words(k.category)}</td>
                              <td>
                                <select
                                  aria-label={`${k.name} on this contract`}
                                  value={state}
                                  onChange={(ev) =>
                                    set(
                                      k.id,
                                      ev.target.value === 'off'
                                        ? null
                                        : {
                                            kpi_module_id: k.id,
                                            weight: e?.weight ?? k.weight_default,
                                            is_required: ev.target.value === 'required',
                                          },
                                    )
                                  }
                                >
                                  <option value="off">Not included</option>
                                  <option value="required">Required</option>
                                  <option value="optional">Optional</option>
                                </select>
                              </td>
                              <td className="num">
                                {e ? (
                                  <input
                                    type="number"
                                    min={0}
                                    step="0.1"
                                    aria-label={`Weight of ${k.name}`}
                                    value={e.weight}
                                    onChange={(ev) => set(k.id, { ...e, weight: ev.target.valueAsNumber })}
                                  />
                                ) : (
                                  '—'
                                )}
                              </td>
                            </tr>
                          );
                        })}
                      </tbody>
                    </table>
                  </div>
                  <p>
                    {(draft ?? []).filter((d) => d.is_required).length} required,{' '}
                    {(draft ?? []).filter((d) => !d.is_required).length} optional.
                  </p>
                  {act.error ? <ErrorBox error={act.error} /> : null}
                  {saved ? (
                    <p className="ok-msg" role="status">
                      Saved the KPI step for {template}.
                    </p>
                  ) : null}
                  <button type="button" disabled={act.busy} onClick={() => void save()}>
                    Save KPI step
                  </button>
                </>
              )}
            </Show>
          </>
        )}
      </Show>
    </Section>
  );
}
