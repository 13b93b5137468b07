// trunk post_build hook. trunk builds two apps (index.html): the first-paint shell as its "main"
// app, with an inline loader, and the full app as a "worker" with ES-module bindings and unhashed
// file names. This hook
//   - names the full app's files by the hash of their content (cache busting, as trunk does for
//     the shell),
//   - replaces trunk's inline loader and preload links with our loader (scripts/loader.template.js,
//     which picks the shell or the full app), in a file named by its hash, so the page runs under
//     `script-src 'self'` (no inline scripts),
//   - writes registry-doctor-embed.js, the stable entry point for portals (README, "Embedding"),
//   - fails the build if an inline script or style attribute is left, or if trunk's output changed.
import { createHash } from "node:crypto";
import { readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
const fail = (message) => {
  console.error(`extract-loader: ${message}`);
  process.exit(1);
};
if (!dir) fail("TRUNK_STAGING_DIR is not set");
const hashOf = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

// The full app: registry-doctor-web.js / registry-doctor-web_bg.wasm → hashed names.
const full = {};
for (const [key, suffix] of [["js", ".js"], ["wasm", "_bg.wasm"]]) {
  const plain = join(dir, `registry-doctor-web${suffix}`);
  if (!existsSync(plain)) fail(`the full app's ${plain} is missing (did trunk change its output?)`);
  const name = `registry-doctor-web-${hashOf(readFileSync(plain))}${suffix}`;
  renameSync(plain, join(dir, name));
  full[key] = name;
}

// The shell, from trunk's inline loader, which goes away with its preload links.
const htmlPath = join(dir, "index.html");
let html = readFileSync(htmlPath, "utf8");
const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
const loaders = [...html.matchAll(inline)];
if (loaders.length !== 1) fail(`expected one inline loader from trunk, found ${loaders.length}`);
const shellJs = loaders[0][1].match(/registry-doctor-shell-[0-9a-f]+\.js/);
const shellWasm = loaders[0][1].match(/registry-doctor-shell-[0-9a-f]+_bg\.wasm/);
if (!shellJs || !shellWasm) fail("cannot find the shell's module and wasm in trunk's loader");
html = html.replace(/<link rel="(modulepreload|preload)"[^>]*>/g, "");

const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "loader.template.js"), "utf8");
const loader = template
  .replace("__SHELL_JS__", shellJs[0])
  .replace("__SHELL_WASM__", shellWasm[0])
  .replace("__FULL_JS__", full.js)
  .replace("__FULL_WASM__", full.wasm);
const loaderName = `loader-${hashOf(loader)}.js`;
writeFileSync(join(dir, loaderName), loader);
html = html.replace(inline, `<script type="module" src="./${loaderName}"></script>`);

if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /\sstyle=/.test(html)) {
  fail("an inline script or style attribute is left in index.html");
}
writeFileSync(htmlPath, html);

writeFileSync(
  join(dir, "registry-doctor-embed.js"),
  `// Mount Registry Doctor into an element of your page: see README, "Embedding".
import init, { mount as mountApp } from "./${full.js}";
const ready = init({ module_or_path: new URL("./${full.wasm}", import.meta.url) });
export async function mount(element, config = {}) {
  await ready;
  return mountApp(element, config);
}
`,
);
console.log(`extract-loader: ${loaderName} loads ${shellJs[0]} first, ${full.js} when needed`);
