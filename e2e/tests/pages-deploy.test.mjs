// The GitLab Pages recipe (.gitlab-ci.yml): the release site with the CSP in a meta tag, served
// without any header under a project sub-path, works and violates nothing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, openPage, startServer } from "../harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
let server, browser;
before(async () => {
  const pub = join(mkdtempSync(join(tmpdir(), "rd-pages-")), "public");
  cpSync(join(root, "dist"), pub, { recursive: true });
  execFileSync("node", [join(root, "scripts/add-meta-csp.mjs"), pub, "https://gitlab.example.com"]);
  server = await startServer({ dir: pub, base: "/acme/registry-doctor/", extra: ["--no-csp-header"] });
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.stop();
});

test("the Pages build works under a project sub-path with the CSP in a meta tag", async () => {
  const { page, problems } = await openPage(browser, `${server.url}#/d/manifest-list-blob-unknown`);
  await page.getByTestId("diagnosis").waitFor();
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(meta, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.match(meta, /connect-src 'self' https:\/\/gitlab\.example\.com/);
  assert.deepEqual(problems, []);
});
