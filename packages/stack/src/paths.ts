import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The monorepo root: the nearest package.json (walking up) that declares `workspaces`. */
export function findRepoRoot(from: string = __dirname): string {
  let dir = resolve(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && 'workspaces' in (JSON.parse(readFileSync(pkg, 'utf8')) as object)) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json with "workspaces" above ${from}`);
    dir = parent;
  }
}

/** Every file the stack writes, under one directory (default `<repo>/.stack`). */
export interface StackPaths {
  root: string;
  logs: string;
  state: string;
  kafkaHome: string;
  kafkaLib: string;
  kafkaData: string;
  kafkaPom: string;
  registryHome: string;
  chdb: string;
}

export function stackPaths(stackDir: string): StackPaths {
  return {
    root: stackDir,
    logs: join(stackDir, 'logs'),
    state: join(stackDir, 'state.json'),
    kafkaHome: join(stackDir, 'kafka'),
    kafkaLib: join(stackDir, 'kafka', 'lib'),
    kafkaData: join(stackDir, 'kafka', 'data'),
    kafkaPom: join(__dirname, '..', 'maven', 'kafka', 'pom.xml'),
    registryHome: join(stackDir, 'registry'),
    chdb: join(stackDir, 'chdb'),
  };
}
