import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PYTHON = '/usr/bin/python3';
const PROTO_ROOT = join(__dirname, '..', '..', '..', 'proto');

/**
 * Debian's python3-confluent-kafka (+ protoc and the protobuf runtime), installed when missing —
 * the same idempotent step .ci/run takes. Debian's python, not whatever python3 is first on PATH,
 * is the one that sees the Debian package.
 */
export function ensurePythonClient(): void {
  const ready = () => {
    try {
      execFileSync(PYTHON, ['-c', 'import confluent_kafka.schema_registry, google.protobuf, requests'], {
        stdio: 'ignore',
      });
      return existsSync('/usr/bin/protoc');
    } catch {
      return false;
    }
  };
  if (ready()) return;
  const root = process.getuid?.() === 0;
  const aptGet = (args: string[]) =>
    execFileSync(root ? 'apt-get' : 'sudo', root ? args : ['apt-get', ...args], {
      stdio: 'ignore',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  aptGet(['update', '-q']);
  aptGet([
    'install',
    '-y',
    '-q',
    'python3-confluent-kafka',
    'python3-protobuf',
    'python3-requests',
    'protobuf-compiler',
  ]);
}

/** Generates the payroll message class with protoc and decodes the topic with the Python client. */
export function decodePayrollWithPython(
  brokers: string,
  topic: string,
  registryUrl: string,
  expected: number,
): Record<string, unknown>[] {
  const out = mkdtempSync(join(tmpdir(), 'payroll-py-'));
  execFileSync('/usr/bin/protoc', [
    `--proto_path=${PROTO_ROOT}`,
    `--python_out=${out}`,
    'scorecard/payroll/bonus/v1/payroll_bonus.proto',
  ]);
  const stdout = execFileSync(
    PYTHON,
    [join(__dirname, 'decode_payroll.py'), brokers, topic, registryUrl, out, String(expected)],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
