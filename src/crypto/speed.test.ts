import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { OPENSSL, skipWithout } from "../testing/tools.js";
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

const NO_OPENSSL = "without openssl, opensslSpeedEd25519 is undefined, not an error";
test(NO_OPENSSL, () => {
  const path = process.env.PATH;
  process.env.PATH = mkdtempSync(join(tmpdir(), "telchain-no-tools-")); // an empty directory: no openssl
  try {
    assert.equal(opensslSpeedEd25519(), undefined);
  } finally {
    rmSync(process.env.PATH, { recursive: true, force: true });
    process.env.PATH = path;
  }
});

test("opensslSpeedEd25519 smoke test", {
  skip: skipWithout(OPENSSL, `the parser is checked above; "${NO_OPENSSL}"`),
}, () => {
  const rate = opensslSpeedEd25519();
  assert.ok(rate !== undefined && rate > 100, `openssl verify/s: ${rate}`);
});
