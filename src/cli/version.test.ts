/** `telchain --version` and the monitoring flag of `telchain node`, run as a user runs them (a subprocess). */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "../testing/fixtures.js";
import { cliPath } from "../testing/node-process.js";

const pkg = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { version: string };

function telchain(...args: string[]) {
  const r = spawnSync(process.execPath, [cliPath(), ...args], { encoding: "utf8", timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test("telchain --version prints the package version; with --json, {version}", () => {
  for (const args of [["--version"], ["-V"]]) {
    const r = telchain(...args);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, `${pkg.version}\n`);
  }
  for (const args of [
    ["--version", "--json"],
    ["--json", "--version"],
  ]) {
    const r = telchain(...args);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { version: pkg.version });
  }
});

test("telchain node --health-max-lag takes a whole number, else BAD_ARGUMENT", () => {
  for (const bad of ["-1", "ten", "1.5"]) {
    const r = telchain("--json", "node", "--dev", "--health-max-lag", bad);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(JSON.parse(r.stderr).error.code, "BAD_ARGUMENT", r.stderr);
    assert.match(JSON.parse(r.stderr).error.message, /whole number/);
  }
});
