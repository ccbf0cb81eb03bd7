// charts/scorecard rendered by a real helm (from the npm registry, deploy/src/helm.ts) and every object
// validated against the Kubernetes schemas of kubernetes-models. No cluster needed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm } from '../src/helm';
import { parseManifests, validateObject, type K8sObject } from '../src/k8s-validate';
import { repoRoot, SERVICES, serviceNames } from '../src/dockerfiles';

const chart = join(repoRoot, 'charts', 'scorecard');
const prodValues = join(chart, 'values-production.example.yaml');
const devValues = join(repoRoot, 'deploy', 'dev', 'values-dev.yaml');

async function render(...args: string[]): Promise<K8sObject[]> {
  const r = await helm(['template', 'sc', chart, '--namespace', 'scorecard', ...args]);
  if (r.code !== 0) throw new Error(`helm template failed: ${r.stderr}`);
  return parseManifests(r.stdout);
}

const find = (objs: K8sObject[], kind: string, name: string) => {
  const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o)
    throw new Error(`no ${kind}/${name} among ${objs.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
};
const ofKind = (objs: K8sObject[], kind: string) => objs.filter((o) => o.kind === kind);
const hook = (o: K8sObject) => o.metadata.annotations?.['helm.sh/hook'];

interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: { name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }[];
  envFrom?: { configMapRef?: { name: string } }[];
  ports?: { containerPort: number }[];
  startupProbe?: { httpGet?: { path: string } };
  livenessProbe?: { httpGet?: { path: string } };
  readinessProbe?: { httpGet?: { path: string } };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: { runAsNonRoot?: boolean; readOnlyRootFilesystem?: boolean };
}
const podSpec = (o: K8sObject) =>
  (
    o.spec as {
      template: { spec: { containers: Container[]; securityContext?: { runAsNonRoot?: boolean } } };
    }
  ).template.spec;
const container = (o: K8sObject) => {
  const c = podSpec(o).containers[0];
  if (!c) throw new Error(`${o.metadata.name} has no container`);
  return c;
};
const envNames = (c: Container) => (c.env ?? []).map((e) => e.name);

describe('charts/scorecard', () => {
  let defaults: K8sObject[];
  let prod: K8sObject[];
  let dev: K8sObject[];
  let embedded: K8sObject[];

  beforeAll(async () => {
    [defaults, prod, dev, embedded] = await Promise.all([
      render(),
      render('-f', prodValues),
      render('-f', devValues),
      render('--set', 'clickhouse.mode=embedded', '--set', 'services.reporting.replicas=1'),
    ]);
  });

  it.each([
    ['default values', []],
    ['the example production values', ['-f', prodValues]],
    ['the Tilt dev values', ['-f', devValues]],
  ])('passes helm lint --strict with %s', async (_label, extra) => {
    const r = await helm(['lint', '--strict', chart, ...extra]);
    expect(r.stderr + r.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    expect(r.code).toBe(0);
  });

  it('renders only objects that satisfy the Kubernetes schemas', () => {
    for (const objs of [defaults, prod, dev, embedded]) {
      expect(objs.length).toBeGreaterThan(20);
      for (const o of objs) expect(() => validateObject(o)).not.toThrow();
    }
  });

  it('the validator rejects an invalid object (so the check above can fail)', () => {
    const deployment = find(defaults, 'Deployment', 'sc-scorecard-gateway');
    const broken = { ...deployment, spec: { ...(deployment.spec as object), replicas: 'two' } };
    expect(() => validateObject(broken)).toThrow(
      /Deployment\/sc-scorecard-gateway: .*replicas must be integer/,
    );
  });

  it('gives every service a Deployment and a Service on its port, probed on /healthz and /readyz', () => {
    for (const name of serviceNames) {
      const d = find(prod, 'Deployment', `sc-scorecard-${name}`);
      const c = container(d);
      expect(c.image).toBe(`registry.example.com/scorecard/${name}:0.1.0`);
      expect(c.ports?.[0]?.containerPort).toBe(SERVICES[name]);
      expect(c.startupProbe?.httpGet?.path).toBe('/healthz');
      expect(c.livenessProbe?.httpGet?.path).toBe('/healthz');
      expect(c.readinessProbe?.httpGet?.path).toBe('/readyz');
      expect(c.resources?.requests?.cpu).toBeDefined();
      expect(c.resources?.limits?.memory).toBeDefined();
      expect(podSpec(d).securityContext?.runAsNonRoot).toBe(true);
      expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
      const svc = find(prod, 'Service', `sc-scorecard-${name}`);
      expect((svc.spec as { ports: { port: number }[] }).ports[0]?.port).toBe(SERVICES[name]);
    }
  });

  it('points the gateway at the in-cluster Services and runs OIDC in production', () => {
    const cm = find(prod, 'ConfigMap', 'sc-scorecard-gateway').data as Record<string, string>;
    expect(cm.AUTH_MODE).toBe('oidc');
    expect(cm.OIDC_ISSUER).toBe('https://login.example.com/realms/acme');
    for (const name of serviceNames.filter((n) => n !== 'gateway')) {
      expect(cm[`${name.toUpperCase()}_URL`]).toBe(`http://sc-scorecard-${name}:${SERVICES[name]}`);
      find(prod, 'Service', `sc-scorecard-${name}`);
    }
    const env = find(prod, 'ConfigMap', 'sc-scorecard-env').data as Record<string, string>;
    expect(env.KAFKA_BROKERS).toBe(
      'kafka-0.kafka.data.svc:9092,kafka-1.kafka.data.svc:9092,kafka-2.kafka.data.svc:9092',
    );
    expect(env.NODE_ENV).toBe('production');
    expect(env.SCHEMA_REGISTRY_URL).toMatch(/\/apis\/ccompat\/v7$/);
  });

  it('hands each secret only to the services that need it, from the existing Secret in production', () => {
    expect(ofKind(prod, 'Secret').filter((s) => !hook(s))).toEqual([]);
    const secretRefs = (name: string) =>
      Object.fromEntries(
        (container(find(prod, 'Deployment', `sc-scorecard-${name}`)).env ?? [])
          .filter((e) => e.valueFrom?.secretKeyRef)
          .map((e) => [e.name, e.valueFrom?.secretKeyRef?.name]),
      );
    for (const name of ['registry', 'ingest', 'compute', 'review'])
      expect(secretRefs(name)).toEqual({ DATABASE_URL: 'scorecard-secrets' });
    expect(secretRefs('reporting')).toEqual({ CLICKHOUSE_URL: 'scorecard-secrets' });
    expect(secretRefs('gateway')).toEqual({});
    // Dev: the chart writes the Secret, and the gateway gets the dev token secret.
    const devGateway = container(find(dev, 'Deployment', 'sc-scorecard-gateway'));
    expect(envNames(devGateway)).toContain('DEV_JWT_SECRET');
    const devSecret = find(dev, 'Secret', 'sc-scorecard-secrets').stringData as Record<string, string>;
    expect(Object.keys(devSecret).sort()).toEqual(['CLICKHOUSE_URL', 'DATABASE_URL', 'DEV_JWT_SECRET']);
  });

  it('maps further secrets per service (e.g. ingest webhook secrets) from the release Secret', async () => {
    const objs = await render(
      '--set',
      'secrets.extra.ZENDESK=zendesk-signing-secret',
      '--set',
      'services.ingest.secretEnv.ZENDESK_WEBHOOK_SECRETS=ZENDESK',
    );
    expect((find(objs, 'Secret', 'sc-scorecard-secrets').stringData as Record<string, string>).ZENDESK).toBe(
      'zendesk-signing-secret',
    );
    const env = container(find(objs, 'Deployment', 'sc-scorecard-ingest')).env ?? [];
    expect(env.find((e) => e.name === 'ZENDESK_WEBHOOK_SECRETS')?.valueFrom?.secretKeyRef).toEqual({
      name: 'sc-scorecard-secrets',
      key: 'ZENDESK',
    });
    expect(envNames(container(find(objs, 'Deployment', 'sc-scorecard-compute')))).not.toContain(
      'ZENDESK_WEBHOOK_SECRETS',
    );
  });

  it('autoscales on CPU and keeps one pod through disruptions where replicas allow it', () => {
    for (const name of serviceNames) {
      const hpa = find(prod, 'HorizontalPodAutoscaler', `sc-scorecard-${name}`);
      const spec = hpa.spec as { scaleTargetRef: { name: string }; minReplicas: number; metrics: unknown[] };
      expect(spec.scaleTargetRef.name).toBe(`sc-scorecard-${name}`);
      expect(spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(JSON.stringify(spec.metrics)).toContain('"name":"cpu"');
      // An autoscaled Deployment leaves replicas to the HPA.
      expect(
        (find(prod, 'Deployment', `sc-scorecard-${name}`).spec as { replicas?: number }).replicas,
      ).toBeUndefined();
      expect(
        (find(prod, 'PodDisruptionBudget', `sc-scorecard-${name}`).spec as { minAvailable: number })
          .minAvailable,
      ).toBe(1);
    }
    // One replica each in dev: no PDB (it would block every node drain), no HPA.
    expect(ofKind(dev, 'PodDisruptionBudget')).toEqual([]);
    expect(ofKind(dev, 'HorizontalPodAutoscaler')).toEqual([]);
  });

  it('runs the migrations before install and upgrade, one Job per schema, with the service image', () => {
    const jobs = ofKind(prod, 'Job');
    expect(jobs.map((j) => j.metadata.name).sort()).toEqual(
      ['compute', 'ingest', 'registry', 'reporting', 'review'].map((n) => `sc-scorecard-${n}-migrate`),
    );
    for (const job of jobs) {
      expect(hook(job)).toBe('pre-install,pre-upgrade');
      const c = container(job);
      expect(c.command).toEqual(['node', '--enable-source-maps', 'dist/migrate.js']);
      const service = job.metadata.labels?.['scorecard.io/service'] ?? '';
      expect(c.image).toBe(`registry.example.com/scorecard/${service}:0.1.0`);
      // Hooks run before the chart's ConfigMap and ServiceAccount exist: nothing may refer to them.
      expect(c.envFrom).toBeUndefined();
      expect((podSpec(job) as { serviceAccountName?: string }).serviceAccountName).toBeUndefined();
    }
    // Without an existing Secret, the Jobs read a hook Secret created just before them.
    const hookSecret = find(defaults, 'Secret', 'sc-scorecard-migrations');
    expect(hook(hookSecret)).toBe('pre-install,pre-upgrade');
    const ref = container(find(defaults, 'Job', 'sc-scorecard-compute-migrate')).env?.find(
      (e) => e.name === 'DATABASE_URL',
    );
    expect(ref?.valueFrom?.secretKeyRef?.name).toBe('sc-scorecard-migrations');
  });

  it('admits outside traffic to the gateway only; the services accept the gateway and the test pod', () => {
    const policies = ofKind(prod, 'NetworkPolicy');
    expect(policies).toHaveLength(serviceNames.length);
    const ingressOf = (name: string) =>
      (
        find(prod, 'NetworkPolicy', `sc-scorecard-${name}`).spec as {
          ingress: {
            from?: { podSelector?: { matchLabels: Record<string, string> }; namespaceSelector?: unknown }[];
          }[];
        }
      ).ingress;
    expect(JSON.stringify(ingressOf('gateway')[0]?.from)).toContain('ingress-nginx');
    for (const name of serviceNames.filter((n) => n !== 'gateway')) {
      const [fromPods, metrics] = ingressOf(name);
      const components = (fromPods?.from ?? []).map(
        (f) => f.podSelector?.matchLabels['app.kubernetes.io/component'],
      );
      expect(components).toEqual(['gateway', 'test']);
      expect(JSON.stringify(metrics?.from)).toContain('monitoring');
    }
    const egressPorts = (name: string) =>
      (
        find(prod, 'NetworkPolicy', `sc-scorecard-${name}`).spec as {
          egress: { ports?: { port: number }[] }[];
        }
      ).egress
        .flatMap((r) => r.ports ?? [])
        .map((p) => p.port);
    expect(egressPorts('compute')).toEqual(expect.arrayContaining([53, 9092, 8081, 5432, 4318]));
    expect(egressPorts('compute')).not.toContain(8443);
    expect(egressPorts('reporting')).toEqual(expect.arrayContaining([9092, 8443]));
    expect(egressPorts('reporting')).not.toContain(5432);
    expect(egressPorts('gateway')).toEqual(expect.arrayContaining([4001, 4002, 4003, 4004, 4005, 443]));
    expect(egressPorts('gateway')).not.toContain(5432);
  });

  it('has a helm test hook that checks the gateway and every service', () => {
    const pods = ofKind(prod, 'Pod');
    expect(pods).toHaveLength(1);
    const pod = pods[0] as K8sObject;
    expect(hook(pod)).toBe('test');
    expect(pod.metadata.labels?.['app.kubernetes.io/component']).toBe('test');
    const script = JSON.stringify((pod.spec as { containers: { args: string[] }[] }).containers[0]?.args);
    expect(script).toContain('http://sc-scorecard-gateway:4000/healthz');
    for (const name of serviceNames.filter((n) => n !== 'gateway'))
      expect(script).toContain(`http://sc-scorecard-${name}:${SERVICES[name]}/readyz`);
  });

  it('runs embedded chdb as one replica on a kept volume, migrated by the pod itself', () => {
    const d = find(embedded, 'Deployment', 'sc-scorecard-reporting');
    expect((d.spec as { replicas: number; strategy: { type: string } }).replicas).toBe(1);
    expect((d.spec as { strategy: { type: string } }).strategy.type).toBe('Recreate');
    expect(container(d).env).toContainEqual({ name: 'CHDB_PATH', value: '/data/chdb' });
    expect(envNames(container(d))).not.toContain('CLICKHOUSE_URL');
    const pvc = find(embedded, 'PersistentVolumeClaim', 'sc-scorecard-reporting-chdb');
    expect(pvc.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    expect(ofKind(embedded, 'Job').map((j) => j.metadata.name)).not.toContain(
      'sc-scorecard-reporting-migrate',
    );
    expect(ofKind(embedded, 'PodDisruptionBudget').map((p) => p.metadata.name)).not.toContain(
      'sc-scorecard-reporting',
    );
  });

  it.each([
    [
      'embedded chdb with two reporting replicas',
      ['--set', 'clickhouse.mode=embedded'],
      /reporting must run as exactly one replica/,
    ],
    [
      'embedded chdb with reporting autoscaling',
      [
        '--set',
        'clickhouse.mode=embedded',
        '--set',
        'services.reporting.replicas=1',
        '--set',
        'services.reporting.autoscaling.enabled=true',
      ],
      /autoscaling|one replica/,
    ],
    [
      'dev tokens in production',
      ['--set', 'auth.mode=dev', '--set', 'auth.devJwtSecret=0123456789abcdef0123456789abcdef'],
      /nodeEnv/,
    ],
    ['a replica count that is not a number', ['--set-string', 'serviceDefaults.replicas=two'], /replicas/],
    ['an unknown service setting', ['--set', 'services.compute.replicaz=3'], /replicaz/],
    ['OIDC without an issuer', ['--set', 'auth.oidc.issuer='], /issuer/],
  ])('refuses %s', async (_label, args, message) => {
    const r = await helm(['template', 'sc', chart, ...args]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
  });

  it('keeps the Tilt dev infrastructure valid too', () => {
    const infra = parseManifests(readFileSync(join(repoRoot, 'deploy', 'dev', 'infra.yaml'), 'utf8'));
    expect(
      infra
        .filter((o) => o.kind === 'Service')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['clickhouse', 'kafka', 'postgres', 'schema-registry']);
    for (const o of infra) expect(() => validateObject(o)).not.toThrow();
    // The dev values reach exactly these Services.
    const env = find(dev, 'ConfigMap', 'sc-scorecard-env').data as Record<string, string>;
    expect(env.KAFKA_BROKERS).toBe('kafka:9092');
    expect(env.SCHEMA_REGISTRY_URL).toBe('http://schema-registry:8080/apis/ccompat/v7');
  });
});
