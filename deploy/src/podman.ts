// Podman, as `npm run images` and `npm run test:deploy` use it: Debian's podman with runc and cgroupfs, set by
// deploy/podman/containers.conf through CONTAINERS_CONF (nothing under /etc is changed).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './dockerfiles';

export const containersConf = join(repoRoot, 'deploy', 'podman', 'containers.conf');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Written to stdin, then closed. */
  input?: string | Buffer;
  /** Each output chunk as it arrives (build logs). */
  onOutput?: (chunk: string) => void;
  timeoutMs?: number;
}

/** Runs a command; resolves with its exit code and output (a command that cannot start rejects). */
export function run(
  cmd: string,
  args: readonly string[],
  opts: RunOptions & { env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = opts.timeoutMs ? setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs) : undefined;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      opts.onOutput?.(d.toString());
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      opts.onOutput?.(d.toString());
    });
    child.once('error', reject);
    child.once('close', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ code: code ?? 1, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // a command that exits without reading stdin
    child.stdin.end(opts.input);
  });
}

export const podmanEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  CONTAINERS_CONF: process.env.CONTAINERS_CONF ?? containersConf,
});

export const podman = (args: readonly string[], opts: RunOptions = {}) =>
  run('podman', args, { ...opts, env: podmanEnv() });

/** Like podman(), but throws with podman's own message when the command fails. */
export async function podmanOk(args: readonly string[], opts: RunOptions = {}): Promise<string> {
  const r = await podman(args, opts);
  if (r.code !== 0) throw new Error(`podman ${args.join(' ')} failed (${r.code}): ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * Throws saying why when podman cannot run a container here (not installed, not root, runtime refused),
 * so a CI tier fails with the reason instead of passing without having run anything.
 */
export async function assertPodmanWorks(): Promise<void> {
  const version = await podman(['--version']).catch((err: unknown) => {
    throw new Error(`podman is not installed (${(err as Error).message}); apt-get install podman runc`);
  });
  if (version.code !== 0) throw new Error(`podman --version failed: ${version.stderr.trim()}`);
  const info = await podman(['info', '--format', '{{.Host.OCIRuntime.Name}}']);
  if (info.code !== 0) throw new Error(`podman cannot start here: ${info.stderr.trim()}`);
}
