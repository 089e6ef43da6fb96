/**
 * The machine's Ed25519 verification limit: the best single-core verify rate of OpenSSL
 * (`openssl speed`) and libsodium (in-process), times the number of cores.
 */
import { spawnSync } from "node:child_process";
import { availableParallelism } from "node:os";
import sodium from "sodium-native";
import { parseOpensslSpeed } from "../src/crypto/speed.js";
import type { Reference } from "./report.js";

/** OpenSSL's single-core Ed25519 verify/s; undefined when openssl is missing or its output unparseable. */
export function opensslVerifyRate(seconds: number): number | undefined {
  const res = spawnSync("openssl", ["speed", "-seconds", String(seconds), "ed25519"], {
    encoding: "utf8",
    timeout: (seconds * 2 + 30) * 1000,
  });
  if (res.error || res.status !== 0) return undefined;
  return parseOpensslSpeed(res.stdout);
}

/** libsodium's bare crypto_sign_verify_detached rate on this thread, over about `ms`. */
export function sodiumVerifyRate(ms: number): number {
  const pk = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
  const sk = Buffer.alloc(sodium.crypto_sign_SECRETKEYBYTES);
  sodium.crypto_sign_keypair(pk, sk);
  const msg = Buffer.alloc(32, 0xab); // transactions sign a 32-byte digest
  const sig = Buffer.alloc(sodium.crypto_sign_BYTES);
  sodium.crypto_sign_detached(sig, msg, sk);
  if (!sodium.crypto_sign_verify_detached(sig, msg, pk))
    throw new Error("libsodium rejected its own signature");
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  do {
    for (let i = 0; i < 64; i++) sodium.crypto_sign_verify_detached(sig, msg, pk);
    count += 64;
    elapsed = performance.now() - start;
  } while (elapsed < ms);
  return (count * 1000) / elapsed;
}

export function measureEd25519Limit(opts: { quick: boolean }): Reference {
  const cores = availableParallelism();
  const openssl = opensslVerifyRate(opts.quick ? 1 : 3);
  const libsodium = sodiumVerifyRate(opts.quick ? 300 : 2000);
  const perCore = Math.max(openssl ?? 0, libsodium);
  const best = openssl !== undefined && openssl > libsodium ? "openssl" : "libsodium";
  return {
    name: `Ed25519 verify limit, ${best} x ${cores} cores`,
    value: perCore * cores,
    unit: "verify/s",
    notes:
      `openssl speed: ${openssl === undefined ? "unavailable" : `${Math.round(openssl)}/s`}, ` +
      `libsodium: ${Math.round(libsodium)}/s per core, cores: ${cores}`,
  };
}
