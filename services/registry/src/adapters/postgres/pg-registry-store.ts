import type { DataSource, EntityManager } from 'typeorm';
import { RegistryChanged_Change } from '@scorecard/contracts';
import { inTransaction } from '@scorecard/db';
import { enqueueEvent } from '@scorecard/kafka';
import type { TemplateInput } from '@scorecard/scoring';
import { currentTraceId } from '@scorecard/telemetry';
import { assertNever } from '@scorecard/errors';
import type { ChangeRecord, ContractTemplateKpi, RegistryStore, RegistryTx } from '../../app/registry-store';
import { changeKey, type Change, type EntityRecord, type GenericEntityType } from '../../domain/entity-types';
import type { TemplateRecord, TemplateVersionRecord } from '../../domain/template-state';

export const SCHEMA = 'registry';
const TOPIC = 'scorecard.registry.changed.v1';

type Row = Record<string, unknown>;
const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v));

const toEntity = (r: Row): EntityRecord => ({
  id: r.id as string,
  version: r.version as number,
  body: r.body as Record<string, unknown>,
  active: r.active as boolean,
  is_seed: r.is_seed as boolean,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
});

const toTemplate = (r: Row): TemplateRecord => ({
  id: r.id as string,
  name: r.name as string,
  active: r.active as boolean,
  is_seed: r.is_seed as boolean,
  latest_version: r.latest_version as number,
  created_at: iso(r.created_at),
  updated_at: iso(r.updated_at),
});

const toVersion = (r: Row): TemplateVersionRecord => ({
  template_id: r.template_id as string,
  version: r.version as number,
  body: r.body as TemplateInput,
  published_at: iso(r.published_at),
  published_by: r.published_by as string,
});

function changeEnum(c: Change): RegistryChanged_Change {
  switch (c) {
    case 'created':
      return RegistryChanged_Change.CREATED;
    case 'updated':
      return RegistryChanged_Change.UPDATED;
    case 'published':
      return RegistryChanged_Change.PUBLISHED;
    case 'activated':
      return RegistryChanged_Change.ACTIVATED;
    case 'deactivated':
      return RegistryChanged_Change.DEACTIVATED;
    default:
      return assertNever(c);
  }
}

const ENTITY_COLUMNS = 'id, version, body, active, is_seed, created_at, updated_at';
const TEMPLATE_COLUMNS = 'id, name, active, is_seed, latest_version, created_at, updated_at';
const VERSION_COLUMNS = 'template_id, version, body, published_at, published_by';

/** The registry's tables behind the RegistryTx port; every statement is scoped to the tenant. */
class PgRegistryTx implements RegistryTx {
  constructor(
    private readonly em: EntityManager,
    readonly tenantId: string,
  ) {}

  private async rows(sql: string, params: unknown[]): Promise<Row[]> {
    const result = await this.em.query<Row[] | [Row[], number]>(sql, [this.tenantId, ...params]);
    // TypeORM answers UPDATE … RETURNING with [rows, affected count].
    return Array.isArray(result[0]) ? result[0] : (result as Row[]);
  }

  async entity(type: GenericEntityType, id: string, lock = false) {
    const [r] = await this.rows(
      `SELECT ${ENTITY_COLUMNS} FROM config_entities WHERE tenant_id = $1 AND entity_type = $2 AND id = $3${lock ? ' FOR UPDATE' : ''}`,
      [type, id],
    );
    return r && toEntity(r);
  }

  async entities(type: GenericEntityType) {
    const rows = await this.rows(
      `SELECT ${ENTITY_COLUMNS} FROM config_entities WHERE tenant_id = $1 AND entity_type = $2
       ORDER BY (body->>'display_order')::int NULLS LAST, created_at, id`,
      [type],
    );
    return rows.map(toEntity);
  }

  async insertEntity(type: GenericEntityType, id: string, body: object, isSeed = false) {
    const [r] = await this.rows(
      `INSERT INTO config_entities (tenant_id, entity_type, id, body, is_seed) VALUES ($1, $2, $3, $4, $5)
       RETURNING ${ENTITY_COLUMNS}`,
      [type, id, JSON.stringify(body), isSeed],
    );
    return toEntity(r as Row);
  }

  async updateEntity(type: GenericEntityType, id: string, patch: { body?: object; active?: boolean }) {
    const [r] = await this.rows(
      `UPDATE config_entities SET body = COALESCE($4::jsonb, body), active = COALESCE($5, active),
         version = version + 1, updated_at = now()
       WHERE tenant_id = $1 AND entity_type = $2 AND id = $3 RETURNING ${ENTITY_COLUMNS}`,
      [type, id, patch.body === undefined ? null : JSON.stringify(patch.body), patch.active ?? null],
    );
    return toEntity(r as Row);
  }

  async template(id: string, lock = false) {
    const [r] = await this.rows(
      `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE tenant_id = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return r && toTemplate(r);
  }

  async templates() {
    return (
      await this.rows(
        `SELECT ${TEMPLATE_COLUMNS} FROM templates WHERE tenant_id = $1 ORDER BY created_at, id`,
        [],
      )
    ).map(toTemplate);
  }

  async templateVersions(templateId?: string) {
    const rows = await this.rows(
      `SELECT ${VERSION_COLUMNS} FROM template_versions WHERE tenant_id = $1 AND ($2::text IS NULL OR template_id = $2)
       ORDER BY template_id, version`,
      [templateId ?? null],
    );
    return rows.map(toVersion);
  }

  async insertTemplate(id: string, name: string, isSeed = false) {
    const [r] = await this.rows(
      `INSERT INTO templates (tenant_id, id, name, is_seed) VALUES ($1, $2, $3, $4) RETURNING ${TEMPLATE_COLUMNS}`,
      [id, name, isSeed],
    );
    return toTemplate(r as Row);
  }

  async insertTemplateVersion(templateId: string, version: number, body: TemplateInput, publishedBy: string) {
    const [r] = await this.rows(
      `INSERT INTO template_versions (tenant_id, template_id, version, scope_role, scope_role_group, scope_department_id,
         effective_from, effective_to, body, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${VERSION_COLUMNS}`,
      [
        templateId,
        version,
        body.scope.role ?? null,
        body.scope.role_group ?? null,
        body.scope.department_id ?? null,
        body.effective_from,
        body.effective_to ?? null,
        JSON.stringify(body),
        publishedBy,
      ],
    );
    return toVersion(r as Row);
  }

  async updateTemplate(id: string, patch: { name?: string; active?: boolean; latest_version?: number }) {
    const [r] = await this.rows(
      `UPDATE templates SET name = COALESCE($3, name), active = COALESCE($4, active),
         latest_version = COALESCE($5, latest_version), updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING ${TEMPLATE_COLUMNS}`,
      [id, patch.name ?? null, patch.active ?? null, patch.latest_version ?? null],
    );
    return toTemplate(r as Row);
  }

  async contractTemplateKpis(templateId: string) {
    const [r] = await this.rows(
      `SELECT version, kpis FROM contract_template_kpis WHERE tenant_id = $1 AND template_id = $2`,
      [templateId],
    );
    return r && { version: r.version as number, kpis: r.kpis as ContractTemplateKpi[] };
  }

  async contractTemplateIds() {
    const rows = await this.rows(
      `SELECT template_id FROM contract_template_kpis WHERE tenant_id = $1 ORDER BY template_id`,
      [],
    );
    return rows.map((r) => r.template_id as string);
  }

  async putContractTemplateKpis(templateId: string, kpis: ContractTemplateKpi[]) {
    const [r] = await this.rows(
      `INSERT INTO contract_template_kpis (tenant_id, template_id, kpis) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, template_id) DO UPDATE
         SET kpis = EXCLUDED.kpis, version = contract_template_kpis.version + 1, updated_at = now()
       RETURNING version`,
      [templateId, JSON.stringify(kpis)],
    );
    return (r as Row).version as number;
  }

  async claimLibraryInstall(version: number) {
    await this.rows(`SELECT pg_advisory_xact_lock(hashtextextended('registry.library.' || $1, 0))`, []);
    const rows = await this.rows(
      `INSERT INTO library_installs (tenant_id, library_version) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`,
      [version],
    );
    return rows.length === 1;
  }

  async record(c: ChangeRecord) {
    const changedAt = new Date().toISOString();
    if (!c.publishOnly)
      await this.rows(
        `INSERT INTO audit_log (tenant_id, actor, action, entity_type, entity_id, before, after, reason, trace_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          c.actor,
          c.change,
          c.entityType,
          c.entityType === 'template_version' ? `${c.entityId}:${c.version}` : c.entityId,
          c.before === undefined ? null : JSON.stringify(c.before),
          JSON.stringify(c.state),
          c.reason ?? null,
          currentTraceId() ?? null,
        ],
      );
    await enqueueEvent(this.em, SCHEMA, {
      topic: TOPIC,
      key: changeKey(c.entityType, c.entityId, c.version),
      tenantId: this.tenantId,
      message: {
        tenantId: this.tenantId,
        entityType: c.entityType,
        entityId: c.entityId,
        version: c.version,
        change: changeEnum(c.change),
        changedBy: c.actor,
        changedAt,
        stateJson: JSON.stringify(c.state),
      },
    });
  }
}

export function pgRegistryStore(ds: DataSource): RegistryStore {
  return {
    transaction: (tenantId, fn) => inTransaction(ds, (em) => fn(new PgRegistryTx(em, tenantId))),
  };
}
