/**
 * System tools some tests call (dig, openssl). `npm test` must pass with only Node and npm:
 * a test that needs a tool runs where the tool exists (CI installs them) and is skipped with a
 * clear line elsewhere — `test(name, { skip: skipWithout(DIG, "...") }, fn)` — and what it
 * checks is also checked by a test that needs nothing but Node.
 */
import { spawnSync } from "node:child_process";

export interface Tool {
  /** The executable, looked up on the PATH. */
  name: string;
  /** Arguments that make it print its version and exit 0. */
  probe: string[];
  /** How to install it. */
  install: string;
}

export const DIG: Tool = { name: "dig", probe: ["-v"], install: "apt-get install dnsutils" };
export const OPENSSL: Tool = { name: "openssl", probe: ["version"], install: "apt-get install openssl" };

const found = new Map<string, boolean>();

/** True when the tool runs (probed once per process). */
export function hasTool(tool: Tool): boolean {
  let ok = found.get(tool.name);
  if (ok === undefined) {
    const res = spawnSync(tool.name, tool.probe, { stdio: "ignore", timeout: 10_000 });
    ok = res.error === undefined && res.status === 0;
    found.set(tool.name, ok);
  }
  return ok;
}

/**
 * node:test's `skip` option for a test that needs `tool`: false when it is installed, else the
 * skip line, e.g. "dig not installed (apt-get install dnsutils): <what still covers it>".
 */
export function skipWithout(tool: Tool, coveredBy: string): string | false {
  return hasTool(tool) ? false : `${tool.name} not installed (${tool.install}): ${coveredBy}`;
}
