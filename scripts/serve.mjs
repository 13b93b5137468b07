// A small static server for dist/ that sends the Content-Security-Policy and headers README
// documents for hosts. Used by `make serve` and by the end-to-end tests.
//   node scripts/serve.mjs [--dir dist] [--port 8080] [--host 127.0.0.1] [--base /registry-doctor/]
// With --base the site is only served under that sub-path (as GitLab Pages project sites are).
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

// --name value pairs; a flag followed by another flag (or nothing) is boolean ("--cors").
const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (!a.startsWith("--")) return acc;
    const next = all[i + 1];
    return [...acc, [a.slice(2), next === undefined || next.startsWith("--") ? true : next]];
  }, []),
);
const root = resolve(args.dir ?? "dist");
const port = Number(args.port ?? 8080);
const host = args.host ?? "127.0.0.1";
const base = (args.base ?? "/").replace(/\/?$/, "/");
const connect = args.connect ? ` ${args.connect}` : "";

export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  `font-src 'self'; connect-src 'self'${connect}; base-uri 'none'; form-action 'none'; object-src 'none'` +
  // Optional hardening README recommends: no DOM sink may take a string (the app never uses one).
  (args["trusted-types"] ? "; require-trusted-types-for 'script'; trusted-types 'none'" : "");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

const server = createServer(async (req, res) => {
  const url = new URL(req.url, "http://x");
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404, { "Content-Type": "text/plain" }).end("not under " + base);
    return;
  }
  let rel = decodeURIComponent(url.pathname.slice(base.length)) || "index.html";
  if (rel.endsWith("/")) rel += "index.html";
  const file = normalize(join(root, rel));
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error("not a file");
    const body = await readFile(file);
    res.writeHead(200, {
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      // --no-csp-header: behave like GitLab Pages, which cannot send headers (the CSP is then in a
      // meta tag written by scripts/add-meta-csp.mjs).
      ...(args["no-csp-header"] ? {} : { "Content-Security-Policy": CSP }),
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Cache-Control": "no-cache",
      // Lets a portal on another origin load registry-doctor-embed.js and the wasm (mount mode).
      ...(args.cors ? { "Access-Control-Allow-Origin": "*" } : {}),
    });
    res.end(body);
  } catch {
    res.writeHead(404, { "Content-Type": "text/plain", "Content-Security-Policy": CSP }).end("not found");
  }
});
server.listen(port, host, () => console.log(`serving ${root} at http://${host}:${port}${base} with the strict CSP`));
