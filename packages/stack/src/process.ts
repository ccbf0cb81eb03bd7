import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A long-running JVM the stack owns, tracked by a pid file. */
export interface ManagedProcess {
  name: string;
  pidFile: string;
  logFile: string;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM means the pid exists but belongs to someone else: still alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Every JVM the stack starts carries its pid file's path, so a pid recycled by an unrelated
// process (after a reboot) is never mistaken for ours, let alone killed.
const marker = (p: ManagedProcess): string => `-Dscorecard.stack.pidfile=${p.pidFile}`;

function isOurs(pid: number, p: ManagedProcess): boolean {
  const cmdline = `/proc/${pid}/cmdline`;
  // Without procfs (macOS) the pid file is trusted.
  return (
    !existsSync('/proc') ||
    (existsSync(cmdline) && readFileSync(cmdline, 'utf8').split('\0').includes(marker(p)))
  );
}

/** The pid from the pid file if that process still runs; a stale file is removed. */
export function runningPid(p: ManagedProcess): number | undefined {
  if (!existsSync(p.pidFile)) return undefined;
  const pid = Number(readFileSync(p.pidFile, 'utf8').trim());
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && isOurs(pid, p)) return pid;
  rmSync(p.pidFile, { force: true });
  return undefined;
}

/** Starts `java <args>` in its own session (it outlives this process), output appended to the log. */
export function spawnJvm(p: ManagedProcess, args: string[], cwd: string): number {
  mkdirSync(dirname(p.logFile), { recursive: true });
  const fd = openSync(p.logFile, 'a');
  try {
    const child = spawn('java', [marker(p), ...args], { cwd, detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`could not start ${p.name} (is java installed?)`);
    child.unref();
    writeFileSync(p.pidFile, `${child.pid}\n`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

/** SIGTERM, then SIGKILL after the grace period; resolves once the process is gone. */
export async function stopProcess(p: ManagedProcess, graceMs = 20_000): Promise<boolean> {
  const pid = runningPid(p);
  if (pid === undefined) return false;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(200);
  if (isAlive(pid)) {
    process.kill(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(100);
  }
  rmSync(p.pidFile, { force: true });
  return true;
}

export function tailLog(logFile: string, lines = 40): string {
  if (!existsSync(logFile)) return `(no log at ${logFile})`;
  return readFileSync(logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Runs a short command to completion; rejects with its output on a non-zero exit. */
export function run(cmd: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', (err) => reject(new Error(`${cmd} could not run (${err.message}); is it installed?`)));
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}:\n${out.slice(-4000)}`)),
    );
  });
}
