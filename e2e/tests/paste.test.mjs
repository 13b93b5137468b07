// The paste analyzer in a real browser: a 10 MB log picked as a file, values carried to the
// diagnosis page, and text that is not a registry problem.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openPage, useSite } from "../harness.mjs";

const site = useSite(before, after);

/** A noisy CI log of about `mb` megabytes with one registry error in the middle. */
function bigLog(mb) {
  const noise = [
    "#12 [build 4/9] RUN npm ci --no-audit --no-fund",
    "#12 12.31 added 1432 packages in 11s",
    "\u001b[0KRunning after_script\u001b[0;m",
    "Step 7/12 : COPY . /app",
    " ---> Using cache",
    "2024-05-01T10:00:00.123456Z 01O Compiling serde v1.0.200",
  ];
  const lines = ["Running with gitlab-runner 17.5.0 (8ec04662)", "$ docker push registry.example.com:5050/acme/web/api:2.3.1"];
  let size = 0;
  const target = mb * 1024 * 1024;
  let i = 0;
  const error = [
    "The push refers to repository [registry.example.com:5050/acme/web/api]",
    "5f70bf18a086: Preparing",
    "denied: requested access to the resource is denied",
  ];
  while (size < target) {
    const line = i === Math.floor(target / 2 / 60) ? error.join("\n") : noise[i % noise.length] + " " + i;
    lines.push(line);
    size += line.length + 1;
    i += 1;
  }
  lines.push("ERROR: Job failed: exit code 1");
  return Buffer.from(lines.join("\n"));
}

test("a 10 MB log picked as a file is diagnosed, with timing reported", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url);
  const buffer = bigLog(10);
  // Note when the first diagnosis is painted, in the page's own clock.
  await page.evaluate(() => {
    new MutationObserver((_, obs) => {
      if (document.querySelector("[data-testid=diagnosis]")) {
        requestAnimationFrame(() => (window.__rdShownAt = performance.now()));
        obs.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const started = Date.now();
  await page.setInputFiles("[data-testid=paste-file]", { name: "job.log", mimeType: "text/plain", buffer });
  const first = page.getByTestId("diagnosis").first();
  await first.waitFor({ timeout: 30000 });
  const total = Date.now() - started;
  await page.waitForFunction(() => window.__rdShownAt !== undefined);
  const results = page.getByTestId("results");
  const analyzeMs = Number(await results.getAttribute("data-analyze-ms"));
  const readyAt = Number(await results.getAttribute("data-input-ready-at"));
  const shownAt = await page.evaluate(() => window.__rdShownAt);
  console.log(
    `10 MB log: ${(shownAt - readyAt).toFixed(1)} ms from file read to diagnosis painted ` +
      `(analysis ${analyzeMs.toFixed(1)} ms in wasm); ${total} ms from file pick, including reading`,
  );
  assert.equal(await first.getAttribute("data-catalog"), "ENT-B01");
  assert.ok((await page.getByTestId("evidence").first().textContent()).includes("denied: requested access"));
  // The log itself never goes into the DOM: only evidence lines are rendered.
  const domSize = await page.evaluate(() => document.body.innerHTML.length);
  assert.ok(domSize < 200_000, `DOM holds ${domSize} characters`);
  // The values found are listed, and travel to the diagnosis page.
  assert.equal(await page.locator("[data-testid=found-values] dd[data-value=registry]").textContent(), "registry.example.com:5050");
  const href = await first.locator("h3 a").getAttribute("href");
  assert.match(href, /registry=registry\.example\.com:5050/);
  await first.locator("h3 a").click();
  await page.getByTestId("param-form").waitFor();
  assert.equal(await page.locator("input[data-param=registry]").inputValue(), "registry.example.com:5050");
  assert.ok((await page.getByTestId("command").allTextContents()).some((c) => c.includes("registry.example.com:5050")));
  assert.deepEqual(problems, []);
});

test("reading a big file can be cancelled", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url);
  const path = join(mkdtempSync(join(tmpdir(), "rd-")), "huge.log");
  writeFileSync(path, bigLog(80));
  await page.setInputFiles("[data-testid=paste-file]", path);
  const cancel = page.getByTestId("cancel-read");
  await cancel.click({ timeout: 5000 }).catch(() => {});
  const outcome = await Promise.race([
    page.getByTestId("read-cancelled").waitFor({ timeout: 30000 }).then(() => "cancelled"),
    page.getByTestId("diagnosis").first().waitFor({ timeout: 30000 }).then(() => "finished"),
  ]);
  // On a fast machine the read may finish before the click lands; either way no error and no freeze.
  assert.ok(["cancelled", "finished"].includes(outcome));
  assert.deepEqual(problems, []);
});

test("a compile error is not a registry problem", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url);
  await page.getByTestId("paste-input").fill("error[E0308]: mismatched types\n --> src/main.rs:4:5\n  |\n4 |     let x: u32 = \"a\";\n");
  await page.getByTestId("no-match").waitFor();
  assert.equal(await page.getByTestId("diagnosis").count(), 0);
  assert.deepEqual(problems, []);
});
