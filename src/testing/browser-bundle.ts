/**
 * Checks that a source file bundles for a browser: esbuild bundles it (platform "browser") and
 * every node-only import reachable from it is reported (built-ins with or without node:, the
 * native addons, the node's storage), instead of failing on the first.
 */
import { join } from "node:path";
import * as esbuild from "esbuild";
import { repoRoot } from "./fixtures.js";

/** Node-only specifiers: built-ins (with or without node:), native addons, the node's storage. */
const NODE_ONLY =
  /^(node:|sodium-native$|lmdb$|fs$|path$|crypto$|os$|events$|util$|buffer$|stream$|net$|http$|worker_threads$)/;

export interface BrowserBundle {
  errors: esbuild.Message[];
  /** "<specifier> imported by <file>" for each node-only import reached. */
  nodeOnly: string[];
  bytes: number;
  /** The bundle's code. */
  code: string;
}

/**
 * Bundles `entry` (a path relative to the repository root) for a browser: an ES module, or with
 * `globalName` a script that assigns the entry's exports to that global (to run it in a vm).
 */
export async function browserBundle(entry: string, globalName?: string): Promise<BrowserBundle> {
  const nodeOnly: string[] = [];
  const result = await esbuild.build({
    entryPoints: [join(repoRoot(), entry)],
    bundle: true,
    write: false,
    platform: "browser",
    format: globalName ? "iife" : "esm",
    globalName,
    logLevel: "silent",
    plugins: [
      {
        name: "node-only",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) => {
            if (!NODE_ONLY.test(args.path)) return undefined;
            nodeOnly.push(`${args.path} imported by ${args.importer.slice(repoRoot().length + 1)}`);
            return { path: args.path, external: true };
          });
        },
      },
    ],
  });
  const out = result.outputFiles[0];
  return { errors: result.errors, nodeOnly, bytes: out?.contents.length ?? 0, code: out?.text ?? "" };
}
