import type { Express, Request } from 'express';
import {
  kpiModulesQuery,
  normalizeQuery,
  reasonBody,
  registryListQuery,
  resolveTemplateQuery,
  templateVersionParams,
} from '@scorecard/api';
import { parseWith } from '@scorecard/http';
import { createEntity } from '../../app/create-entity';
import { getContractTemplateKpis, putContractTemplateKpis } from '../../app/contract-template-kpis';
import { installLibrary } from '../../app/install-library';
import { createTemplate, publishTemplateVersion } from '../../app/publish-template';
import { getEntity, listEntities } from '../../app/read-entities';
import { getTemplate, getTemplateVersion, listTemplates } from '../../app/read-templates';
import type { RegistryStore } from '../../app/registry-store';
import { replayChanges } from '../../app/replay-changes';
import { resolveTemplateFor } from '../../app/resolve-template';
import { setEntityActive } from '../../app/set-entity-active';
import { setTemplateActive } from '../../app/set-template-active';
import { updateEntity } from '../../app/update-entity';
import type { Access } from '../../domain/access';
import type { GenericEntityType } from '../../domain/entity-types';
import { authorize } from './access';

export interface RegistryRouteDeps {
  store: RegistryStore;
  /** Installs the seed library on a tenant's first request. */
  ensureLibrary: (tenantId: string) => Promise<void>;
}

const ADMIN = '/api/v1/admin';

const COLLECTIONS: [path: string, type: GenericEntityType][] = [
  ['kpis', 'kpi'],
  ['kras', 'kra'],
  ['bindings', 'binding'],
  ['bonus-policies', 'bonus_policy'],
  ['trigger-rules', 'trigger_rule'],
  ['rating-schemes', 'rating_scheme'],
];

/** The optional audit reason of a state change; a body without a usable one just has none. */
const reasonOf = (req: Request): string | undefined => {
  const parsed = reasonBody.safeParse(req.body);
  return (parsed.success && parsed.data.reason) || undefined;
};
const param = (req: Request, name: string): string => String(req.params[name]);

export function registryRoutes({ store, ensureLibrary }: RegistryRouteDeps) {
  const caller = async (req: Request, access: Access) => {
    const actor = authorize(req, access);
    await ensureLibrary(actor.tenantId);
    return actor;
  };

  return (app: Express) => {
    for (const [path, type] of COLLECTIONS) {
      app.post(`${ADMIN}/${path}`, async (req, res) => {
        const actor = await caller(req, 'write');
        res.status(201).json(await createEntity(store, actor, type, req.body));
      });
      app.get(`${ADMIN}/${path}`, async (req, res) => {
        const actor = await caller(req, 'read');
        const q = parseWith(registryListQuery, req.query, 'query');
        const fields = { category: q.category, role_groups: q.role_group, kpi_id: q.kpi_id };
        res.json(await listEntities(store, actor.tenantId, type, { fields, active: q.active }));
      });
      app.get(`${ADMIN}/${path}/:id`, async (req, res) => {
        const actor = await caller(req, 'read');
        res.json(await getEntity(store, actor.tenantId, type, param(req, 'id')));
      });
      app.patch(`${ADMIN}/${path}/:id`, async (req, res) => {
        const actor = await caller(req, 'write');
        res.json(await updateEntity(store, actor, type, param(req, 'id'), req.body));
      });
      for (const [action, active] of [
        ['activate', true],
        ['deactivate', false],
      ] as const) {
        app.post(`${ADMIN}/${path}/:id/${action}`, async (req, res) => {
          const actor = await caller(req, 'write');
          res.json(await setEntityActive(store, actor, type, param(req, 'id'), active, reasonOf(req)));
        });
      }
    }

    app.post(`${ADMIN}/templates`, async (req, res) => {
      const actor = await caller(req, 'write');
      const { normalize } = parseWith(normalizeQuery, req.query, 'query');
      res.status(201).json(await createTemplate(store, actor, req.body, { normalize: normalize ?? false }));
    });
    app.get(`${ADMIN}/templates`, async (req, res) => {
      const actor = await caller(req, 'read');
      res.json(await listTemplates(store, actor.tenantId));
    });
    app.get(`${ADMIN}/templates/resolve`, async (req, res) => {
      const actor = await caller(req, 'read');
      const { at, ...person } = parseWith(resolveTemplateQuery, req.query, 'query');
      res.json(await resolveTemplateFor(store, actor.tenantId, person, at ? new Date(at) : new Date()));
    });
    app.get(`${ADMIN}/templates/:id`, async (req, res) => {
      const actor = await caller(req, 'read');
      res.json(await getTemplate(store, actor.tenantId, param(req, 'id')));
    });
    app.get(`${ADMIN}/templates/:id/versions/:version`, async (req, res) => {
      const actor = await caller(req, 'read');
      const { version } = parseWith(templateVersionParams, req.params, 'path');
      res.json(await getTemplateVersion(store, actor.tenantId, param(req, 'id'), version));
    });
    app.post(`${ADMIN}/templates/:id/versions`, async (req, res) => {
      const actor = await caller(req, 'write');
      const { normalize } = parseWith(normalizeQuery, req.query, 'query');
      res.status(201).json(
        await publishTemplateVersion(store, actor, param(req, 'id'), req.body, {
          normalize: normalize ?? false,
        }),
      );
    });
    for (const [action, active] of [
      ['activate', true],
      ['deactivate', false],
    ] as const) {
      app.post(`${ADMIN}/templates/:id/${action}`, async (req, res) => {
        const actor = await caller(req, 'write');
        res.json(await setTemplateActive(store, actor, param(req, 'id'), active, reasonOf(req)));
      });
    }

    app.post(`${ADMIN}/registry/replay`, async (req, res) => {
      const actor = await caller(req, 'write');
      res.json(await replayChanges(store, actor));
    });
    app.post(`${ADMIN}/library/install`, async (req, res) => {
      const actor = authorize(req, 'write');
      res.json({ installed: await installLibrary(store, actor.tenantId) });
    });

    app.get('/api/v1/hr/kpi-modules', async (req, res) => {
      const actor = await caller(req, 'read');
      const q = parseWith(kpiModulesQuery, req.query, 'query');
      res.json(
        await listEntities(store, actor.tenantId, 'kpi', {
          fields: { role_groups: q.role_group },
          active: true,
        }),
      );
    });
    app.get('/api/v1/hr/kpi-modules/:id', async (req, res) => {
      const actor = await caller(req, 'read');
      res.json(await getEntity(store, actor.tenantId, 'kpi', param(req, 'id')));
    });
    app.get('/api/v1/hr/templates/:id/kpis', async (req, res) => {
      const actor = await caller(req, 'contract_templates');
      res.json(await getContractTemplateKpis(store, actor.tenantId, param(req, 'id')));
    });
    app.put('/api/v1/hr/templates/:id/kpis', async (req, res) => {
      const actor = await caller(req, 'contract_templates');
      // The body is the list itself (CONTRACT.md), or {kpis, reason} to record why.
      const body = req.body as unknown;
      const wrapped = typeof body === 'object' && body !== null && !Array.isArray(body);
      const kpis = wrapped ? (body as { kpis?: unknown }).kpis : body;
      res.json(
        await putContractTemplateKpis(
          store,
          actor,
          param(req, 'id'),
          kpis,
          wrapped ? reasonOf(req) : undefined,
        ),
      );
    });
  };
}
