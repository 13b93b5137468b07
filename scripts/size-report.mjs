// Prints raw and gzip bytes of every file in dist/, and the first-load total (everything index.html
// pulls in), and fails if the first load is over the budget.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budget = Number(process.env.FIRST_LOAD_BUDGET_GZIP ?? 0);
const rows = [];
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  rows.push({ name, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br: brotliCompressSync(raw).length });
}
const firstLoad = rows.filter((r) => /\.(html|js|wasm|css)$/.test(r.name) && !r.name.endsWith(".json"));
const pad = (s, n) => String(s).padStart(n);
console.log(`${"file".padEnd(48)}${pad("raw", 10)}${pad("gzip", 10)}${pad("brotli", 10)}`);
for (const r of rows) console.log(`${r.name.padEnd(48)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.br, 10)}`);
const sum = (k) => firstLoad.reduce((a, r) => a + r[k], 0);
console.log(`${"first load (html+js+wasm+css)".padEnd(48)}${pad(sum("raw"), 10)}${pad(sum("gzip"), 10)}${pad(sum("br"), 10)}`);
if (budget && sum("gzip") > budget) {
  console.error(`first load is ${sum("gzip")} bytes gzip, over the budget of ${budget}`);
  process.exit(1);
}
