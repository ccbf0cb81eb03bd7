// Validates rendered Kubernetes objects with kubernetes-models (JSON schemas generated from the Kubernetes
// OpenAPI spec, checked by @kubernetes-models/validate): required fields, types, enums and formats.
import * as models from 'kubernetes-models';
import { parseAllDocuments } from 'yaml';

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

type ModelClass = new (data: unknown) => { validate(): void };

/** `networking.k8s.io/v1` → models.networkingK8sIo.v1; `v1` → models.v1. */
function modelFor(apiVersion: string, kind: string): ModelClass {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const groupKey = group ? group.replace(/\.([a-z])/g, (_, c: string) => c.toUpperCase()) : undefined;
  const byGroup = models as unknown as Record<string, Record<string, Record<string, unknown>>>;
  const versions = groupKey ? byGroup[groupKey] : { [version ?? '']: byGroup[version ?? ''] };
  const cls = versions?.[version ?? '']?.[kind];
  if (typeof cls !== 'function') throw new Error(`no kubernetes-models class for ${apiVersion} ${kind}`);
  return cls as ModelClass;
}

/** Parses a multi-document YAML stream (as `helm template` prints it), skipping empty documents. */
export function parseManifests(yamlText: string): K8sObject[] {
  return parseAllDocuments(yamlText).flatMap((doc) => {
    if (doc.errors.length > 0)
      throw new Error(`invalid YAML: ${doc.errors.map((e) => e.message).join('; ')}`);
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    const obj = value as Partial<K8sObject>;
    if (
      typeof obj.apiVersion !== 'string' ||
      typeof obj.kind !== 'string' ||
      typeof obj.metadata?.name !== 'string'
    )
      throw new Error(`not a Kubernetes object: ${JSON.stringify(value).slice(0, 200)}`);
    return [{ ...obj, apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata }];
  });
}

/** Throws naming the object and the schema violations when `obj` is not a valid `apiVersion`/`kind`. */
export function validateObject(obj: K8sObject): void {
  const Model = modelFor(obj.apiVersion, obj.kind);
  try {
    new Model(obj).validate();
  } catch (err) {
    throw new Error(`${obj.kind}/${obj.metadata.name}: ${(err as Error).message}`);
  }
}
