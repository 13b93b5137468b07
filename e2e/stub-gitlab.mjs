// A local stand-in for the GitLab REST API, for the "Check my setup" tests (CLI and page).
//   node e2e/stub-gitlab.mjs [--port 0] [--host 127.0.0.1] [--slow-ms 3000]
// Prints one line `{"port":N}` once listening. No dependencies.
//
// Bodies come from crates/core/tests/fixtures/gitlab/*.json, written from GitLab's API documentation;
// CORS headers copy GitLab's `config/initializers/cors.rb` for /api/* (any origin, no credentials,
// any request header, the pagination headers exposed). Failure modes are chosen by token or path:
//
//   tokens   glpat-developer  Developer, scopes read_registry+write_registry
//            glpat-maintainer Maintainer, scope api
//            glpat-reader     Reporter, scope read_registry
//            glpat-expired    401 "Token has expired."      glpat-revoked  401 "Token was revoked."
//            glpat-noapi      403 insufficient_scope        glpat-limited  429 Retry-After: 7
//            anything else    401
//   projects my-group/my-project (42, private)   big/registry (50, public, 1000 tags in 250 repos)
//            public/app (60, public, registry private)      platform/base-images (77, allows 42)
//            platform/locked (78, allowlist empty)          registry/off (61, registry disabled)
//            fail/forbidden 403 · fail/missing 404 · fail/rate-limited 429 · fail/server-error 500
//            fail/html 200 HTML · fail/bad-json 200 wrong shape · fail/slow (delayed)
//            fail/no-cors (no CORS headers)
//   GET /__stub/log   every request seen so far (method, url, whether a token header came)
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith("--") ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const FIX = join(dirname(fileURLToPath(import.meta.url)), "..", "crates", "core", "tests", "fixtures", "gitlab");
const fixture = (name) => JSON.parse(readFileSync(join(FIX, `${name}.json`), "utf8"));
const SLOW_MS = Math.min(Number(args["slow-ms"] ?? 3000), 30000);

const TOKENS = {
  "glpat-developer": { level: 30, scopes: ["read_registry", "write_registry"] },
  "glpat-maintainer": { level: 40, scopes: ["api"] },
  "glpat-reader": { level: 20, scopes: ["read_registry"] },
};

function project(id, path, visibility, registry, extra = {}) {
  const p = fixture("project");
  const [ns, name] = [path.split("/").slice(0, -1).join("/"), path.split("/").pop()];
  Object.assign(p, {
    id,
    path: name,
    name,
    path_with_namespace: path,
    name_with_namespace: path.replace("/", " / "),
    visibility,
    web_url: `https://gitlab.example.com/${path}`,
    container_registry_enabled: registry !== "disabled",
    container_registry_access_level: registry,
    container_registry_image_prefix: `registry.example.com/${path}`,
    namespace: { ...p.namespace, name: ns, path: ns, full_path: ns },
    ...extra,
  });
  return p;
}

const PROJECTS = {
  "my-group/my-project": project(42, "my-group/my-project", "private", "enabled"),
  "big/registry": project(50, "big/registry", "public", "enabled"),
  "public/app": project(60, "public/app", "public", "private"),
  "registry/off": project(61, "registry/off", "public", "disabled"),
  "platform/base-images": project(77, "platform/base-images", "private", "enabled"),
  "platform/locked": project(78, "platform/locked", "private", "enabled"),
};

function repositories(p) {
  if (p.id === 42) return fixture("registry_repositories");
  if (p.id === 50) {
    return Array.from({ length: 250 }, (_, i) => {
      const path = `big/registry/app-${i}`;
      const tags = Array.from({ length: 4 }, (_, t) => ({
        name: `1.${t}`,
        path: `${path}:1.${t}`,
        location: `registry.example.com/${path}:1.${t}`,
      }));
      return { id: 1000 + i, name: `app-${i}`, path, project_id: 50, location: `registry.example.com/${path}`,
        created_at: "2019-01-10T13:38:57.391Z", cleanup_policy_started_at: null, status: null, tags_count: 4, tags };
    });
  }
  return [];
}

const log = [];
const CORS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Expose-Headers":
    "Link, X-Total, X-Total-Pages, X-Per-Page, X-Page, X-Next-Page, X-Prev-Page, X-Gitlab-Blob-Id, X-Gitlab-Commit-Id, X-Request-Id, ETag",
  Vary: "Origin",
};

function send(res, status, body, { headers = {}, cors = true, type = "application/json" } = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, { "Content-Type": type, "Cache-Control": "no-cache", ...(cors ? CORS : {}), ...headers });
  res.end(text);
}

/// GitLab's offset pagination: page/per_page (20 by default, at most 100), X-* headers and Link.
function paginate(req, res, url, items) {
  const perPage = Math.min(Math.max(Number(url.searchParams.get("per_page")) || 20, 1), 100);
  const total = items.length;
  const pages = Math.max(Math.ceil(total / perPage), 1);
  const page = Math.max(Number(url.searchParams.get("page")) || 1, 1);
  const link = (n, rel) => {
    const u = new URL(url);
    u.searchParams.set("page", String(n));
    u.searchParams.set("per_page", String(perPage));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < pages) links.push(link(page + 1, "next"));
  links.push(link(1, "first"), link(pages, "last"));
  send(res, 200, items.slice((page - 1) * perPage, page * perPage), {
    headers: {
      "X-Page": String(page),
      "X-Per-Page": String(perPage),
      "X-Total": String(total),
      "X-Total-Pages": String(pages),
      "X-Next-Page": page < pages ? String(page + 1) : "",
      "X-Prev-Page": page > 1 ? String(page - 1) : "",
      Link: links.join(", "),
    },
  });
}

async function handle(req, res) {
  const url = new URL(req.url, `http://${req.headers.host}`);
  const token = req.headers["private-token"] ?? (req.headers.authorization ?? "").replace(/^Bearer /i, "");
  if (url.pathname === "/__stub/log") return send(res, 200, log, { cors: true });
  log.push({ method: req.method, url: req.url, token: Boolean(token) });
  if (req.method === "OPTIONS") {
    res.writeHead(200, {
      ...CORS,
      "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
      "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "PRIVATE-TOKEN, Authorization, Content-Type",
      "Access-Control-Max-Age": "7200",
    });
    return res.end();
  }
  if (!url.pathname.startsWith("/api/v4/")) return send(res, 404, "<!DOCTYPE html><title>Not Found</title>", { type: "text/html" });
  if (req.method !== "GET") return send(res, 405, { message: "the stub only answers GET" });
  const rest = url.pathname.slice("/api/v4/".length);

  // Who is asking.
  let who = null;
  if (token) {
    if (token === "glpat-expired") return send(res, 401, { error: "invalid_token", error_description: "Token has expired." });
    if (token === "glpat-revoked") return send(res, 401, { error: "invalid_token", error_description: "Token was revoked. You have to re-authorize from the user." });
    if (token === "glpat-limited") return send(res, 429, "Retry later\n", { type: "text/plain", headers: { "Retry-After": "7" } });
    if (token === "glpat-noapi") {
      return send(res, 403, { error: "insufficient_scope", error_description: "The request requires higher privileges than provided by the access token.", scope: "api read_api" });
    }
    who = TOKENS[token];
    if (!who) return send(res, 401, { message: "401 Unauthorized" });
  }
  if (rest === "personal_access_tokens/self") {
    if (!who) return send(res, 401, { message: "401 Unauthorized" });
    return send(res, 200, { ...fixture("personal_access_tokens_self"), scopes: who.scopes });
  }

  const m = rest.match(/^projects\/([^/]+)(\/.*)?$/);
  if (!m) return send(res, 404, { error: "404 Not Found" });
  const key = decodeURIComponent(m[1]);
  const sub = m[2] ?? "";
  switch (key) {
    case "fail/forbidden": return send(res, 403, { message: "403 Forbidden" });
    case "fail/missing": return send(res, 404, { message: "404 Project Not Found" });
    case "fail/rate-limited": return send(res, 429, "Retry later\n", { type: "text/plain", headers: { "Retry-After": "7" } });
    case "fail/server-error": return send(res, 500, { message: "500 Internal Server Error" });
    case "fail/html": return send(res, 200, "<!DOCTYPE html><html><head><title>Sign in · GitLab</title></head><body>Sign in</body></html>", { type: "text/html; charset=utf-8" });
    case "fail/bad-json": return send(res, 200, { unexpected: true });
    case "fail/no-cors": return send(res, 200, PROJECTS["my-group/my-project"], { cors: false });
    case "fail/slow": await new Promise((r) => setTimeout(r, SLOW_MS)); return send(res, 200, PROJECTS["my-group/my-project"]);
  }
  const p = PROJECTS[key] ?? Object.values(PROJECTS).find((x) => String(x.id) === key);
  // Private projects do not exist for anonymous callers (GitLab answers 404, not 403).
  if (!p || (p.visibility !== "public" && !who)) return send(res, 404, { message: "404 Project Not Found" });
  const level = who?.level ?? 0;
  if (sub === "") {
    const body = { ...p };
    if (who) body.permissions = { project_access: { access_level: level, notification_level: 3 }, group_access: null };
    else {
      // Anonymous callers get neither permissions nor the settings GitLab shows to members only.
      delete body.permissions;
      delete body.container_expiration_policy;
    }
    return send(res, 200, body);
  }
  if (sub === "/registry/repositories") {
    if (p.container_registry_access_level === "disabled") return send(res, 404, { message: "404 Not Found" });
    if (p.container_registry_access_level === "private" && level < 20) return send(res, 403, { message: "403 Forbidden" });
    let items = repositories(p);
    if (url.searchParams.get("tags") !== "true") items = items.map(({ tags, ...r }) => r);
    if (url.searchParams.get("tags_count") !== "true") items = items.map(({ tags_count, ...r }) => r);
    return paginate(req, res, url, items);
  }
  const tagsOf = sub.match(/^\/registry\/repositories\/(\d+)\/tags$/);
  if (tagsOf) {
    const repo = repositories(p).find((r) => String(r.id) === tagsOf[1]);
    return repo ? paginate(req, res, url, repo.tags) : send(res, 404, { message: "404 Repository Not Found" });
  }
  if (sub === "/registry/protection/repository/rules" || sub === "/registry/protection/tag/rules") {
    if (!who) return send(res, 401, { message: "401 Unauthorized" });
    if (level < 40) return send(res, 403, { message: "403 Forbidden" });
    if (p.id !== 42) return send(res, 200, []);
    return send(res, 200, fixture(sub.includes("/tag/") ? "protection_tag_rules" : "protection_repository_rules"));
  }
  if (sub.startsWith("/job_token_scope")) {
    if (!who) return send(res, 401, { message: "401 Unauthorized" });
    if (level < 40) return send(res, 403, { message: "403 Forbidden" });
    if (sub === "/job_token_scope") return send(res, 200, fixture("job_token_scope"));
    if (sub === "/job_token_scope/allowlist") return paginate(req, res, url, p.id === 77 ? fixture("job_token_allowlist") : []);
    if (sub === "/job_token_scope/groups_allowlist") return paginate(req, res, url, p.id === 77 ? fixture("job_token_groups_allowlist") : []);
  }
  return send(res, 404, { error: "404 Not Found" });
}

const server = createServer((req, res) => {
  handle(req, res).catch((e) => {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end(String(e));
  });
});
server.listen(Number(args.port ?? 0), args.host ?? "127.0.0.1", () => {
  console.log(JSON.stringify({ port: server.address().port }));
});
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.close(() => process.exit(0)));
