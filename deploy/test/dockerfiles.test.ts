import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrationsDirOf, renderDockerfile, repoRoot, SERVICES, serviceNames } from '../src/dockerfiles';

describe('services/*/Dockerfile', () => {
  it.each(serviceNames)('%s is generated from deploy/docker/Dockerfile.template', (name) => {
    const actual = readFileSync(join(repoRoot, 'services', name, 'Dockerfile'), 'utf8');
    expect(actual).toBe(renderDockerfile(name)); // run `npm run dockerfiles -w @scorecard/deploy`
  });

  it.each(serviceNames)(
    '%s: multi-stage node:22-slim, non-root, production dependencies, no HEALTHCHECK',
    (name) => {
      const file = renderDockerfile(name);
      const instructions = file.split('\n').filter((l) => !l.startsWith('#'));
      expect(file).toContain('ARG NODE_IMAGE=node:22-slim');
      expect(instructions.filter((l) => l.startsWith('FROM ')).length).toBeGreaterThanOrEqual(3);
      expect(instructions.join('\n')).not.toMatch(/^HEALTHCHECK/m);
      // The last stage is what `docker build` produces: bundle + production dependencies, run as uid 1000.
      const runtime = file.slice(file.lastIndexOf('\nFROM '));
      expect(runtime).toContain('AS runtime');
      expect(runtime).toContain(`COPY --from=build /repo/services/${name}/dist ./services/${name}/dist`);
      expect(runtime).toContain('USER 1000:1000');
      expect(runtime).toContain(`EXPOSE ${SERVICES[name]}`);
      expect(runtime).toContain('CMD ["node", "--enable-source-maps", "dist/main.js"]');
      expect(runtime).not.toMatch(/tsx/);
      expect(file).toContain(`npm ci --omit=dev --workspace services/${name}`);
      // main.ts and dist/migrate.js read the migrations from ../<folder> of dist/.
      const dir = migrationsDirOf(name);
      if (dir)
        expect(runtime).toContain(
          `COPY --from=build /repo/services/${name}/${dir} ./services/${name}/${dir}`,
        );
      else expect(runtime).not.toMatch(/migrations/);
    },
  );

  it('names every Postgres schema after its service, as dist/migrate.js assumes', () => {
    const sourcesOf = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? sourcesOf(join(dir, e.name))
          : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
            ? [readFileSync(join(dir, e.name), 'utf8')]
            : [],
      );
    for (const name of serviceNames.filter((n) => migrationsDirOf(n) === 'migrations')) {
      const schemas = sourcesOf(join(repoRoot, 'services', name, 'src')).flatMap((text) =>
        [
          ...text.matchAll(/\bSCHEMA = '([a-z_]+)'/g),
          ...text.matchAll(/openDatabase\(\{[^}]*?\bschema: '([a-z_]+)'/g),
        ].map((m) => m[1]),
      );
      expect(schemas.length).toBeGreaterThan(0);
      expect(new Set(schemas)).toEqual(new Set([name]));
    }
  });
});
