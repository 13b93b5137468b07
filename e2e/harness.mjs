// Shared set-up for the end-to-end tests: serves ../dist under a sub-path with the strict CSP (the
// same server README documents), launches Debian's Chromium through playwright-core, and records
// every console error, page error, failed request and CSP violation so a test can assert there
// were none.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const BASE_PATH = "/registry-doctor/";
const root = fileURLToPath(new URL("..", import.meta.url));

async function freePort() {
  const srv = createServer();
  srv.listen(0, "127.0.0.1");
  await once(srv, "listening");
  const { port } = srv.address();
  srv.close();
  return port;
}

/** Starts the static server; resolves to { url, origin, stop }. `extra` adds serve.mjs options. */
export async function startServer({ dir = "dist", base = BASE_PATH, extra = [] } = {}) {
  const port = await freePort();
  const child = spawn("node", ["scripts/serve.mjs", "--dir", dir, "--port", String(port), "--base", base, "--cors", "--trusted-types", ...extra], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("serving") && resolve());
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}${base}`, origin: `http://127.0.0.1:${port}`, stop: () => child.kill() };
}

/** Serves one HTML page (a stand-in for a company's docs portal) on another origin. */
export async function startPortal(html) {
  const { createServer: createHttp } = await import("node:http");
  const port = await freePort();
  const server = createHttp((_req, res) => res.writeHead(200, { "Content-Type": "text/html" }).end(html));
  server.listen(port, "localhost");
  await once(server, "listening");
  return { url: `http://localhost:${port}/`, stop: () => server.close() };
}

/**
 * Registers before/after hooks that start the site and a browser for a test file; the returned
 * object's `server` and `browser` are set once the hooks have run.
 */
export function useSite(before, after, options) {
  const site = { server: undefined, browser: undefined };
  before(async () => {
    site.server = await startServer(options);
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    site.server?.stop();
  });
  return site;
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** A page that records problems; `problems` must stay empty in every test. */
export async function openPage(browser, url, options = {}) {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? "light", locale: options.locale ?? "en-US" });
  if (options.clipboard) await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const page = await context.newPage();
  const problems = [];
  const requests = [];
  page.on("request", (req) => requests.push(req.url()));
  // A missing registry-doctor.json (portal presets) is normal: its 404 is not a problem.
  const presetsMissing = (url) => url.endsWith("/registry-doctor.json");
  page.on("console", (msg) => {
    const url = msg.location().url ?? "";
    if (msg.type() === "error" && !presetsMissing(url)) problems.push(`console: ${msg.text()}${url ? ` (${url})` : ""}`);
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  page.on("response", (res) => {
    if (res.status() >= 400 && !(res.status() === 404 && presetsMissing(res.url()))) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  await page.waitForSelector("[data-testid=language-switch], [data-testid=crash]", { timeout: 15000 });
  return { page, problems, context, requests };
}
