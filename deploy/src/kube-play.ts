// The chart's rendered objects, made playable by `podman kube play` (podman 4.3) on one machine, for
// `npm run test:deploy`. What podman cannot honour is left out here and stays covered by helm lint and the
// schema validation of test/chart.test.ts:
//   - Services, NetworkPolicies, HPAs, PDBs, ServiceAccounts and the helm test Pod have no podman meaning.
//     Pods share the host's network (the local Kafka advertises 127.0.0.1), so each ConfigMap URL naming a
//     Service becomes 127.0.0.1 on the same port.
//   - podman 4.3 has no Secret kind: each secretKeyRef is replaced by the value of the rendered Secret (and
//     a reference to a Secret or key the chart does not render is an error, as it would be in a cluster).
//   - Jobs (the pre-install migrations) become bare Pods with restartPolicy Never, run before the rest.
//   - Container ports are dropped (podman refuses port mappings on the host network); probes name the
//     port by number instead.
//   - fsGroup is not applied to volumes: the PVC gets podman's uid/gid annotations instead.
import type { K8sObject } from './k8s-validate';

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: unknown };
}
interface Probe {
  httpGet?: { path: string; port: number | string };
}
interface Container {
  name: string;
  image: string;
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsUser?: number; runAsGroup?: number; fsGroup?: number };
  volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[];
  hostNetwork?: boolean;
  restartPolicy?: string;
  [field: string]: unknown;
}

/** A service's HTTP endpoint as its Deployment declares it. */
export interface ServiceProbe {
  deployment: string;
  port: number;
  readiness: string;
  liveness: string;
}

export interface PodmanPlan {
  /** The migration Jobs as Pods, in hook order (weight, then name): run each to completion first. */
  migrations: K8sObject[];
  /** ConfigMaps, PersistentVolumeClaims and Deployments, for one `podman kube play`. */
  workloads: K8sObject[];
  probes: ServiceProbe[];
  /** `Kind/name: reason` of every object left out. */
  skipped: string[];
}

const SKIPPED: Record<string, string> = {
  Service: 'no Service routing in podman; pods share the host network',
  NetworkPolicy: 'not enforced by podman',
  HorizontalPodAutoscaler: 'no autoscaling in podman',
  PodDisruptionBudget: 'no evictions in podman',
  ServiceAccount: 'the services do not call the Kubernetes API',
  Secret: 'inlined into the env of the pods that refer to it',
  Pod: 'helm test hook; the smoke scenario stands in for it',
};

const hookWeight = (o: K8sObject) => Number(o.metadata.annotations?.['helm.sh/hook-weight'] ?? 0);

function secretValues(objs: K8sObject[]): Map<string, Record<string, string>> {
  const byName = new Map<string, Record<string, string>>();
  for (const s of objs.filter((o) => o.kind === 'Secret')) {
    const data = (s.data ?? {}) as Record<string, string>;
    const decoded = Object.fromEntries(
      Object.entries(data).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
    );
    byName.set(s.metadata.name, { ...decoded, ...((s.stringData ?? {}) as Record<string, string>) });
  }
  return byName;
}

function podSpecOf(o: K8sObject): PodSpec {
  return (o.spec as { template: { spec: PodSpec } }).template.spec;
}

/** The pod spec on the host network, with secret references replaced by their values. */
function adaptPodSpec(
  owner: string,
  spec: PodSpec,
  secrets: Map<string, Record<string, string>>,
  configMaps: Set<string>,
): PodSpec {
  const containers = spec.containers.map((c) => {
    for (const from of c.envFrom ?? []) {
      if (from.secretRef) throw new Error(`${owner}: envFrom secretRef is not supported by this adaptation`);
      if (from.configMapRef && !configMaps.has(from.configMapRef.name))
        throw new Error(`${owner}: envFrom names ConfigMap ${from.configMapRef.name}, which is not rendered`);
    }
    const env = (c.env ?? []).map((e) => {
      const ref = e.valueFrom?.secretKeyRef;
      if (!ref) return e;
      const value = secrets.get(ref.name)?.[ref.key];
      if (value === undefined)
        throw new Error(
          `${owner}: env ${e.name} refers to Secret ${ref.name} key ${ref.key}, which is not rendered`,
        );
      return { name: e.name, value };
    });
    // On the host network a container port is a port of the host: podman refuses port mappings there.
    const { ports: _ports, ...rest } = c;
    const probe = (p: Probe): Probe =>
      p.httpGet ? { ...p, httpGet: { ...p.httpGet, port: httpPort(c, p, owner) } } : p;
    return {
      ...rest,
      env,
      ...(c.startupProbe ? { startupProbe: probe(c.startupProbe) } : {}),
      ...(c.livenessProbe ? { livenessProbe: probe(c.livenessProbe) } : {}),
      ...(c.readinessProbe ? { readinessProbe: probe(c.readinessProbe) } : {}),
    };
  });
  return { ...spec, containers, hostNetwork: true };
}

function httpPort(c: Container, probe: Probe | undefined, owner: string): number {
  const port = probe?.httpGet?.port;
  const resolved = typeof port === 'number' ? port : c.ports?.find((p) => p.name === port)?.containerPort;
  if (resolved === undefined) throw new Error(`${owner}: probe port ${String(port)} names no container port`);
  return resolved;
}

/** Splits and adapts the rendered chart (helm template output, parsed) for podman kube play. */
export function planForPodman(objs: K8sObject[]): PodmanPlan {
  const secrets = secretValues(objs);
  const configMaps = new Set(objs.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name));
  const services = objs.filter((o) => o.kind === 'Service');
  const skipped: string[] = [];
  const migrations: K8sObject[] = [];
  const workloads: K8sObject[] = [];
  const probes: ServiceProbe[] = [];
  // Who mounts each claim, to give its volume the pod's user.
  const claimOwner = new Map<string, PodSpec>();
  for (const d of objs.filter((o) => o.kind === 'Deployment'))
    for (const v of podSpecOf(d).volumes ?? [])
      if (v.persistentVolumeClaim) claimOwner.set(v.persistentVolumeClaim.claimName, podSpecOf(d));

  for (const o of objs) {
    const id = `${o.kind}/${o.metadata.name}`;
    if (o.kind === 'ConfigMap') {
      const data = Object.fromEntries(
        Object.entries((o.data ?? {}) as Record<string, string>).map(([k, v]) => [
          k,
          services.reduce((s, svc) => s.replaceAll(`//${svc.metadata.name}:`, '//127.0.0.1:'), v),
        ]),
      );
      workloads.push({ ...o, data });
    } else if (o.kind === 'PersistentVolumeClaim') {
      const ctx = claimOwner.get(o.metadata.name)?.securityContext;
      const uid = ctx?.runAsUser;
      const gid = ctx?.fsGroup ?? ctx?.runAsGroup;
      const annotations = {
        ...o.metadata.annotations,
        ...(uid === undefined ? {} : { 'volume.podman.io/uid': String(uid) }),
        ...(gid === undefined ? {} : { 'volume.podman.io/gid': String(gid) }),
      };
      workloads.push({ ...o, metadata: { ...o.metadata, annotations } });
    } else if (o.kind === 'Deployment') {
      const spec = adaptPodSpec(id, podSpecOf(o), secrets, configMaps);
      const template = (o.spec as { template: object }).template;
      workloads.push({ ...o, spec: { ...(o.spec as object), template: { ...template, spec } } });
      const c = spec.containers[0];
      if (!c?.readinessProbe?.httpGet || !c.livenessProbe?.httpGet)
        throw new Error(`${id}: no HTTP readiness and liveness probes`);
      probes.push({
        deployment: o.metadata.name,
        port: Number(c.readinessProbe.httpGet.port),
        readiness: c.readinessProbe.httpGet.path,
        liveness: c.livenessProbe.httpGet.path,
      });
    } else if (o.kind === 'Job') {
      const spec = adaptPodSpec(id, podSpecOf(o), secrets, configMaps);
      const labels = (o.spec as { template: { metadata?: { labels?: Record<string, string> } } }).template
        .metadata?.labels;
      migrations.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: o.metadata.name,
          ...(labels ? { labels } : {}),
          annotations: o.metadata.annotations ?? {},
        },
        spec: { ...spec, restartPolicy: 'Never' },
      });
    } else if (SKIPPED[o.kind]) {
      skipped.push(`${id}: ${SKIPPED[o.kind]}`);
    } else {
      throw new Error(`${id}: no podman counterpart known; decide how test:deploy treats it`);
    }
  }
  migrations.sort((a, b) => hookWeight(a) - hookWeight(b) || a.metadata.name.localeCompare(b.metadata.name));
  return { migrations, workloads, probes, skipped };
}
