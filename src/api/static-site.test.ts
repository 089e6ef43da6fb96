/**
 * The static site beside the API (the web explorer's folder): files with their types and
 * cache headers, the same-origin CSP, index.html for the app's own paths, no way out of the
 * folder, and /v1 paths kept for the API's JSON errors.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { FastifyInstance } from "fastify";
import type { NodeApi } from "../node/types.js";
import { nodeStatus } from "../testing/node-status.js";
import { createApiServer } from "./server.js";
import { fileOf, SITE_CSP } from "./static-site.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-site-"));
const site = join(dir, "explorer");
mkdirSync(site);
writeFileSync(join(site, "index.html"), "<!doctype html><title>app</title>");
writeFileSync(join(site, "app-ABCD1234.js"), "console.log(1)");
writeFileSync(join(site, "style-ABCD1234.css"), "body{}");
writeFileSync(join(dir, "secret.txt"), "outside the site");
after(() => rmSync(dir, { recursive: true, force: true }));

/** The API server over a node that has no modules and answers only its status. */
async function server(siteDir?: string): Promise<FastifyInstance> {
  const node = { modules: () => [], status: () => nodeStatus({}) } as unknown as NodeApi;
  return createApiServer(node, siteDir === undefined ? {} : { site: siteDir });
}

test("files are served with their content type, cache policy and a same-origin CSP", async () => {
  const app = await server(site);
  const index = await app.inject("/");
  assert.equal(index.statusCode, 200);
  assert.match(index.headers["content-type"] as string, /^text\/html/);
  assert.equal(index.headers["cache-control"], "no-cache");
  assert.equal(index.headers["content-security-policy"], SITE_CSP);
  assert.match(SITE_CSP, /default-src 'self'/);
  assert.doesNotMatch(SITE_CSP, /https?:|\*/, "no remote origin is allowed");
  assert.equal(index.headers["x-content-type-options"], "nosniff");

  const js = await app.inject("/app-ABCD1234.js");
  assert.equal(js.statusCode, 200);
  assert.match(js.headers["content-type"] as string, /^text\/javascript/);
  assert.match(js.headers["cache-control"] as string, /immutable/, "hashed names are cached for good");
  assert.equal(js.body, "console.log(1)");
  const css = await app.inject("/style-ABCD1234.css");
  assert.match(css.headers["content-type"] as string, /^text\/css/);
  const head = await app.inject({ method: "HEAD", url: "/app-ABCD1234.js" });
  assert.equal(head.statusCode, 200);
  await app.close();
});

test("the app's own paths get index.html; a missing asset is a 404 in the error shape", async () => {
  const app = await server(site);
  for (const path of ["/device/356938035643809", "/number/%2B15551230000", "/block/12", "/search?q=AAA"]) {
    const r = await app.inject(path);
    assert.equal(r.statusCode, 200, path);
    assert.match(r.body, /<title>app<\/title>/, path);
  }
  const missing = await app.inject("/nothing-here.js");
  assert.equal(missing.statusCode, 404);
  assert.equal(missing.json().error.code, "NOT_FOUND");
  await app.close();
});

test("/v1 stays the API's: unknown routes answer JSON errors, never the page", async () => {
  const app = await server(site);
  const status = await app.inject("/v1/status");
  assert.equal(status.statusCode, 200);
  assert.equal(status.json().chainId, nodeStatus({}).chainId);
  for (const path of ["/v1/no-such-route", "/v1", "/v1/blocks/1/extra"]) {
    const r = await app.inject(path);
    assert.equal(r.statusCode, 404, path);
    assert.equal(r.json().error.code, "NOT_FOUND", path);
  }
  const post = await app.inject({ method: "POST", url: "/device/1", payload: {} });
  assert.equal(post.statusCode, 404, "only GET and HEAD serve files");
  await app.close();
});

test("no path leaves the folder", async () => {
  assert.equal(fileOf(site, "/../secret.txt"), undefined);
  assert.equal(fileOf(site, "/%2e%2e/secret.txt"), undefined);
  assert.equal(fileOf(site, "/..%2fsecret.txt"), undefined);
  assert.equal(fileOf(site, "/%00"), undefined);
  assert.equal(fileOf(site, "/%E0%A4%A"), undefined, "bad percent-encoding");
  assert.equal(fileOf(site, "/app-ABCD1234.js"), join(site, "app-ABCD1234.js"));
  const app = await server(site);
  for (const path of ["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt"]) {
    const r = await app.inject(path);
    assert.notEqual(r.body, "outside the site", path);
  }
  await app.close();
});

test("without a built explorer, / says so clearly (503 EXPLORER_NOT_BUILT); the API still works", async () => {
  const app = await server(join(dir, "not-built"));
  const r = await app.inject("/");
  assert.equal(r.statusCode, 503);
  assert.equal(r.json().error.code, "EXPLORER_NOT_BUILT");
  assert.match(r.json().error.message, /npm run build/);
  assert.equal((await app.inject("/v1/status")).statusCode, 200);
  await app.close();
});

test("without a site folder the server serves only the API", async () => {
  const app = await server();
  assert.equal((await app.inject("/")).statusCode, 404);
  await app.close();
});
