/**
 * Serves a folder of static files (the web explorer, built to dist/explorer) at `/`, beside
 * the API. The core knows nothing of what the files are: it maps paths to files, with their
 * content type, cache headers and a Content-Security-Policy that allows this origin only.
 *
 * - `/v1/…` and `/metrics` stay the API's: a path there that no route answers is the API's
 *   404 NOT_FOUND in the one JSON error shape, never a page.
 * - A path naming a file in the folder gets that file. Names with a content hash
 *   (`app-3F2A9C1B.js`) are cached for a year; everything else is revalidated.
 * - Any other path without a file extension (`/device/356938035643809`) gets index.html, so
 *   the app's own router (history routing) shows the page; a missing asset is a 404.
 * - Without the folder's index.html, `/` and the app's paths answer 503 EXPLORER_NOT_BUILT.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import { TelchainError } from "../errors.js";

/**
 * This origin only: no CDN, no remote script, style, font, image or connection. WebAssembly may
 * be compiled ('wasm-unsafe-eval': the SSZ hasher the light client bundles is WebAssembly);
 * JavaScript's eval stays forbidden.
 */
export const SITE_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

/** A file name with an 8+ character content hash before its extension (as the build names them). */
const HASHED = /-[A-Z0-9]{8,}\.[a-z]+$/;

/** Paths the API owns: never answered with a page. */
function isApiPath(path: string): boolean {
  return path === "/v1" || path.startsWith("/v1/") || path === "/metrics";
}

/** The file of `urlPath` inside `root`, or undefined when it would leave it or is not a file. */
export function fileOf(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const file = normalize(join(root, decoded));
  if (file !== root && !file.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

function send(reply: FastifyReply, file: string, cache: string): FastifyReply {
  return reply
    .header("Content-Type", CONTENT_TYPES[extname(file)] ?? "application/octet-stream")
    .header("Cache-Control", cache)
    .header("Content-Security-Policy", SITE_CSP)
    .header("X-Content-Type-Options", "nosniff")
    .header("Referrer-Policy", "no-referrer")
    .send(readFileSync(file));
}

/** Registers GET (and HEAD) `/` and `/*` answering from `root` (an absolute folder). */
export function registerStaticSite(app: FastifyInstance, root: string): void {
  const dir = normalize(root);
  const index = join(dir, "index.html");
  const handler = async (request: { url: string; method: string }, reply: FastifyReply) => {
    const path = request.url.split("?")[0];
    if (isApiPath(path)) throw new TelchainError("NOT_FOUND", `no route ${request.method} ${path}`);
    if (!existsSync(index))
      throw new TelchainError(
        "EXPLORER_NOT_BUILT",
        `the web explorer is not built in this copy (${index} is missing): run \`npm run build\`; the API is at /v1/status`,
      );
    const file = path === "/" ? undefined : fileOf(dir, path);
    if (file)
      return send(reply, file, HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache");
    if (extname(path) !== "") throw new TelchainError("NOT_FOUND", `no file ${path}`);
    return send(reply, index, "no-cache");
  };
  app.get("/", { schema: { hide: true } }, handler);
  app.get("/*", { schema: { hide: true } }, handler);
}
