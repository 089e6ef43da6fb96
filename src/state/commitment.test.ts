import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { equalBytes, fromHex, toHex } from "../bytes.js";
import { taggedHash, utf8 } from "../crypto/hash.js";
import { type StateProof, verifyStateProof } from "../sdk/state-proof.js";
import {
  BUCKET_COUNT,
  type BucketEntry,
  BucketTree,
  bucketHash,
  bucketOf,
  keyHash,
  keyHashOfString,
  nodeHash,
  valueHash,
} from "./commitment.js";
import { buildProof } from "./proof.js";

const ZERO = new Uint8Array(32);

/** A tiny reference model of the state: records grouped by bucket, hashed the obvious way. */
class ModelState {
  private readonly buckets = new Map<number, Map<string, Uint8Array>>();
  private snapshot: Map<number, Map<string, Uint8Array>> | undefined;

  set(key: Uint8Array, value: Uint8Array | undefined): void {
    const b = bucketOf(keyHash(key));
    const records = this.buckets.get(b) ?? new Map<string, Uint8Array>();
    if (value === undefined) records.delete(toHex(key));
    else records.set(toHex(key), value);
    this.buckets.set(b, records);
  }

  save(): void {
    this.snapshot = new Map([...this.buckets].map(([b, r]) => [b, new Map(r)]));
  }

  restore(): void {
    this.buckets.clear();
    for (const [b, r] of this.snapshot ?? []) this.buckets.set(b, r);
  }

  bucketEntries(bucket: number): BucketEntry[] {
    return [...(this.buckets.get(bucket) ?? [])].map(([k, v]) => ({
      keyHash: keyHash(fromHex(k)),
      valueHash: valueHash(v),
    }));
  }

  tree(): BucketTree {
    const hashes = new Map<number, Uint8Array>();
    for (const b of this.buckets.keys()) {
      const entries = this.bucketEntries(b);
      if (entries.length > 0) hashes.set(b, bucketHash(entries));
    }
    return BucketTree.fromBucketHashes(hashes);
  }
}

function key(n: number): Uint8Array {
  return utf8(`acct/${n}`);
}

/** Finds a key (other than `not`) whose hash lands in `bucket`. */
function keyInBucket(bucket: number, not?: string): Uint8Array {
  for (let n = 0; ; n++) {
    const k = utf8(`probe/${n}`);
    if (bucketOf(keyHash(k)) === bucket && toHex(k) !== not) return k;
  }
}

test("hash functions are the tagged hashes of the spec", () => {
  const k = utf8("some key");
  const v = utf8("some value");
  assert.deepEqual(keyHash(k), taggedHash("telchain/state/key", k));
  assert.deepEqual(valueHash(v), taggedHash("telchain/state/value", v));
  const binary = Uint8Array.from([0, 255, 128, 47, ...randomBytes(32)]); // an Overlay's latin1 key of any bytes
  assert.deepEqual(keyHashOfString(Buffer.from(binary).toString("latin1")), keyHash(binary));
  const kh = keyHash(k);
  assert.equal(bucketOf(kh), kh[0] * 256 + kh[1]);
  const e = [
    { keyHash: fromHex("02".repeat(32)), valueHash: fromHex("aa".repeat(32)) },
    { keyHash: fromHex("01".repeat(32)), valueHash: fromHex("bb".repeat(32)) },
  ];
  const expected = taggedHash(
    "telchain/state/bucket",
    e[1].keyHash,
    e[1].valueHash,
    e[0].keyHash,
    e[0].valueHash,
  );
  assert.deepEqual(bucketHash(e), expected);
  assert.deepEqual(bucketHash([...e].reverse()), expected);
  assert.deepEqual(e[0].keyHash, fromHex("02".repeat(32)), "bucketHash must not reorder its input");
  assert.deepEqual(bucketHash([]), ZERO);
  const a = fromHex("11".repeat(32));
  assert.deepEqual(nodeHash(a, ZERO), taggedHash("telchain/state/node", a, ZERO));
  assert.deepEqual(nodeHash(ZERO, ZERO), ZERO);
});

test("empty state root is 32 zero bytes", () => {
  assert.deepEqual(BucketTree.fromBucketHashes(new Map()).root(), ZERO);
  assert.deepEqual(BucketTree.empty().root(), ZERO);
});

test("single bucket root equals hand-climbed path", () => {
  const h = fromHex("5a".repeat(32));
  const bucket = 12345;
  const tree = BucketTree.fromBucketHashes(new Map([[bucket, h]]));
  let node = h;
  let idx = BUCKET_COUNT + bucket;
  for (let l = 0; l < 16; l++) {
    node =
      idx % 2 === 0
        ? taggedHash("telchain/state/node", node, ZERO)
        : taggedHash("telchain/state/node", ZERO, node);
    idx >>= 1;
  }
  assert.deepEqual(tree.root(), node);
  assert.deepEqual(tree.bucketHash(bucket), h);
  assert.deepEqual(tree.bucketHash(bucket + 1), ZERO);
  assert.equal(tree.siblings(bucket).length, 16);
  assert.ok(tree.siblings(bucket).every((s) => equalBytes(s, ZERO)));
});

test("root changes when any value changes and returns when reverted", () => {
  const state = new ModelState();
  for (let i = 0; i < 300; i++) state.set(key(i), utf8(`v${i}`));
  const root0 = state.tree().root();
  for (const i of [0, 17, 299]) {
    state.set(key(i), utf8(`changed${i}`));
    const changed = state.tree().root();
    assert.notDeepEqual(changed, root0);
    state.set(key(i), utf8(`v${i}`));
    assert.deepEqual(state.tree().root(), root0);
  }
  state.set(key(5), undefined);
  assert.notDeepEqual(state.tree().root(), root0, "deleting a record changes the root");
  state.set(key(5), utf8("v5"));
  assert.deepEqual(state.tree().root(), root0);
});

test("insertion order does not matter", () => {
  const a = new ModelState();
  const b = new ModelState();
  for (let i = 0; i < 200; i++) a.set(key(i), utf8(`v${i}`));
  for (let i = 199; i >= 0; i--) b.set(key(i), utf8(`v${i}`));
  assert.deepEqual(a.tree().root(), b.tree().root());
});

test("bad inputs are refused with codes", () => {
  assert.throws(() => BucketTree.fromBucketHashes(new Map([[BUCKET_COUNT, ZERO]])), {
    code: "STATE_BUCKET_INVALID",
  });
  assert.throws(() => BucketTree.fromBucketHashes(new Map([[1, new Uint8Array(31)]])), {
    code: "STATE_HASH_INVALID",
  });
  assert.throws(() => BucketTree.empty().pending().setBucket(-1, ZERO), { code: "STATE_BUCKET_INVALID" });
});

test("pending does not change the base until commit", () => {
  const state = new ModelState();
  for (let i = 0; i < 100; i++) state.set(key(i), utf8(`v${i}`));
  const tree = state.tree();
  const root0 = tree.root();
  const pending = tree.pending();
  const b = bucketOf(keyHash(key(3)));
  state.set(key(3), utf8("new"));
  const newHash = bucketHash(state.bucketEntries(b));
  pending.setBucket(b, newHash);
  const pendingRoot = pending.root();
  assert.notDeepEqual(pendingRoot, root0);
  assert.deepEqual(tree.root(), root0);
  assert.deepEqual(pending.bucketHash(b), newHash);
  assert.notDeepEqual(tree.bucketHash(b), newHash);
  assert.deepEqual([...pending.changedBuckets().keys()], [b]);
  pending.commit();
  assert.deepEqual(tree.root(), pendingRoot);
  assert.deepEqual(tree.root(), state.tree().root());
  assert.equal(pending.changedBuckets().size, 0, "commit empties the pending");
});

test("a discarded pending leaves the base intact; a stale pending is refused", () => {
  const tree = BucketTree.empty();
  const dropped = tree.pending();
  dropped.setBucket(7, fromHex("07".repeat(32)));
  assert.notDeepEqual(dropped.root(), ZERO);
  assert.deepEqual(tree.root(), ZERO);
  const winner = tree.pending();
  winner.setBucket(9, fromHex("09".repeat(32)));
  winner.commit();
  assert.throws(() => dropped.root(), { code: "STATE_PENDING_STALE" });
  assert.throws(() => dropped.commit(), { code: "STATE_PENDING_STALE" });
  assert.deepEqual(tree.bucketHash(7), ZERO);
});

test("stacked pendings commit into their parent", () => {
  const tree = BucketTree.empty();
  const outer = tree.pending();
  outer.setBucket(1, fromHex("01".repeat(32)));
  const inner = outer.pending();
  inner.setBucket(2, fromHex("02".repeat(32)));
  inner.setBucket(1, fromHex("03".repeat(32)));
  const expected = BucketTree.fromBucketHashes(
    new Map([
      [1, fromHex("03".repeat(32))],
      [2, fromHex("02".repeat(32))],
    ]),
  ).root();
  assert.deepEqual(inner.root(), expected);
  assert.notDeepEqual(outer.root(), expected);
  inner.commit();
  assert.deepEqual(outer.root(), expected);
  assert.deepEqual(tree.root(), ZERO);
  outer.commit();
  assert.deepEqual(tree.root(), expected);
});

test("pending root equals a from-scratch rebuild (randomised, several rounds)", () => {
  const state = new ModelState();
  const keys = Array.from({ length: 2000 }, () => randomBytes(1 + Math.floor(Math.random() * 40)));
  for (const k of keys) state.set(k, randomBytes(Math.floor(Math.random() * 64)));
  const tree = state.tree();
  for (let round = 0; round < 6; round++) {
    state.save();
    const pending = tree.pending();
    const touched = new Set<number>();
    for (let j = 0; j < 300; j++) {
      const k = keys[Math.floor(Math.random() * keys.length)];
      state.set(k, Math.random() < 0.3 ? undefined : randomBytes(20));
      touched.add(bucketOf(keyHash(k)));
      if (j % 100 === 99) {
        // root() between updates: later recomputes must build on earlier ones
        for (const b of touched) pending.setBucket(b, bucketHash(state.bucketEntries(b)));
        touched.clear();
        pending.root();
      }
    }
    for (const b of touched) pending.setBucket(b, bucketHash(state.bucketEntries(b)));
    const rebuilt = state.tree();
    assert.deepEqual(pending.root(), rebuilt.root(), `round ${round}`);
    const someBucket = [...pending.changedBuckets().keys()][0];
    assert.deepEqual(pending.siblings(someBucket), rebuilt.siblings(someBucket));
    assert.deepEqual(pending.bucketHash(someBucket), rebuilt.bucketHash(someBucket));
    if (round % 2 === 0) {
      pending.commit();
      assert.deepEqual(tree.root(), rebuilt.root());
    } else {
      // discard the pending (drop it) and revert the model: the base must be untouched
      state.restore();
      assert.deepEqual(tree.root(), state.tree().root());
    }
  }
  // deleting everything brings the root back to zeros
  const pending = tree.pending();
  for (const k of keys) state.set(k, undefined);
  for (const b of new Set(keys.map((k) => bucketOf(keyHash(k))))) pending.setBucket(b, ZERO);
  assert.deepEqual(pending.root(), ZERO);
});

function proofFixture() {
  const state = new ModelState();
  for (let i = 0; i < 500; i++) state.set(key(i), utf8(`value-${i}`));
  const tree = state.tree();
  const k = key(42);
  const b = bucketOf(keyHash(k));
  const inclusion = buildProof(tree, k, utf8("value-42"), state.bucketEntries(b));
  const missing = utf8("no/such/key");
  const exclusion = buildProof(tree, missing, undefined, state.bucketEntries(bucketOf(keyHash(missing))));
  return { state, tree, inclusion, exclusion };
}

function tampered(p: StateProof, edit: (p: StateProof) => void): StateProof {
  const copy = structuredClone(p);
  edit(copy);
  return copy;
}

function flipHex(h: string): string {
  return (h[0] === "0" ? "1" : "0") + h.slice(1);
}

test("inclusion and exclusion proofs verify", () => {
  const { tree, inclusion, exclusion } = proofFixture();
  const inc = verifyStateProof(JSON.parse(JSON.stringify(inclusion)), tree.root());
  assert.deepEqual(inc, { ok: true, value: utf8("value-42") });
  const exc = verifyStateProof(exclusion, tree.root());
  assert.deepEqual(exc, { ok: true, value: null });
  assert.equal(inclusion.siblings.length, 16);
  assert.equal(inclusion.root, toHex(tree.root()));
});

test("tampered proofs fail", () => {
  const { tree, inclusion, exclusion } = proofFixture();
  const root = tree.root();
  const bad: [string, StateProof][] = [
    ["value", tampered(inclusion, (p) => (p.value = toHex(utf8("value-43"))))],
    ["value to null", tampered(inclusion, (p) => (p.value = null))],
    ["sibling", tampered(inclusion, (p) => (p.siblings[3] = flipHex(p.siblings[3])))],
    ["missing sibling", tampered(inclusion, (p) => p.siblings.pop())],
    [
      "entry valueHash",
      tampered(inclusion, (p) => (p.entries[0].valueHash = flipHex(p.entries[0].valueHash))),
    ],
    ["root", tampered(inclusion, (p) => (p.root = flipHex(p.root)))],
    ["bucket", tampered(inclusion, (p) => (p.bucket = (p.bucket + 1) % BUCKET_COUNT))],
    ["key", tampered(inclusion, (p) => (p.key = toHex(key(43))))],
    ["exclusion sibling", tampered(exclusion, (p) => (p.siblings[15] = flipHex(p.siblings[15])))],
    ["exclusion claims a value", tampered(exclusion, (p) => (p.value = "00"))],
    ["non-hex value", tampered(inclusion, (p) => (p.value = "zz"))],
  ];
  for (const [what, p] of bad) {
    const r = verifyStateProof(p, root);
    assert.equal(r.ok, false, what);
  }
  // an exclusion proof that hides the key's entry: the bucket hash no longer matches
  const k = key(42);
  const b = bucketOf(keyHash(k));
  const hidden = tampered(inclusion, (p) => {
    p.value = null;
    p.entries = p.entries.filter((e) => e.keyHash !== toHex(keyHash(k)));
  });
  assert.equal(hidden.entries.length, inclusion.entries.length - 1);
  assert.equal(verifyStateProof(hidden, root).ok, false);
  // a self-consistent proof over another root passes alone but fails against the trusted root
  const other = new ModelState();
  other.set(k, utf8("forged"));
  const forged = buildProof(other.tree(), k, utf8("forged"), other.bucketEntries(b));
  assert.equal(verifyStateProof(forged).ok, true);
  const r = verifyStateProof(forged, root);
  assert.deepEqual(r, { ok: false, reason: "proof.root is not the expected root" });
});

test("two keys in the same bucket; entries must be sorted and in the bucket", () => {
  const k1 = utf8("first");
  const b = bucketOf(keyHash(k1));
  const k2 = keyInBucket(b, toHex(k1));
  const state = new ModelState();
  state.set(k1, utf8("one"));
  state.set(k2, utf8("two"));
  for (let i = 0; i < 50; i++) state.set(key(i), utf8(`${i}`));
  const tree = state.tree();
  const entries = state.bucketEntries(b);
  assert.ok(entries.length >= 2);
  const p1 = buildProof(tree, k1, utf8("one"), entries);
  const p2 = buildProof(tree, k2, utf8("two"), entries);
  assert.deepEqual(verifyStateProof(p1, tree.root()), { ok: true, value: utf8("one") });
  assert.deepEqual(verifyStateProof(p2, tree.root()), { ok: true, value: utf8("two") });
  assert.deepEqual(p1.entries, p2.entries);

  const unsorted = tampered(p1, (p) => p.entries.reverse());
  assert.match((verifyStateProof(unsorted, tree.root()) as { reason: string }).reason, /strictly after/);
  const duplicated = tampered(p1, (p) => p.entries.push(p.entries[p.entries.length - 1]));
  assert.match((verifyStateProof(duplicated, tree.root()) as { reason: string }).reason, /strictly after/);
  const foreign = tampered(p1, (p) =>
    p.entries.push({ keyHash: "ff".repeat(32), valueHash: "00".repeat(32) }),
  );
  if (b !== 0xffff) {
    assert.match((verifyStateProof(foreign, tree.root()) as { reason: string }).reason, /not in bucket/);
  }

  // buildProof refuses inconsistent inputs
  assert.throws(() => buildProof(tree, k1, utf8("wrong"), entries), { code: "STATE_PROOF_INPUT" });
  assert.throws(() => buildProof(tree, k1, undefined, entries), { code: "STATE_PROOF_INPUT" });
  assert.throws(() => buildProof(tree, k1, utf8("one"), entries.slice(0, 1).concat(entries.slice(0, 0))), {
    code: "STATE_PROOF_INPUT",
  });
});

test("timing (informational)", () => {
  // 100k random records land on ~53k distinct buckets (of 65,536)
  const draws = new Map<number, Uint8Array>();
  for (let i = 0; i < 100_000; i++) draws.set(Math.floor(Math.random() * BUCKET_COUNT), randomBytes(32));
  let t = performance.now();
  const tree = BucketTree.fromBucketHashes(draws);
  const buildMs = performance.now() - t;
  const full = new Map(Array.from({ length: BUCKET_COUNT }, (_, i) => [i, randomBytes(32)] as const));
  t = performance.now();
  BucketTree.fromBucketHashes(full);
  const fullMs = performance.now() - t;
  const updates = Array.from(
    { length: 10_000 },
    () => [Math.floor(Math.random() * BUCKET_COUNT), randomBytes(32)] as const,
  );
  t = performance.now();
  const pending = tree.pending();
  for (const [b, h] of updates) pending.setBucket(b, h);
  const root = pending.root();
  const pendingMs = performance.now() - t;
  t = performance.now();
  pending.commit();
  const commitMs = performance.now() - t;
  assert.deepEqual(tree.root(), root);
  console.log(
    `state commitment: build from ${draws.size} buckets ${buildMs.toFixed(1)} ms ` +
      `(all ${BUCKET_COUNT}: ${fullMs.toFixed(1)} ms); ` +
      `pending 10k bucket updates + root ${pendingMs.toFixed(1)} ms; commit ${commitMs.toFixed(1)} ms`,
  );
});
