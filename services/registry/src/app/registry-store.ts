import type { Change, EntityRecord, EntityType, GenericEntityType } from '../domain/entity-types';
import type { TemplateRecord, TemplateVersionRecord } from '../domain/template-state';
import type { TemplateInput } from '@scorecard/scoring';

/** Who is changing the configuration, and for which tenant. */
export interface Actor {
  tenantId: string;
  subject: string;
}

/** One change: written to the audit log and published as `scorecard.registry.changed.v1`. */
export interface ChangeRecord {
  entityType: EntityType;
  entityId: string;
  version: number;
  change: Change;
  actor: string;
  before: unknown;
  /** The entity's `GET` body after the change (the event's `state_json`). */
  state: unknown;
  reason?: string | undefined;
  /** Publish without an audit row (a replay changes nothing). */
  publishOnly?: boolean;
}

export interface ContractTemplateKpi {
  kpi_module_id: string;
  weight: number;
  is_required: boolean;
  custom_target?: number;
}

/** The registry's storage, scoped to one tenant and one transaction. */
export interface RegistryTx {
  readonly tenantId: string;
  entity(type: GenericEntityType, id: string, lock?: boolean): Promise<EntityRecord | undefined>;
  entities(type: GenericEntityType): Promise<EntityRecord[]>;
  insertEntity(type: GenericEntityType, id: string, body: object, isSeed?: boolean): Promise<EntityRecord>;
  /** Replaces the body and/or active flag and bumps the version. */
  updateEntity(
    type: GenericEntityType,
    id: string,
    patch: { body?: object; active?: boolean },
  ): Promise<EntityRecord>;
  template(id: string, lock?: boolean): Promise<TemplateRecord | undefined>;
  templates(): Promise<TemplateRecord[]>;
  templateVersions(templateId?: string): Promise<TemplateVersionRecord[]>;
  insertTemplate(id: string, name: string, isSeed?: boolean): Promise<TemplateRecord>;
  insertTemplateVersion(
    templateId: string,
    version: number,
    body: TemplateInput,
    publishedBy: string,
  ): Promise<TemplateVersionRecord>;
  updateTemplate(
    id: string,
    patch: { name?: string; active?: boolean; latest_version?: number },
  ): Promise<TemplateRecord>;
  contractTemplateKpis(
    templateId: string,
  ): Promise<{ version: number; kpis: ContractTemplateKpi[] } | undefined>;
  contractTemplateIds(): Promise<string[]>;
  putContractTemplateKpis(templateId: string, kpis: ContractTemplateKpi[]): Promise<number>;
  /** Serializes library installs of this tenant; false when `version` is already installed. */
  claimLibraryInstall(version: number): Promise<boolean>;
  record(change: ChangeRecord): Promise<void>;
}

export interface RegistryStore {
  transaction<T>(tenantId: string, fn: (tx: RegistryTx) => Promise<T>): Promise<T>;
}
