/**
 * Builds the web explorer: bundles src/explorer/main.tsx (Preact, Chart.js, the pages) with
 * esbuild into dist/explorer/ — app-HASH.js, style-HASH.css, chunk-HASH.js (the light client,
 * loaded when a page verifies) and an index.html naming the first two. The
 * node serves that folder at `/` (src/api/static-site.ts); nothing is loaded from elsewhere.
 * Run by `npm run build` and `npm install` (prepare), after tsc.
 *
 *   node dist/src/scripts/build-explorer.js [outdir]
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { build } from "esbuild";
import { repoRoot } from "../testing/fixtures.js";

export async function buildExplorer(outdir: string): Promise<string[]> {
  const root = repoRoot();
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const result = await build({
    entryPoints: {
      app: join(root, "src", "explorer", "main.tsx"),
      style: join(root, "src", "explorer", "app.css"),
    },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    jsx: "automatic",
    jsxImportSource: "preact",
    entryNames: "[name]-[hash]",
    // The light client (with the codecs) is a chunk of its own, loaded by the pages that verify.
    splitting: true,
    chunkNames: "chunk-[hash]",
    outdir,
    metafile: true,
    legalComments: "linked",
    logLevel: "warning",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const files = Object.keys(result.metafile.outputs).map((f) => basename(f));
  const js = files.find((f) => f.startsWith("app-") && f.endsWith(".js"));
  const css = files.find((f) => f.endsWith(".css"));
  if (!js || !css) throw new Error(`the explorer build made no app js/css: ${files.join(", ")}`);
  writeFileSync(join(outdir, "index.html"), indexHtml(js, css));
  return [...files, "index.html"];
}

function indexHtml(js: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>telchain explorer</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/${css}">
<script type="module" src="/${js}"></script>
</head>
<body>
<div id="app"><noscript>The telchain explorer needs JavaScript; the API is at /v1/status.</noscript></div>
</body>
</html>
`;
}

if (process.argv[1] && basename(process.argv[1]) === "build-explorer.js") {
  const out = process.argv[2] ?? join(repoRoot(), "dist", "explorer");
  const files = await buildExplorer(out);
  console.log(`explorer built in ${out}: ${files.join(", ")}`);
}
