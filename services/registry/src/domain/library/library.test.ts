import { contractTemplateKpis } from '@scorecard/api';
import { validateBinding } from '@scorecard/bindings';
import type { KpiDefinition } from '@scorecard/scoring';
import { checkBindingBody } from '../binding-body';
import { checkKpiBody } from '../kpi-body';
import { checkKraBody } from '../kra-body';
import { checkBonusPolicyBody, checkRatingSchemeBody, checkTriggerRuleBody } from '../policy-bodies';
import { checkTemplateBody } from '../template-body';
import { TEMPLATES } from './isp-templates';
import { ROLE_GROUPS, seedLibrary } from './index';

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

  it('has valid KRAs, policies and rules', () => {
    expect(lib.kras.map((k) => k.body.name)).toEqual([
      'Productivity',
      'Quality',
      'Customer',
      'Timeliness',
      'Teamwork',
      'Sales',
      'Compliance',
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
