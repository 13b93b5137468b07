// trunk post_build hook: moves trunk's inline <script type="module"> loader into a file named by the
// hash of its content, so the page runs under `script-src 'self'` (no inline scripts), and fails the
// build if any inline script or style attribute is left.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("extract-loader: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const htmlPath = join(dir, "index.html");
let html = readFileSync(htmlPath, "utf8");
const inline = /<script type="module"(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;
let count = 0;
html = html.replace(inline, (_whole, body) => {
  count += 1;
  const hash = createHash("sha256").update(body).digest("hex").slice(0, 16);
  const name = `loader-${hash}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  return `<script type="module" src="./${name}"></script>`;
});
if (count === 0) {
  console.error("extract-loader: no inline loader found (did trunk change its output?)");
  process.exit(1);
}
if (/<script(?![^>]*\bsrc=)[^>]*>/.test(html) || /\sstyle=/.test(html)) {
  console.error("extract-loader: an inline script or style attribute is left in index.html");
  process.exit(1);
}
writeFileSync(htmlPath, html);

// A stable entry point for portals that mount Registry Doctor into their own page (README,
// "Embedding"): it loads the hashed module and wasm relative to itself.
const js = html.match(/href="\.\/(registry-doctor-web-[0-9a-f]+\.js)"/);
const wasm = html.match(/href="\.\/(registry-doctor-web-[0-9a-f]+_bg\.wasm)"/);
if (!js || !wasm) {
  console.error("extract-loader: cannot find the app's module and wasm in index.html");
  process.exit(1);
}
writeFileSync(
  join(dir, "registry-doctor-embed.js"),
  `// Mount Registry Doctor into an element of your page: see README, "Embedding".
import init, { mount as mountApp } from "./${js[1]}";
const ready = init({ module_or_path: new URL("./${wasm[1]}", import.meta.url) });
export async function mount(element, config = {}) {
  await ready;
  return mountApp(element, config);
}
`,
);
console.log(`extract-loader: moved ${count} inline loader(s) into files`);
