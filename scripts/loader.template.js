// Registry Doctor's loader, written into dist/ by scripts/extract-loader.mjs (which fills in the
// file names). The first load runs only the small first-paint shell (src/shell.rs); the full app is
// loaded when the shell asks for it (the first paste, a dropped file, another page), or straight
// away for a link the shell does not show (see `plain_home` in crates/core/src/link.rs, which this
// test mirrors: on a mismatch the shell asks for the full app itself) and for `?embed=1`.
const apps = {
  shell: { js: "./__SHELL_JS__", wasm: "./__SHELL_WASM__" },
  full: { js: "./__FULL_JS__", wasm: "./__FULL_WASM__" },
};
const loading = {};

function load(name) {
  loading[name] ??= (async () => {
    const { js, wasm } = apps[name];
    // The module and the wasm download in parallel. A failed download is reported by init below;
    // until then its rejection must not count as unhandled (it would reach the console).
    const bytes = fetch(new URL(wasm, import.meta.url));
    bytes.catch(() => {});
    const bindings = await import(js);
    await bindings.default({ module_or_path: bytes });
  })().catch(() => {
    delete loading[name];
    dispatchEvent(new Event("registry-doctor:load-failed"));
  });
  return loading[name];
}

addEventListener("registry-doctor:load-full", () => load("full"));
const plainHome = /^(#\/?)?(\?(lang=(en|ja)|v=1)(&(lang=(en|ja)|v=1))*)?$/.test(location.hash);
const embedded = new URLSearchParams(location.search).get("embed") === "1";
load(plainHome && !embedded ? "shell" : "full");
