import { contractTemplateKpis } from '@scorecard/api';
import { validateBinding } from '@scorecard/bindings';
import type { KpiDefinition } from '@scorecard/scoring';
import { checkBindingBody } from '../binding-body';
import { checkKpiBody } from '../kpi-body';
import { checkKraBody } from '../kra-body';
import { checkBonusPolicyBody, checkRatingSchemeBody, checkTriggerRuleBody } from '../policy-bodies';
import { checkTemplateBody } from '../template-body';
import { TEMPLATES } from './isp-templates';
import { ROLE_GROUPS, UNIVERSAL_KPI_SLUGS, seedLibrary } from './index';

const lib = seedLibrary();
const kpis = new Map(lib.kpis.map((k) => [k.id, k.body as unknown as KpiDefinition]));

describe('the seed library', () => {
  it.each(lib.kpis.map((k) => [k.id, k.body]))('KPI %s passes the checks of every save', (_id, body) => {
    expect(checkKpiBody(body)).toMatchObject({ ok: true });
  });

  it('has the five universal KPIs by default for all 15 role groups, and about five more for each', () => {
    const universal = [
      'code-of-conduct-culture',
      'attendance-reliability',
      'whs-safety-compliance',
      'communication-responsiveness',
      'documentation-quality',
    ];
    for (const slug of universal) expect(kpis.get(slug)?.role_groups).toEqual([...ROLE_GROUPS]);
    expect(ROLE_GROUPS).toHaveLength(15);
    for (const group of ROLE_GROUPS) {
      const own = lib.kpis.filter((k) => (k.body.role_groups as string[]).join() === group);
      expect(own.length).toBeGreaterThanOrEqual(4);
      for (const k of own) {
        expect(k.body).toMatchObject({ is_default_for_role: true, objective: expect.any(String) as string });
        expect(k.body.effort_weight).toBeGreaterThanOrEqual(0.15);
        expect(k.body.effort_weight).toBeLessThanOrEqual(0.3);
        expect((k.body.coaching_tips as string[]).length).toBeGreaterThan(0);
      }
    }
  });

  it('has unique ids and slugs', () => {
    expect(new Set(lib.kpis.map((k) => k.id)).size).toBe(lib.kpis.length);
  });

  it.each(lib.bindings.map((b) => [b.id, b.body]))(
    'binding %s is valid against the source catalog',
    (_id, body) => {
      expect(validateBinding(body)).toMatchObject({ ok: true });
      expect(checkBindingBody(body, (k) => kpis.has(k))).toMatchObject({ ok: true });
    },
  );

  it('binds every ISP KPI (helpdesk, field service, NOC, finance, CRM)', () => {
    const bound = new Set(lib.bindings.map((b) => b.body.kpi_id));
    const isp = lib.kpis.filter((k) => (k.body.role_groups as string[]).length === 0);
    expect(isp.length).toBe(24);
    expect(isp.filter((k) => !bound.has(k.id))).toEqual([]);
  });

  it('binds every automated KPI, and only those (assisted and manual KPIs are measured through the journal)', () => {
    const bound = lib.bindings.map((b) => b.body.kpi_id as string).sort();
    const automated = lib.kpis.filter((k) => k.body.automation_status === 'automated').map((k) => k.id);
    expect(bound).toEqual(automated.sort());
    expect(new Set(bound).size).toBe(bound.length);
  });

  it('measures the coaching KPIs on care sources as 0–100 values (a percentage or a 1–5 rating × 20)', () => {
    const coaching = new Set(
      lib.kpis.filter((k) => (k.body.role_groups as string[]).length > 0).map((k) => k.id),
    );
    const care = lib.bindings.filter((b) => coaching.has(b.id));
    expect(care.length).toBeGreaterThanOrEqual(20);
    for (const b of care) {
      expect(b.body.aggregation).toEqual({ fn: 'ratio' });
      expect([100, 20]).toContain((b.body.formula as { scale: number }).scale);
    }
    expect(lib.bindings.find((b) => b.id === 'attendance-reliability')?.body).toMatchObject({
      source: { domain: 'care', entity: 'shift' },
      time_field: 'scheduled_start',
      filter: [{ field: 'status', op: 'in', value: { setting: 'attendance_rostered_statuses' } }],
      formula: {
        numerator: {
          filter: [
            { field: 'status', op: 'eq', value: 'completed' },
            {
              duration: { from: 'scheduled_start', to: 'actual_start', unit: 'minutes' },
              op: 'lte',
              value: { setting: 'on_time_grace_minutes' },
            },
          ],
        },
      },
    });
  });

  it('has a template for each of the 15 care role groups: the universal five, the group defaults, KRA weights summing to 100', () => {
    for (const group of ROLE_GROUPS) {
      const found = lib.templates.filter(
        (t) => (t.body.scope as { role_group: string }).role_group === group,
      );
      expect(found).toHaveLength(1);
      const kras = found[0]?.body.kras as { kra_id: string; weight: number; kpis: { kpi_id: string }[] }[];
      expect(kras.reduce((a, k) => a + k.weight, 0)).toBe(100);
      const ids = kras.flatMap((k) => k.kpis.map((i) => i.kpi_id));
      const defaults = lib.kpis
        .filter((k) => (k.body.role_groups as string[]).includes(group))
        .map((k) => k.id);
      expect(ids.sort()).toEqual(defaults.sort());
      for (const slug of UNIVERSAL_KPI_SLUGS) expect(ids).toContain(slug);
      for (const k of kras) expect(k.weight).toBeGreaterThan(0);
    }
    // Support workers: 10 KPIs, so each KRA weighs 10 per KPI.
    const sw = lib.templates.find((t) => t.id === 'support-workers')?.body.kras as {
      kra_id: string;
      weight: number;
    }[];
    expect(sw.map((k) => [k.kra_id, k.weight])).toEqual([
      ['culture', 10],
      ['operational', 10],
      ['safety', 20],
      ['communication', 10],
      ['compliance', 10],
      ['care-quality', 30],
      ['productivity', 10],
    ]);
  });

  it('gives the ISP templates the universal KPIs too (the seed: every person has them)', () => {
    for (const t of TEMPLATES) {
      const core = t.kras.find((k) => k.kra_id === 'core-expectations');
      expect(core?.kpis.map((i) => i.kpi_id)).toEqual(UNIVERSAL_KPI_SLUGS);
      expect(t.kras.reduce((a, k) => a + k.weight, 0)).toBe(100);
    }
  });

  it('has valid KRAs, policies and rules', () => {
    expect(lib.kras.map((k) => k.body.name)).toEqual([
      'Productivity',
      'Quality',
      'Customer',
      'Timeliness',
      'Teamwork',
      'Sales',
      'Compliance',
      'Culture',
      'Operational',
      'Safety',
      'Communication',
      'Care quality',
      'Financial',
      'Leadership',
      'Core expectations',
    ]);
    for (const k of lib.kras) expect(checkKraBody(k.body, (id) => kpis.has(id))).toMatchObject({ ok: true });
    for (const r of lib.rating_schemes) expect(checkRatingSchemeBody(r.body)).toMatchObject({ ok: true });
    for (const b of lib.bonus_policies) expect(checkBonusPolicyBody(b.body)).toMatchObject({ ok: true });
    for (const t of lib.trigger_rules) expect(checkTriggerRuleBody(t.body, t.id)).toMatchObject({ ok: true });
  });

  it.each(lib.templates.map((t) => [t.id, t.body]))(
    'template %s publishes without normalizing',
    (_id, body) => {
      const refs = {
        kpi: (k: string) => kpis.get(k),
        kraExists: (k: string) => lib.kras.some((x) => x.id === k),
        ratingSchemeExists: () => true,
      };
      expect(checkTemplateBody(body, refs, false)).toMatchObject({ ok: true });
    },
  );

  it('guards volume KPIs: tickets resolved by reopen rate and CSAT, jobs completed by first-time fix', () => {
    const guard = (id: string) => lib.templates.find((t) => t.id === id)?.body.guardrails;
    expect(guard('helpdesk-agent')).toEqual([
      { primary_kpi_ids: ['tickets-resolved'], guardrail_kpi_ids: ['reopen-rate', 'csat'], min_score: 60 },
    ]);
    expect(guard('field-technician')).toEqual([
      { primary_kpi_ids: ['jobs-completed'], guardrail_kpi_ids: ['first-time-fix'], min_score: 60 },
    ]);
  });

  it('has a contract template ct-<role group> for every template scope and coaching role group', () => {
    const ids = lib.contract_templates.map((c) => c.id).sort();
    expect(ids).toEqual(
      [...new Set([...TEMPLATES.map((t) => t.scope.role_group), ...ROLE_GROUPS])]
        .map((rg) => `ct-${rg}`)
        .sort(),
    );
    const helpdesk = lib.contract_templates.find((c) => c.id === 'ct-helpdesk_agents');
    expect(helpdesk?.kpis).toEqual([
      { kpi_module_id: 'tickets-resolved', weight: 1, is_required: true },
      { kpi_module_id: 'first-response-time-p90', weight: 1, is_required: true },
      { kpi_module_id: 'resolution-time', weight: 1, is_required: true },
      { kpi_module_id: 'sla-compliance', weight: 2, is_required: true },
      { kpi_module_id: 'reopen-rate', weight: 1, is_required: true },
      { kpi_module_id: 'csat', weight: 1, is_required: true },
      ...UNIVERSAL_KPI_SLUGS.map((kpi_module_id) => ({ kpi_module_id, weight: 1, is_required: true })),
    ]);
    const nurses = lib.contract_templates.find((c) => c.id === 'ct-registered_nurses');
    expect(nurses?.kpis.map((k) => k.kpi_module_id).slice(0, 2)).toEqual([
      'code-of-conduct-culture',
      'attendance-reliability',
    ]);
  });

  it.each(lib.contract_templates.map((c) => [c.id, c.kpis]))(
    'contract template %s passes the API schema and names library KPIs, each once',
    (_id, list) => {
      expect(contractTemplateKpis.safeParse(list).success).toBe(true);
      for (const k of list) expect(kpis.has(k.kpi_module_id)).toBe(true);
      expect(new Set(list.map((k) => k.kpi_module_id)).size).toBe(list.length);
    },
  );
});
