/**
 * The explorer's build and its module page list, without a browser: the bundle builds for a
 * browser (esbuild refuses node: built-ins there, so a page that pulls in node-side code
 * fails here), index.html names only its own files, nothing points at another origin, and
 * the module pages belong to real modules.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { explorerModules } from "../modules/explorer.js";
import { allModules } from "../modules/index.js";
import { buildExplorer } from "../scripts/build-explorer.js";
import { CORE_PAGES } from "./app.js";
import { matchPath } from "./router.js";

test("the explorer bundles for a browser into hashed files named by index.html, all from this origin", async () => {
  const out = mkdtempSync(join(tmpdir(), "telchain-explorer-build-"));
  try {
    const files = await buildExplorer(out);
    const html = readFileSync(join(out, "index.html"), "utf8");
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]).filter((r) => r !== "data:,");
    assert.equal(refs.length, 2, "one stylesheet, one script");
    for (const r of refs) {
      assert.match(r, /^\/(app|style)-[A-Z0-9]{8,}\.(js|css)$/, r);
      assert.ok(existsSync(join(out, r.slice(1))), `${r} is in the build`);
      assert.ok(files.includes(r.slice(1)));
    }
    const scripts = files.filter((f) => f.endsWith(".js"));
    assert.ok(
      scripts.some((f) => f.startsWith("chunk-")),
      "the light client is a chunk loaded on demand",
    );
    for (const f of scripts)
      assert.doesNotMatch(readFileSync(join(out, f), "utf8"), /from\s*["']node:/, `no Node built-in in ${f}`);
    assert.doesNotMatch(html, /https?:\/\//, "no remote asset");
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("module pages belong to modules of the node, and no two pages share a path", () => {
  const names = new Set(allModules().map((m) => m.name));
  const paths = new Set<string>(CORE_PAGES.map((p) => p.path));
  for (const m of explorerModules()) {
    assert.ok(names.has(m.name), `explorer pages for "${m.name}", which is not a module`);
    for (const p of m.pages) {
      assert.ok(!paths.has(p.path), `two pages at ${p.path}`);
      paths.add(p.path);
    }
  }
  for (const m of explorerModules())
    for (const panel of m.panels ?? [])
      assert.ok(paths.has(panel.page), `${m.name}'s panel joins ${panel.page}, which is no page`);
});

test("routes match paths and decode their parameters", () => {
  assert.deepEqual(matchPath("/number/:e164", "/number/%2B15551230000"), { e164: "+15551230000" });
  assert.deepEqual(matchPath("/number/:e164", "/number/+15551230000"), { e164: "+15551230000" });
  assert.deepEqual(matchPath("/", "/"), {});
  assert.equal(matchPath("/block/:id", "/block/1/2"), undefined);
  assert.equal(matchPath("/block/:id", "/tx/1"), undefined);
  assert.equal(matchPath("/block/:id", "/block/%E0%A4%A"), undefined, "bad percent-encoding is no match");
});
