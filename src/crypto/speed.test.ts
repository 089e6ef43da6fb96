import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { test } from "node:test";
import { measureVerifyRate, opensslSpeedEd25519, parseOpensslSpeed } from "./speed.js";

test("measureVerifyRate reports a positive rate for both verifiers", () => {
  for (const v of ["node", "sodium"] as const) {
    const rate = measureVerifyRate(v, 100);
    assert.ok(Number.isFinite(rate) && rate > 100, `${v}: ${rate}/s`);
  }
});

test("parseOpensslSpeed reads the verify/s column", () => {
  const out = [
    "                              sign    verify    sign/s verify/s",
    " 253 bits EdDSA (Ed25519)   0.0001s   0.0002s  15560.6   6550.0",
  ].join("\n");
  assert.equal(parseOpensslSpeed(out), 6550);
  assert.equal(parseOpensslSpeed("no such line"), undefined);
});

const hasOpenssl = spawnSync("openssl", ["version"]).status === 0;

test("opensslSpeedEd25519 smoke test", { skip: hasOpenssl ? false : "openssl not installed" }, () => {
  const rate = opensslSpeedEd25519();
  assert.ok(rate !== undefined && rate > 100, `openssl verify/s: ${rate}`);
});
