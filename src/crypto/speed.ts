/** Single-thread signature-verification throughput, for benchmarks and `telchain` diagnostics. */
import { spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import { generateSeed, publicKeyFromSeed, sign, VERIFIERS } from "./ed25519.js";

/** Verifies per second on this thread with the given verifier (strict rule included), over about `ms`. */
export function measureVerifyRate(verifier: "node" | "sodium", ms = 1000): number {
  const check = VERIFIERS[verifier];
  const seed = generateSeed();
  const pub = publicKeyFromSeed(seed);
  const msg = new Uint8Array(32).fill(0xab);
  const sig = sign(seed, msg);
  if (!check(pub, msg, sig)) throw new Error(`${verifier} verifier rejected a valid signature`);
  const start = performance.now();
  let count = 0;
  let elapsed = 0;
  do {
    for (let i = 0; i < 64; i++) check(pub, msg, sig);
    count += 64;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (count * 1000) / elapsed;
}

/** Parses the `verify/s` column of the Ed25519 line of `openssl speed ed25519` output. */
export function parseOpensslSpeed(output: string): number | undefined {
  const m = /253 bits EdDSA \(Ed25519\)\s+[\d.]+s\s+[\d.]+s\s+[\d.]+\s+([\d.]+)/.exec(output);
  return m ? Number(m[1]) : undefined;
}

/** OpenSSL's own Ed25519 verify/s (single core, ~4 s to run); undefined if openssl is missing or fails. */
export function opensslSpeedEd25519(): number | undefined {
  const res = spawnSync("openssl", ["speed", "-seconds", "2", "ed25519"], {
    encoding: "utf8",
    timeout: 60_000,
  });
  if (res.error || res.status !== 0) return undefined;
  return parseOpensslSpeed(res.stdout);
}
