import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { StateDb } from "../state/state-db.js";
import { BUCKETS } from "./interface.js";
import { LmdbStore } from "./lmdb.js";

const all = (s: LmdbStore, bucket: (typeof BUCKETS)[number]) =>
  [...s.range(bucket, new Uint8Array(), new Uint8Array(64).fill(0xff))].map(
    ({ key, value }) => `${toHex(key)}=${toHex(value)}`,
  );

test("copyCompacted copies every bucket's entries byte for byte, and the copy has the same state root", async () => {
  const dir = mkdtempSync(join(tmpdir(), "telchain-compact-"));
  const src = new LmdbStore(join(dir, "src"), { mapSize: 64 * 1024 ** 2 });
  try {
    const enc = (s: string) => new TextEncoder().encode(s);
    // A state written in random key order over a few transactions, some keys deleted again.
    const db = new StateDb(src);
    const changes = new Map<string, Uint8Array | null>();
    for (let i = 0; i < 3_000; i++) {
      const k = String((i * 7919) % 3_001).padStart(5, "0");
      changes.set(`s/${k}`, enc(`value ${i}`));
    }
    const p = db.prepare(new Map([...changes].map(([k, v]) => [Buffer.from(enc(k)).toString("latin1"), v])));
    src.write((b) => p.write(b));
    src.write((b) => {
      b.put("meta", enc("head"), enc("h"));
      b.put("blocks", enc("b1"), new Uint8Array(5_000).fill(7)); // an overflow value
      for (let i = 0; i < 100; i += 3) b.del("state", enc(`s/${String(i).padStart(5, "0")}`));
    });
    const root = toHex(new StateDb(src).root());

    let reported = 0;
    await src.copyCompacted(join(dir, "dst"), { chunk: 500, onProgress: (n) => (reported = n) });
    const dst = new LmdbStore(join(dir, "dst"));
    try {
      for (const bucket of BUCKETS) assert.deepEqual(all(dst, bucket), all(src, bucket), bucket);
      assert.equal(toHex(new StateDb(dst).root()), root);
      assert.ok(reported > 3_000, "progress counts the entries copied");
    } finally {
      await dst.close();
    }
    await assert.rejects(src.copyCompacted(join(dir, "dst")), /already holds a store/);
  } finally {
    await src.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
