import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { renderProtoSources } from '../scripts/embed-protos';

const pkg = join(__dirname, '..');
const root = join(pkg, '..', '..');
const bin = join(root, 'node_modules', '.bin');

const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const listFiles = (dir: string) => walk(dir).map((f) => relative(dir, f)).sort();

describe('committed generated code', () => {
  let out: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'contracts-gen-'));
    const template = readFileSync(join(pkg, 'buf.gen.yaml'), 'utf8').replace('out: src/generated', `out: ${out}`);
    const templateFile = join(out, '..', `${out.split('/').pop()}.buf.gen.yaml`);
    writeFileSync(templateFile, template);
    execFileSync(join(bin, 'buf'), ['generate', join(root, 'proto'), '--template', templateFile], {
      cwd: pkg,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
    });
    rmSync(templateFile);
    writeFileSync(join(out, 'proto-sources.ts'), renderProtoSources(join(root, 'proto')));
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('matches a fresh `npm run generate` (run it and commit when this fails)', () => {
    const committed = join(pkg, 'src', 'generated');
    const files = listFiles(out);
    expect(listFiles(committed)).toEqual(files);
    expect(files.length).toBe(16);
    for (const f of files) expect([f, readFileSync(join(committed, f), 'utf8')]).toEqual([f, readFileSync(join(out, f), 'utf8')]);
  });
});
