// Embedding in a docs portal: the iframe mode reports its height to the parent with postMessage,
// and mount() renders into a host element without touching the host page's address.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startPortal, useSite } from "../harness.mjs";

const site = useSite(before, after);

test("?embed=1 hides the chrome and reports its height to the portal", async () => {
  const portal = await startPortal(`<!doctype html><html><body>
    <iframe id="rd" src="${site.server.url}?embed=1#/d/manifest-list-blob-unknown?registry=registry.example.com" allow="clipboard-write" title="Registry Doctor"></iframe>
    <script>
      window.heights = [];
      addEventListener("message", (e) => {
        if (e.origin === "${site.server.origin}" && e.data && e.data.type === "registry-doctor:resize") {
          window.heights.push(e.data.height);
          document.getElementById("rd").style.height = e.data.height + "px";
        }
      });
    </script></body></html>`);
  try {
    const page = await site.browser.newPage();
    await page.goto(portal.url);
    const frame = page.frameLocator("#rd");
    await frame.getByTestId("diagnosis").waitFor();
    assert.equal(await frame.locator("header.top").count(), 0, "no site chrome in embed mode");
    await page.waitForFunction(() => window.heights.length > 0 && window.heights.at(-1) > 300, null, { timeout: 10000 });
    const heights = await page.evaluate(() => window.heights);
    assert.ok(heights.at(-1) > 300, `reported heights: ${heights}`);
    await page.close();
  } finally {
    portal.stop();
  }
});

test("mount() renders into a host element and keeps state out of the host's URL", async () => {
  const portal = await startPortal(`<!doctype html><html><body>
    <h1>Portal</h1><div id="rd"></div>
    <script type="module">
      import { mount } from "${site.server.url}registry-doctor-embed.js";
      window.handle = await mount(document.getElementById("rd"), { lang: "ja", link: "#/guided" });
      window.mounted = true;
    </script></body></html>`);
  try {
    const page = await site.browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(portal.url);
    await page.waitForFunction(() => window.mounted === true, null, { timeout: 15000 });
    const root = page.locator("#rd");
    await root.getByTestId("guided").waitFor();
    assert.ok((await root.textContent()).includes("問題が起きたとき"), "Japanese from the mount config");
    await root.locator(".options a").first().click();
    await page.waitForFunction(() => document.querySelector("#rd [data-testid=guided]")?.getAttribute("data-node") !== "root");
    assert.equal(new URL(page.url()).hash, "", "the host page's URL is untouched");
    await page.evaluate(() => window.handle.destroy());
    assert.equal(await root.locator("[data-testid=guided]").count(), 0, "destroy() removes it");
    assert.deepEqual(errors, []);
    await page.close();
  } finally {
    portal.stop();
  }
});
