// `npm run images`: the six service images, built with podman from services/<name>/Dockerfile.
//
// The Dockerfiles start from node:22-slim. Where no registry serves it (these machines reach Debian's and
// npm's mirrors, not Docker Hub), the base is made here: `debootstrap --variant=minbase bookworm`, imported
// into podman, plus the Node that runs this script (Debian 12 packages only Node 18; the workspace needs
// ≥ 20), and handed to the Dockerfiles as NODE_IMAGE. The debootstrap tarball and the base image are cached,
// so only the first run pays for them; podman's layer cache makes later builds re-bundle only what changed.
//
// Environment: NODE_IMAGE (use this base as is), IMAGE_PREFIX (default localhost/scorecard),
// IMAGE_TAG (default local), DEBIAN_MIRROR.
import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { repoRoot, serviceNames, migrationsDirOf, type Service } from './dockerfiles';
import { assertPodmanWorks, podman, podmanOk } from './podman';

export const UPSTREAM_NODE_IMAGE = 'docker.io/library/node:22-slim';
const DEBIAN_SUITE = 'bookworm';
const cacheDir = join(repoRoot, 'node_modules', '.cache', 'scorecard-images');

export const imagePrefix = () => process.env.IMAGE_PREFIX ?? 'localhost/scorecard';
export const imageTag = () => process.env.IMAGE_TAG ?? 'local';
export const imageOf = (service: Service) => `${imagePrefix()}/${service}:${imageTag()}`;

const log = (line: string) => process.stdout.write(`images: ${line}\n`);
const firstLine = (s: string) => s.trim().split('\n').pop() ?? '';

/** The Debian root file system as a tarball, made once with debootstrap. */
function debianTarball(): string {
  const tarball = join(cacheDir, `debian-${DEBIAN_SUITE}-minbase.tar`);
  if (existsSync(tarball)) return tarball;
  mkdirSync(cacheDir, { recursive: true });
  const rootfs = mkdtempSync(join(cacheDir, 'rootfs-'));
  const mirror = process.env.DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
  log(`debootstrap --variant=minbase ${DEBIAN_SUITE} from ${mirror} (once; about 2 minutes)`);
  try {
    execFileSync('debootstrap', ['--variant=minbase', DEBIAN_SUITE, rootfs, mirror], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Documentation, locales and apt's downloaded lists are no use in an image.
    for (const dir of ['usr/share/doc', 'usr/share/man', 'usr/share/info', 'usr/share/locale']) {
      rmSync(join(rootfs, dir), { recursive: true, force: true });
      mkdirSync(join(rootfs, dir));
    }
    for (const dir of ['var/lib/apt/lists', 'var/cache/apt', 'var/log'])
      execFileSync('find', [join(rootfs, dir), '-mindepth', '1', '-type', 'f', '-delete']);
    execFileSync('tar', ['-C', rootfs, '--numeric-owner', '-cf', `${tarball}.tmp`, '.']);
    execFileSync('mv', [`${tarball}.tmp`, tarball]);
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
  return tarball;
}

/** localhost/scorecard/node-base: the Debian tarball plus this machine's Node and npm. */
async function localNodeBase(): Promise<string> {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 20) throw new Error(`Node ${process.version} runs this script; the images need Node ≥ 20`);
  const tag = `localhost/scorecard/node-base:${DEBIAN_SUITE}-node${process.versions.node}`;
  if ((await podman(['image', 'exists', tag])).code === 0) return tag;

  const debian = `localhost/scorecard/debian:${DEBIAN_SUITE}-minbase`;
  if ((await podman(['image', 'exists', debian])).code !== 0) {
    await podmanOk(['import', '--quiet', debianTarball(), debian]);
  }
  // Node as installed here: <prefix>/bin/node and <prefix>/lib/node_modules/npm.
  const nodeBin = realpathSync(process.execPath);
  const npmDir = join(dirname(dirname(nodeBin)), 'lib', 'node_modules', 'npm');
  if (!existsSync(join(npmDir, 'bin', 'npm-cli.js'))) throw new Error(`no npm beside ${nodeBin} (${npmDir})`);
  const context = mkdtempSync(join(cacheDir, 'node-base-'));
  try {
    cpSync(nodeBin, join(context, 'node'));
    cpSync(npmDir, join(context, 'npm'), { recursive: true });
    log(`making ${tag} from ${debian} and ${nodeBin} (${process.version})`);
    await podmanOk([
      'build',
      '--quiet',
      '--network=host',
      '--build-arg',
      `DEBIAN=${debian}`,
      '-f',
      join(repoRoot, 'deploy', 'podman', 'node-base.Containerfile'),
      '-t',
      tag,
      context,
    ]);
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
  return tag;
}

/** NODE_IMAGE when set; else node:22-slim when present or pullable; else the local Debian + Node base. */
export async function nodeBaseImage(): Promise<string> {
  if (process.env.NODE_IMAGE) return process.env.NODE_IMAGE;
  if ((await podman(['image', 'exists', UPSTREAM_NODE_IMAGE])).code === 0) return UPSTREAM_NODE_IMAGE;
  const pull = await podman(['pull', '--quiet', UPSTREAM_NODE_IMAGE], { timeoutMs: 300_000 });
  if (pull.code === 0) return UPSTREAM_NODE_IMAGE;
  log(`cannot pull ${UPSTREAM_NODE_IMAGE} (${firstLine(pull.stderr)}); using a local Debian + Node base`);
  return localNodeBase();
}

/**
 * Mounts for the build's RUN steps (never stored in a layer): this machine's npm cache, so the install
 * layers need not download the registry again, and its CA bundle when npm is set to one (a TLS-inspecting
 * proxy), through a global npmrc of the base's npm (prefix /usr/local, as in node:22-slim).
 */
function buildMounts(): string[] {
  const npmCache = join(homedir(), '.npm');
  mkdirSync(npmCache, { recursive: true });
  const npmrc = ['prefer-offline=true'];
  const mounts = ['--volume', `${npmCache}:/root/.npm`];
  const cafile = process.env.npm_config_cafile ?? process.env.NODE_EXTRA_CA_CERTS;
  if (cafile && existsSync(cafile)) {
    mounts.push('--volume', `${cafile}:/etc/scorecard-build-ca.pem:ro`);
    npmrc.push('cafile=/etc/scorecard-build-ca.pem');
  }
  mkdirSync(cacheDir, { recursive: true });
  const npmrcFile = join(cacheDir, 'build-npmrc');
  writeFileSync(npmrcFile, `${npmrc.join('\n')}\n`);
  mounts.push('--volume', `${npmrcFile}:/usr/local/etc/npmrc:ro`);
  return mounts;
}

/** Builds one service image; its log goes to node_modules/.cache/scorecard-images/<service>.log. */
async function buildImage(service: Service, base: string): Promise<void> {
  const started = Date.now();
  const logFile = join(cacheDir, `${service}.log`);
  writeFileSync(logFile, '');
  const r = await podman(
    [
      'build',
      '--layers',
      '--network=host',
      ...buildMounts(),
      '--build-arg',
      `NODE_IMAGE=${base}`,
      '-f',
      join(repoRoot, 'services', service, 'Dockerfile'),
      '-t',
      imageOf(service),
      repoRoot,
    ],
    { onOutput: (chunk) => appendFileSync(logFile, chunk) },
  );
  if (r.code !== 0) {
    process.stderr.write(`${(r.stdout + r.stderr).split('\n').slice(-40).join('\n')}\n`);
    throw new Error(`podman build of ${service} failed (${r.code}); full log: ${logFile}`);
  }
  log(`built ${imageOf(service)} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

// Every package a bundle requires resolves from where the bundle sits (a package npm nested under the
// service, and not copied, would fail only at start otherwise).
const resolvesEveryRequire = [
  'const fs = require("fs"), path = require("path"), { builtinModules } = require("module");',
  'for (const file of process.argv.slice(1)) {',
  '  for (const [, id] of fs.readFileSync(file, "utf8").matchAll(/require\\("([^".][^"]*)"\\)/g)) {',
  '    if (builtinModules.includes(id.replace(/^node:/, "").split("/")[0])) continue;',
  '    try { require.resolve(id, { paths: [path.dirname(path.resolve(file))] }); }',
  '    catch { console.error(`${file} requires ${id}, which is not installed`); process.exit(1); }',
  '  }',
  '}',
].join(' ');

/** What each image must be: user 1000, no dev dependencies, the bundle and its migrations. */
async function checkImage(service: Service): Promise<void> {
  const dir = migrationsDirOf(service);
  const script = [
    'test "$(id -u)" = 1000',
    'test -f dist/main.js',
    ...(dir ? ['test -f dist/migrate.js', `test -d ${dir}`] : []),
    // Dev-only packages of the workspace (jest, typescript, tsx, esbuild) must not be installed.
    'for p in jest typescript tsx esbuild; do test ! -e /app/node_modules/$p || { echo "dev dependency $p"; exit 1; }; done',
    `node -e '${resolvesEveryRequire}' dist/*.js`,
  ].join(' && ');
  const r = await podman([
    'run',
    '--rm',
    '--network=none',
    '--entrypoint',
    'sh',
    imageOf(service),
    '-c',
    script,
  ]);
  if (r.code !== 0) throw new Error(`${imageOf(service)} fails its checks: ${r.stdout}${r.stderr}`);
}

export async function buildImages(services: readonly Service[] = serviceNames): Promise<void> {
  await assertPodmanWorks();
  const base = await nodeBaseImage();
  log(`base ${base}`);
  for (const s of services) await buildImage(s, base);
  for (const s of services) await checkImage(s);
  const sizes = await podmanOk([
    'images',
    '--format',
    '{{.Repository}}:{{.Tag}}\t{{.Size}}',
    '--filter',
    `reference=${imagePrefix()}/*`,
  ]);
  process.stdout.write(`${sizes.trim()}\n`);
}

if (require.main === module) {
  const only = process.argv.slice(2) as Service[];
  const unknown = only.filter((s) => !serviceNames.includes(s));
  if (unknown.length > 0) {
    process.stderr.write(`unknown service(s): ${unknown.join(', ')}; one of ${serviceNames.join(', ')}\n`);
    process.exit(2);
  }
  const started = Date.now();
  buildImages(only.length > 0 ? only : serviceNames).then(
    () => log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`),
    (err: unknown) => {
      process.stderr.write(`images: ${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
