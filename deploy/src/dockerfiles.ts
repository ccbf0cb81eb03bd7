// Writes services/<name>/Dockerfile from deploy/docker/Dockerfile.template (`npm run dockerfiles -w
// @scorecard/deploy`). The six images differ only in name, port and migrations folder.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PORTS, type ServiceName } from '@scorecard/stack';

export const repoRoot = join(__dirname, '..', '..');

/** The deployables and their ports (DESIGN §7): the same table `npm start` runs them with. */
export const SERVICES = DEFAULT_PORTS;
export type Service = ServiceName;
export const serviceNames = Object.keys(SERVICES) as Service[];

/** The migrations folder a service's image carries (read by main.ts and dist/migrate.js), if any. */
export function migrationsDirOf(service: Service): string | undefined {
  return ['migrations', 'clickhouse-migrations'].find((d) =>
    existsSync(join(repoRoot, 'services', service, d)),
  );
}

export function renderDockerfile(service: Service): string {
  const template = readFileSync(join(repoRoot, 'deploy', 'docker', 'Dockerfile.template'), 'utf8');
  const dir = migrationsDirOf(service);
  const migrations = dir
    ? `COPY --from=build /repo/services/${service}/${dir} ./services/${service}/${dir}\n`
    : '';
  return template
    .replaceAll('__SERVICE__', service)
    .replaceAll('__PORT__', String(SERVICES[service]))
    .replace('__MIGRATIONS__', migrations);
}

if (require.main === module) {
  for (const s of serviceNames) {
    writeFileSync(join(repoRoot, 'services', s, 'Dockerfile'), renderDockerfile(s));
    process.stdout.write(`wrote services/${s}/Dockerfile\n`);
  }
}
