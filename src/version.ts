/** The package's version (package.json), as `telchain --version` and GET /v1/status show it. */
import { readFileSync } from "node:fs";

/** package.json sits at the repository root: two levels above this file in src/ and in dist/src/. */
function readVersion(): string {
  const url = new URL("../../package.json", import.meta.url);
  try {
    const pkg = JSON.parse(readFileSync(url, "utf8")) as { version?: unknown };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

export const VERSION: string = readVersion();
