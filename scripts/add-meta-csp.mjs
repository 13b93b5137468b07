// For static hosts that cannot send headers (GitLab Pages): writes the README's Content-Security-Policy
// into index.html as a <meta http-equiv> tag. A GitLab origin given as the second argument is added to
// connect-src so "Check my setup" can reach that instance's API. (frame-ancestors cannot be set this way.)
//   node scripts/add-meta-csp.mjs public https://gitlab.example.com
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir = "dist", gitlab = ""] = process.argv.slice(2);
let connect = "'self'";
if (gitlab) {
  const url = new URL(gitlab);
  if (url.protocol !== "https:" && url.hostname !== "localhost") throw new Error(`not an https origin: ${gitlab}`);
  connect += ` ${url.origin}`;
}
const csp =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  `font-src 'self'; connect-src ${connect}; base-uri 'none'; form-action 'none'; object-src 'none'`;
const path = join(dir, "index.html");
const html = readFileSync(path, "utf8");
if (html.includes('http-equiv="Content-Security-Policy"')) throw new Error("index.html already has a CSP meta tag");
writeFileSync(path, html.replace("<head>", `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`));
console.log(`add-meta-csp: ${csp}`);
