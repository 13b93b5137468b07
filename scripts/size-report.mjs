// Prints raw, gzip and brotli bytes of every file in dist/, then what the first page load
// transfers: index.html, the files it references (stylesheet, loader) and the app the loader starts
// on the home page (the first-paint shell). Fails when that is over FIRST_LOAD_BUDGET_GZIP bytes.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budget = Number(process.env.FIRST_LOAD_BUDGET_GZIP ?? 0);
const rows = new Map();
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  if (!statSync(path).isFile()) continue;
  const raw = readFileSync(path);
  rows.set(name, { name, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length, br: brotliCompressSync(raw).length });
}

const html = readFileSync(join(dir, "index.html"), "utf8");
const referenced = [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => m[1]);
const loaderName = referenced.find((n) => /^loader-[0-9a-f]+\.js$/.test(n));
if (!loaderName) {
  console.error("size-report: index.html references no loader");
  process.exit(1);
}
const shell = readFileSync(join(dir, loaderName), "utf8").match(/shell: \{ js: "\.\/([^"]+)", wasm: "\.\/([^"]+)" \}/);
if (!shell) {
  console.error(`size-report: cannot find the shell's files in ${loaderName}`);
  process.exit(1);
}
const firstLoad = ["index.html", ...referenced, shell[1], shell[2]].map((n) => {
  const row = rows.get(n);
  if (!row) {
    console.error(`size-report: ${n} is referenced but not in ${dir}`);
    process.exit(1);
  }
  return row;
});

const pad = (s, n) => String(s).padStart(n);
const line = (name, r) => console.log(`${name.padEnd(52)}${pad(r.raw, 10)}${pad(r.gzip, 10)}${pad(r.br, 10)}`);
console.log(`${"file".padEnd(52)}${pad("raw", 10)}${pad("gzip", 10)}${pad("brotli", 10)}`);
for (const r of rows.values()) line(r.name, r);
const total = (list) => Object.fromEntries(["raw", "gzip", "br"].map((k) => [k, list.reduce((a, r) => a + r[k], 0)]));
console.log("");
console.log("first page load (home):");
for (const r of firstLoad) line(`  ${r.name}`, r);
const sum = total(firstLoad);
line("  total", sum);
if (budget) console.log(`  budget: ${budget} bytes gzip (${(budget / 1024).toFixed(0)} KiB): ${sum.gzip <= budget ? "met" : "OVER"}`);
if (budget && sum.gzip > budget) process.exit(1);
