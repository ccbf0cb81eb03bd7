import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './process';

const DONE = '.complete';

type Log = (line: string) => void;

/**
 * Fills `dir` by `fetch` once: a marker file written last tells a complete dir from one a killed
 * download left half-filled, so later runs skip Maven entirely.
 */
async function once(
  dir: string,
  what: string,
  log: Log,
  fetch: (tmp: string) => Promise<void>,
): Promise<boolean> {
  if (existsSync(join(dir, DONE))) return false;
  log(`downloading ${what} from Maven Central into ${dir} (first run only; cached in ~/.m2)`);
  const tmp = `${dir}.partial`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  await fetch(tmp);
  writeFileSync(join(tmp, DONE), new Date().toISOString());
  rmSync(dir, { recursive: true, force: true });
  renameSync(tmp, dir);
  return true;
}

/** Kafka's runtime classpath (the checked-in pom's dependencies) copied into `libDir`. */
export function ensureKafkaLib(pom: string, libDir: string, log: Log): Promise<boolean> {
  return once(libDir, 'Kafka 3.9.1', log, async (tmp) => {
    await run(
      'mvn',
      [
        '-B',
        '-q',
        '-f',
        pom,
        'dependency:copy-dependencies',
        '-DincludeScope=runtime',
        `-DoutputDirectory=${tmp}`,
      ],
      tmp,
    );
    if (!readdirSync(tmp).some((f) => f.startsWith('kafka_2.13-')))
      throw new Error(`Maven put no Kafka jars in ${tmp}`);
  });
}

export const APICURIO_VERSION = '3.0.9';
export const APICURIO_RUNNER = `apicurio-registry-app-${APICURIO_VERSION}-runner.jar`;

/** The Apicurio Registry Quarkus distribution (runner jar + lib/) unpacked into `appDir`. */
export function ensureApicurio(appDir: string, log: Log): Promise<boolean> {
  return once(appDir, `Apicurio Registry ${APICURIO_VERSION}`, log, async (tmp) => {
    const artifact = `io.apicurio:apicurio-registry-app:${APICURIO_VERSION}:tar.gz:all`;
    await run(
      'mvn',
      ['-B', '-q', 'dependency:copy', `-Dartifact=${artifact}`, `-DoutputDirectory=${tmp}`],
      tmp,
    );
    const tarball = readdirSync(tmp).find((f) => f.endsWith('.tar.gz'));
    if (tarball === undefined) throw new Error(`Maven put no ${artifact} in ${tmp}`);
    await run('tar', ['-xzf', tarball], tmp);
    rmSync(join(tmp, tarball));
    if (!existsSync(join(tmp, APICURIO_RUNNER)))
      throw new Error(`${APICURIO_RUNNER} missing from ${artifact}`);
  });
}
