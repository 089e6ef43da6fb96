import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { txSigningDigestOfBody, txSigningDigestPrefix } from "../codec/hashing.js";
import { generateSeed, publicKeyFromSeed, sign } from "./ed25519.js";
import { SigCache } from "./sig-cache.js";
import { packBatch, prefixedMessage, type VerifyItem, verifyPacked } from "./verify-batch.js";
import { VerifyPool } from "./verify-pool.js";

/** n signed items; every 7th is corrupted in a rotating way. Returns the items and the expected answers. */
function mixedBatch(n: number): { items: VerifyItem[]; expected: boolean[] } {
  const keys = Array.from({ length: 8 }, () => {
    const seed = generateSeed();
    return { seed, pub: publicKeyFromSeed(seed) };
  });
  const items: VerifyItem[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const k = keys[i % keys.length];
    // mostly 32-byte digests, but also other lengths including empty
    const msg = crypto.getRandomValues(new Uint8Array(i % 50 === 0 ? i % 3 : 32));
    let sig = sign(k.seed, msg);
    let pub = k.pub;
    let valid = true;
    if (i % 7 === 3) {
      valid = false;
      switch (((i / 7) % 4) | 0) {
        case 0:
          sig = sig.slice();
          sig[5] ^= 0x10;
          break;
        case 1:
          pub = keys[(i + 1) % keys.length].pub;
          break;
        case 2:
          sig = sig.subarray(0, 63); // wrong length
          break;
        default:
          pub = new Uint8Array(32); // small-order key
      }
    }
    items.push({ pub, msg, sig });
    expected.push(valid);
  }
  return { items, expected };
}

test("pack/verify round trip on the calling thread", () => {
  const { items, expected } = mixedBatch(60);
  assert.deepEqual(
    Array.from(verifyPacked(packBatch(items)), (r) => r === 1),
    expected,
  );
});

test("pool verifies a mixed batch of 1000 in order, and small batches inline", async () => {
  const pool = new VerifyPool(3);
  try {
    const { items, expected } = mixedBatch(1000);
    assert.ok(expected.filter((v) => !v).length > 100);
    assert.deepEqual(await pool.verifyBatch(items), expected);
    // concurrent batches keep their own order
    const [a, b] = await Promise.all([
      pool.verifyBatch(items.slice(0, 300)),
      pool.verifyBatch(items.slice(300)),
    ]);
    assert.deepEqual([...a, ...b], expected);
    assert.deepEqual(await pool.verifyBatch(items.slice(0, 5)), expected.slice(0, 5));
    assert.deepEqual(await pool.verifyBatch([]), []);
  } finally {
    await pool.close();
  }
  await assert.rejects(pool.verifyBatch(mixedBatch(20).items), /closed/);
});

test("with a prefix, the signed message is SHA-256(prefix || msg): a transaction's digest from its body", async () => {
  const chainId = "telchain-test";
  const prefix = txSigningDigestPrefix(chainId);
  const seed = generateSeed();
  const pub = publicKeyFromSeed(seed);
  const items: VerifyItem[] = [];
  const expected: boolean[] = [];
  for (let i = 0; i < 40; i++) {
    const body = crypto.getRandomValues(new Uint8Array(100 + i));
    const digest = txSigningDigestOfBody(chainId, body);
    assert.deepEqual(prefixedMessage(prefix, body), digest);
    // every 5th is signed over the body itself (not its digest): invalid
    items.push({ pub, msg: body, sig: sign(seed, i % 5 === 2 ? body : digest) });
    expected.push(i % 5 !== 2);
  }
  assert.deepEqual(
    Array.from(verifyPacked(packBatch(items, prefix)), (r) => r === 1),
    expected,
  );
  const pool = new VerifyPool(2);
  try {
    assert.deepEqual(await pool.verifyBatch(items, prefix), expected);
    assert.deepEqual(await pool.verifyBatch(items.slice(0, 5), prefix), expected.slice(0, 5)); // inline
  } finally {
    await pool.close();
  }
});

test("an un-closed pool does not keep the process alive", () => {
  const poolUrl = new URL("./verify-pool.js", import.meta.url).href;
  const edUrl = new URL("./ed25519.js", import.meta.url).href;
  const script = `
    import { VerifyPool } from ${JSON.stringify(poolUrl)};
    import { generateSeed, publicKeyFromSeed, sign } from ${JSON.stringify(edUrl)};
    const seed = generateSeed(), pub = publicKeyFromSeed(seed), msg = new Uint8Array(32);
    const sig = sign(seed, msg);
    const pool = new VerifyPool(2);
    const r = await pool.verifyBatch(Array.from({ length: 100 }, () => ({ pub, msg, sig })));
    console.log(r.every(Boolean) ? "all-valid" : "wrong");
  `;
  const dir = mkdtempSync(join(tmpdir(), "telchain-pool-"));
  const file = join(dir, "unclosed-pool.mjs");
  writeFileSync(file, script);
  const res = spawnSync(process.execPath, [file], { timeout: 20_000, encoding: "utf8" });
  rmSync(dir, { recursive: true, force: true });
  assert.equal(res.signal, null, "process had to be killed: the pool kept it alive");
  assert.equal(res.status, 0, res.stderr);
  assert.equal(res.stdout.trim(), "all-valid");
});

test("SigCache: bounded, evicts the oldest insertion, add refreshes", () => {
  const c = new SigCache(3);
  c.add("a");
  c.add("b");
  c.add("c");
  assert.equal(c.size, 3);
  c.add("a"); // refresh: b is now the oldest
  c.add("d");
  assert.equal(c.has("b"), false);
  assert.equal(c.has("a") && c.has("c") && c.has("d"), true);
  assert.equal(c.size, 3);
  assert.equal(c.delete("c"), true);
  assert.equal(c.has("c"), false);
  assert.equal(c.delete("c"), false);
  assert.throws(() => new SigCache(0), RangeError);
});
