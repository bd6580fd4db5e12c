// The typed contract's limits (README, "One contract"): outside tests, worker/src, frontend/src
// and widget/src together hold at most 10 `json!` literals and at most 10 string-indexed field
// reads (`v["name"]`). Everything else goes through the types of shared/src/api.
// Usage: node scripts/contract-limits.mjs [--list]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const LIMIT = 10;
const root = new URL('..', import.meta.url).pathname;
const dirs = ['worker/src', 'frontend/src', 'widget/src'];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return path.endsWith('.rs') ? [path] : [];
  });
}

// The code before a file's test module (`#[cfg(test)]` starts the tests, by this project's
// convention at the end of a file); comments do not count.
function code(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const end = lines.findIndex((l) => l.trim() === '#[cfg(test)]');
  return (end === -1 ? lines : lines.slice(0, end))
    .map((l, i) => [i + 1, l.replace(/\/\/.*$/, '')]);
}

const found = { 'json!': [], '["name"]': [] };
for (const dir of dirs) {
  for (const path of files(join(root, dir))) {
    for (const [n, line] of code(path)) {
      const where = `${path.slice(root.length)}:${n}`;
      for (const _ of line.matchAll(/\bjson!/g)) found['json!'].push(where);
      for (const _ of line.matchAll(/\["[A-Za-z0-9_]+"\]/g)) found['["name"]'].push(where);
    }
  }
}
let failed = false;
for (const [what, places] of Object.entries(found)) {
  const ok = places.length <= LIMIT;
  failed ||= !ok;
  console.log(`${what}: ${places.length} (limit ${LIMIT})${ok ? '' : ' TOO MANY'}`);
  if (process.argv.includes('--list') || !ok) for (const p of places) console.log(`  ${p}`);
}
process.exit(failed ? 1 : 0);
