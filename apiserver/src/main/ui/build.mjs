// Copies the dashboard's sources (plain ES modules, no bundling needed) into the output directory,
// after checking that every module parses, so a syntax error fails the Maven build rather than the browser.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';

const here = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out) {
  console.error('usage: npm run build -- <output directory>');
  process.exit(2);
}
const src = join(here, 'src');
for (const name of readdirSync(src).filter((n) => n.endsWith('.js'))) {
  const check = spawnSync(process.execPath, ['--input-type=module', '--check'], { input: readFileSync(join(src, name)) });
  if (check.status !== 0) {
    console.error(`[kube4j dashboard] ${name} does not parse:\n${check.stderr}`);
    process.exit(1);
  }
}
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
cpSync(src, out, { recursive: true });
console.log(`[kube4j dashboard] ${readdirSync(src).length} files -> ${out}`);
