/** Figure `verify-pool`: raw VerifyPool throughput on a batch of distinct valid signatures. */
import { availableParallelism } from "node:os";
import sodium from "sodium-native";
import { type VerifyItem, VerifyPool } from "../../src/crypto/verify-pool.js";
import { progress, secondsSince } from "../progress.js";
import { type Figure, figureAgainst, type Reference } from "../report.js";

/** `count` valid (pub, 32-byte msg, sig) items signed by `keys` different keys. */
export function signedItems(count: number, keys = 256): VerifyItem[] {
  const pairs = Array.from({ length: Math.min(keys, count) }, () => {
    const pk = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
    const sk = Buffer.alloc(sodium.crypto_sign_SECRETKEYBYTES);
    sodium.crypto_sign_keypair(pk, sk);
    return { pk, sk };
  });
  const items: VerifyItem[] = [];
  for (let i = 0; i < count; i++) {
    const { pk, sk } = pairs[i % pairs.length];
    const msg = Buffer.alloc(32);
    sodium.randombytes_buf(msg);
    const sig = Buffer.alloc(sodium.crypto_sign_BYTES);
    sodium.crypto_sign_detached(sig, msg, sk);
    items.push({ pub: new Uint8Array(pk), msg: new Uint8Array(msg), sig: new Uint8Array(sig) });
  }
  return items;
}

export async function verifyPoolFigure(ref: Reference, opts: { quick: boolean }): Promise<Figure> {
  const count = opts.quick ? 2_000 : 20_000;
  const rounds = opts.quick ? 2 : 3;
  const threads = availableParallelism();
  progress(`verify-pool: signing ${count} items`);
  const items = signedItems(count);
  const pool = new VerifyPool(threads);
  try {
    await pool.verifyBatch(items.slice(0, 64)); // start the workers outside the timing
    let best = 0;
    for (let r = 1; r <= rounds; r++) {
      progress(`verify-pool: round ${r}/${rounds} (${count} verifies, ${threads} threads)`);
      const start = performance.now();
      const results = await pool.verifyBatch(items);
      const rate = count / secondsSince(start);
      if (!results.every(Boolean)) throw new Error("VerifyPool rejected a valid signature");
      best = Math.max(best, rate);
    }
    return figureAgainst(
      "verify-pool",
      best,
      "verify/s",
      ref,
      `best of ${rounds} batches of ${count}, ${threads} worker threads`,
    );
  } finally {
    await pool.close();
  }
}
