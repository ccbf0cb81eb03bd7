// The Tiltfile names the chart's resources and ports by hand (Starlark cannot import our TypeScript): this
// keeps them equal to what the chart renders with the dev values, and to the in-cluster infrastructure.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helm } from '../src/helm';
import { parseManifests, type K8sObject } from '../src/k8s-validate';
import { repoRoot, SERVICES, serviceNames } from '../src/dockerfiles';

const tiltfile = readFileSync(join(repoRoot, 'Tiltfile'), 'utf8');

/** The string assigned to a top-level constant, e.g. RELEASE = 'scorecard'. */
const constant = (name: string) => {
  const m = new RegExp(`^${name} = '([^']+)'`, 'm').exec(tiltfile);
  if (!m?.[1]) throw new Error(`the Tiltfile has no ${name} = '…'`);
  return m[1];
};
const list = (name: string) => {
  const m = new RegExp(`^${name} = \\[([^\\]]*)\\]`, 'm').exec(tiltfile);
  if (!m?.[1]) throw new Error(`the Tiltfile has no ${name} = [...]`);
  return [...m[1].matchAll(/'([^']+)'/g)].map((x) => x[1]);
};
const servicesTable = (): Record<string, number> => {
  const m = /^SERVICES = \{([^}]*)\}/m.exec(tiltfile);
  if (!m?.[1]) throw new Error('the Tiltfile has no SERVICES = {...}');
  return Object.fromEntries(
    [...m[1].matchAll(/'([a-z]+)': (\d+)/g)].map((x): [string, number] => [x[1] ?? '', Number(x[2])]),
  );
};

describe('Tiltfile', () => {
  let rendered: K8sObject[];
  beforeAll(async () => {
    const r = await helm([
      'template',
      constant('RELEASE'),
      join(repoRoot, constant('CHART')),
      '-f',
      join(repoRoot, constant('DEV_VALUES')),
    ]);
    if (r.code !== 0) throw new Error(r.stderr);
    rendered = parseManifests(r.stdout);
  });

  it('lists the six services on the ports the chart gives them', () => {
    expect(servicesTable()).toEqual(SERVICES);
    expect(Object.keys(servicesTable())).toEqual(serviceNames);
  });

  it('names each k8s_resource after a rendered Deployment whose container listens on that port', () => {
    const release = constant('RELEASE');
    for (const [name, port] of Object.entries(servicesTable())) {
      const d = rendered.find((o) => o.kind === 'Deployment' && o.metadata.name === `${release}-${name}`);
      expect(d?.metadata.name).toBe(`${release}-${name}`);
      const c = (
        d?.spec as {
          template: { spec: { containers: { image: string; ports: { containerPort: number }[] }[] } };
        }
      ).template.spec.containers[0];
      expect(c?.ports[0]?.containerPort).toBe(port);
      // docker_build('scorecard/<name>') must be the image the chart asks for, or Tilt would not inject it.
      expect(c?.image.split(':')[0]).toBe(`scorecard/${name}`);
      const svc = rendered.find((o) => o.kind === 'Service' && o.metadata.name === `${release}-${name}`);
      expect((svc?.spec as { ports: { port: number }[] }).ports[0]?.port).toBe(port);
    }
    expect(tiltfile).toMatch(/docker_build\(\s*'scorecard\/' \+ name,/);
    expect(tiltfile).toMatch(/port_forwards=\['%d:%d' % \(port, port\)\] if name == 'gateway'/);
  });

  it('builds from the services’ Dockerfiles with the same NODE_IMAGE argument as npm run images', () => {
    expect(tiltfile).toContain("dockerfile='services/%s/Dockerfile' % name");
    expect(tiltfile).toContain("build_args={'NODE_IMAGE': NODE_IMAGE}");
    const dockerfile = readFileSync(join(repoRoot, 'services', 'gateway', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-slim$/m);
    expect(dockerfile).toMatch(/^FROM build AS dev$/m);
  });

  it('waits for infrastructure that deploy/dev/infra.yaml defines', () => {
    const infra = parseManifests(readFileSync(join(repoRoot, 'deploy', 'dev', 'infra.yaml'), 'utf8'));
    for (const name of list('INFRA')) {
      expect(
        infra
          .filter((o) => o.metadata.name === name)
          .map((o) => o.kind)
          .sort(),
      ).toEqual(['Deployment', 'Service']);
    }
  });
});
