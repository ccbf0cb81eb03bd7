// The adaptation of the rendered chart for `podman kube play` (npm run test:deploy), on the chart itself.
import { join } from 'node:path';
import { helm } from '../src/helm';
import { parseManifests, type K8sObject } from '../src/k8s-validate';
import { planForPodman, type PodmanPlan } from '../src/kube-play';
import { repoRoot, SERVICES } from '../src/dockerfiles';

interface Env {
  name: string;
  value?: string;
  valueFrom?: unknown;
}
const spec = (o: K8sObject) =>
  (o.kind === 'Pod' ? o.spec : (o.spec as { template: { spec: unknown } }).template.spec) as {
    hostNetwork?: boolean;
    restartPolicy?: string;
    containers: { env: Env[] }[];
  };
const envOf = (o: K8sObject) => Object.fromEntries(spec(o).containers[0]?.env.map((e) => [e.name, e]) ?? []);

async function render(...set: string[]): Promise<K8sObject[]> {
  const r = await helm([
    'template',
    'sc-deploy',
    join(repoRoot, 'charts', 'scorecard'),
    '-f',
    join(repoRoot, 'deploy', 'podman', 'values.yaml'),
    ...set.flatMap((s) => ['--set-string', s]),
  ]);
  if (r.code !== 0) throw new Error(r.stderr);
  return parseManifests(r.stdout);
}

describe('planForPodman', () => {
  let objs: K8sObject[];
  let plan: PodmanPlan;
  beforeAll(async () => {
    objs = await render('postgres.url=postgres://u:pw@127.0.0.1:5432/scorecard_x');
    plan = planForPodman(objs);
  });

  it('runs the Postgres migrations Jobs first, as Pods that never restart', () => {
    // Embedded chdb: reporting migrates itself, so four Jobs.
    expect(plan.migrations.map((p) => p.metadata.name)).toEqual(
      ['compute', 'ingest', 'registry', 'review'].map((n) => `sc-deploy-scorecard-${n}-migrate`),
    );
    for (const pod of plan.migrations) {
      expect(pod.kind).toBe('Pod');
      expect(spec(pod).restartPolicy).toBe('Never');
      expect(envOf(pod).DATABASE_URL).toEqual({
        name: 'DATABASE_URL',
        value: 'postgres://u:pw@127.0.0.1:5432/scorecard_x',
      });
    }
  });

  it('puts the six Deployments on the host network with secret values inlined', () => {
    const deployments = plan.workloads.filter((o) => o.kind === 'Deployment');
    expect(deployments).toHaveLength(6);
    for (const d of deployments) {
      expect(spec(d).hostNetwork).toBe(true);
      for (const e of Object.values(envOf(d))) expect(e.valueFrom).toBeUndefined();
    }
    expect(plan.probes.map((p) => [p.deployment.replace('sc-deploy-scorecard-', ''), p.port])).toEqual(
      Object.entries(SERVICES),
    );
    expect(plan.probes.every((p) => p.readiness === '/readyz' && p.liveness === '/healthz')).toBe(true);
  });

  it('points the gateway at 127.0.0.1 instead of the Services podman cannot route', () => {
    const cm = plan.workloads.find((o) => o.metadata.name === 'sc-deploy-scorecard-gateway');
    expect((cm?.data as Record<string, string>).COMPUTE_URL).toBe('http://127.0.0.1:4003');
    expect(plan.skipped).toContain(
      'Service/sc-deploy-scorecard-gateway: no Service routing in podman; pods share the host network',
    );
  });

  it('gives the chdb volume to the pod user, since podman ignores fsGroup', () => {
    const pvc = plan.workloads.find((o) => o.kind === 'PersistentVolumeClaim');
    expect(pvc?.metadata.annotations).toMatchObject({
      'volume.podman.io/uid': '1000',
      'volume.podman.io/gid': '1000',
    });
  });

  it('refuses a reference to a secret key the chart does not render', () => {
    const broken = objs.map((o) =>
      o.kind === 'Secret' && !o.metadata.annotations ? { ...o, stringData: {} } : o,
    );
    expect(() => planForPodman(broken)).toThrow(
      /Deployment\/sc-deploy-scorecard-registry: env DATABASE_URL refers to Secret sc-deploy-scorecard-secrets key DATABASE_URL/,
    );
  });
});
