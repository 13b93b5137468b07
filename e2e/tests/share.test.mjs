// Sharing and portal presets: a link with the pasted text (secrets removed first) reopens the
// analysis; Markdown export; registry-doctor.json presets valid, invalid and missing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openPage, startServer, useSite } from "../harness.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const site = useSite(before, after);

const LOG = [
  "$ echo glpat-AbCdEfGhIjKlMnOpQrSt | docker login registry.example.com -u deploy --password-stdin",
  "$ docker push registry.example.com/group/app:1.0",
  "The push refers to repository [registry.example.com/group/app]",
  "denied: requested access to the resource is denied",
].join("\n");

test("a results link with the pasted text removes secrets and reopens the analysis", async () => {
  const { page, problems } = await openPage(site.browser, site.server.url, { clipboard: true });
  await page.getByTestId("paste-input").fill(LOG);
  await page.getByTestId("share-results").waitFor();
  const plain = await page.getByTestId("results-link").inputValue();
  assert.match(plain, /#\/d\/push-denied-insufficient-scope\?/, "without the text the link opens the best diagnosis");
  assert.doesNotMatch(plain, /paste=/);
  await page.getByTestId("include-paste").check();
  await page.getByTestId("redacted").waitFor();
  const withPaste = await page.getByTestId("results-link").inputValue();
  assert.match(withPaste, /paste=d/);
  assert.ok(!withPaste.includes("glpat-"), "the token never goes into the link");
  assert.ok(withPaste.length < 2048, `link is ${withPaste.length} bytes`);
  // Opening the link shows the same diagnosis, and the token is gone from the text.
  const other = await openPage(site.browser, withPaste);
  await other.page.getByTestId("diagnosis").first().waitFor();
  assert.equal(await other.page.getByTestId("diagnosis").first().getAttribute("data-catalog"), "ENT-B01");
  assert.ok(!(await other.page.getByTestId("paste-input").inputValue()).includes("glpat-AbCd"));
  // Copy as Markdown.
  await page.getByTestId("copy-markdown").click();
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(md, /^#+ /m);
  assert.match(md, /```/);
  assert.ok(!md.includes("glpat-AbCd"));
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
});

test("a manifest check can be shared with the manifest in the link", async () => {
  const manifest = JSON.stringify({ schemaVersion: 1, name: "group/app", tag: "1.0", architecture: "amd64", fsLayers: [], history: [] });
  const { page, problems } = await openPage(site.browser, `${site.server.url}#/manifest`);
  await page.getByTestId("manifest-input").fill(manifest);
  await page.getByTestId("include-paste").check();
  const link = await page.getByTestId("paste-link").inputValue();
  assert.match(link, /#\/manifest\?.*paste=d/);
  const other = await openPage(site.browser, link);
  await other.page.getByTestId("manifest-results").waitFor();
  await other.page.waitForFunction(() => document.querySelector("[data-testid=manifest-results]")?.textContent.includes("docker-schema1"));
  assert.deepEqual(problems, []);
  assert.deepEqual(other.problems, []);
});

async function withPresets(body, fn) {
  const dir = join(mkdtempSync(join(tmpdir(), "rd-presets-")), "site");
  cpSync(join(root, "dist"), dir, { recursive: true });
  if (body !== null) writeFileSync(join(dir, "registry-doctor.json"), body);
  const s = await startServer({ dir });
  try {
    await fn(s);
  } finally {
    s.stop();
  }
}

test("valid presets fill the portal's hosts into the commands", async () => {
  const presets = JSON.stringify({ gitlab_url: "https://gitlab.acme.test", registry: "registry.acme.test:5050", language: "ja" });
  await withPresets(presets, async (s) => {
    const { page, problems } = await openPage(site.browser, `${s.url}#/d/manifest-list-blob-unknown`);
    await page.waitForFunction(() => document.querySelector("input[data-param=registry]")?.value === "registry.acme.test:5050");
    assert.ok((await page.getByTestId("command").allTextContents()).some((c) => c.includes("registry.acme.test:5050")));
    assert.equal(await page.locator("html").getAttribute("lang"), "ja", "the portal's default language");
    assert.deepEqual(problems, []);
  });
});

test("the portal's own entries are matched in pasted text and listed", async () => {
  const entry = {
    id: "corp-proxy-blocks-push",
    catalog: ["CORP-01"],
    audience: "user",
    platform: "self-managed",
    title: { en: "Push fails behind the corporate proxy", ja: "社内プロキシ経由でプッシュが失敗する" },
    summary: { en: "The proxy cuts uploads over 1 GB.", ja: "プロキシが 1 GB を超えるアップロードを切断します。" },
    causes: [{ text: { en: "Proxy body limit", ja: "プロキシの本文サイズ制限" }, question: { en: "Same size every time?", ja: "毎回同じサイズで失敗しますか？" } }],
    fix: [{ text: { en: "Use the internal registry host.", ja: "社内用のレジストリホストを使います。" }, plan: "docker-login-token" }],
    symptoms: [{ match: "proxy-corp: upload aborted", strength: "unique", where: ["client"] }],
    related: [],
    sources: [{ title: "Intranet: registry", url: "https://wiki.corp.example/registry" }],
  };
  await withPresets(JSON.stringify({ entries: [entry] }), async (s) => {
    const { page, problems } = await openPage(site.browser, s.url);
    await page.getByTestId("paste-input").fill("$ docker push registry.corp.example/app:1\nproxy-corp: upload aborted\n");
    const card = page.getByTestId("custom-entry");
    await card.waitFor();
    assert.match(await card.textContent(), /Push fails behind the corporate proxy/);
    await page.goto(`${s.url}#/all`);
    await page.getByTestId("custom-entry").waitFor();
    assert.deepEqual(problems, []);
  });
});

test("an invalid presets file is reported by field and the page runs on defaults", async () => {
  const presets = JSON.stringify({ gitlab_url: "http://insecure.example", colour: "red" });
  await withPresets(presets, async (s) => {
    const { page, problems } = await openPage(site.browser, `${s.url}#/d/manifest-list-blob-unknown`);
    const notice = page.getByTestId("preset-errors");
    await notice.waitFor();
    const text = await notice.textContent();
    assert.match(text, /\$\.gitlab_url/);
    assert.match(text, /\$\.colour/);
    assert.equal(await page.locator("input[data-param=registry]").inputValue(), "");
    assert.deepEqual(problems, []);
  });
});

test("no presets file is normal and silent", async () => {
  await withPresets(null, async (s) => {
    const { page, problems } = await openPage(site.browser, `${s.url}#/d/manifest-list-blob-unknown`);
    await page.getByTestId("param-form").waitFor();
    assert.equal(await page.getByTestId("preset-errors").count(), 0);
    assert.deepEqual(problems, []);
  });
});
