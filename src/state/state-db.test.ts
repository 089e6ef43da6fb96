import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { LmdbStore } from "../storage/lmdb.js";
import { bucketOf, keyHash } from "./commitment.js";
import { keyString } from "./overlay.js";
import { StateDb } from "./state-db.js";

/** A key whose hash falls in `bucket` (found by counting; about 65,536 tries per bucket). */
function keyInBucket(bucket: number, salt: string): Uint8Array {
  for (let i = 0; ; i++) {
    const k = new TextEncoder().encode(`${salt}-${i}`);
    if (bucketOf(keyHash(k)) === bucket) return k;
  }
}

for (const bucket of [0, 0x1234, 0xffff]) {
  test(`incremental roots equal a root over the whole state, with keys in bucket ${bucket}`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "telchain-statedb-"));
    const store = new LmdbStore(dir, { mapSize: 64 * 1024 ** 2 });
    try {
      const a = keyInBucket(bucket, "a");
      const b = keyInBucket(bucket, "b");
      const value = (s: string) => new TextEncoder().encode(s);
      const first = new Map([[keyString(a), value("one")]]);
      const db = new StateDb(store);
      const p1 = db.prepare(first);
      store.write((batch) => p1.write(batch));
      p1.commitTree();
      assert.equal(db.bucketEntries(bucket).length, 1, "the stored leaf is found in its bucket");

      // A second key in the same bucket: the new bucket hash must include the stored one.
      const p2 = db.prepare(new Map([[keyString(b), value("two")]]));
      const whole = StateDb.rootOf(new Map([...first, [keyString(b), value("two")]]));
      assert.equal(toHex(p2.root), toHex(whole));
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
