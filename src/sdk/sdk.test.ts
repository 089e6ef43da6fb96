/**
 * The SDK's primitives: its browser-safe hashes give the node's bytes (commitment.ts,
 * crypto/hash.ts, codec/hashing.ts) on random input, its decoders never crash on random or
 * mutated input (a coded SDK error or { ok: false }), and src/sdk/index.ts bundles for a
 * browser with no node-only import.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import vm from "node:vm";
import fc from "fast-check";
import { equalBytes, fromHex, toHex } from "../bytes.js";
import { headerHash } from "../codec/hashing.js";
import { Header } from "../codec/schema.js";
import { taggedHash as nodeTaggedHash } from "../crypto/hash.js";
import { isTelchainError } from "../errors.js";
import * as node from "../state/commitment.js";
import { buildProof } from "../state/proof.js";
import { browserBundle } from "../testing/browser-bundle.js";
import { sampleHeader } from "../testing/sample-header.js";
import * as sdk from "./hashes.js";
import { decodeHeaderHex } from "./header-chain.js";
import { type StateProof, verifyStateProof } from "./state-proof.js";
import { parseChainInfo } from "./trust.js";

/** A check that `decode` accepts its input or refuses it with `code` (never another error). */
function refusesWith(decode: (input: unknown) => unknown, code: string): (input: unknown) => void {
  return (input) => {
    try {
      decode(input);
    } catch (e) {
      assert.ok(isTelchainError(e), `not a TelchainError: ${e}`);
      assert.equal(e.code, code);
    }
  };
}

const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
const bytes = fc.uint8Array({ maxLength: 300 });

test("the SDK's hashes are the node's: tagged, key, value, bucket, node, bucketOf, header", () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 60 }), fc.array(bytes, { maxLength: 3 }), (tag, parts) =>
      equalBytes(sdk.taggedHash(tag, ...parts), nodeTaggedHash(tag, ...parts)),
    ),
  );
  fc.assert(
    fc.property(bytes, (b) => {
      assert.deepEqual(sdk.keyHash(b), node.keyHash(b));
      assert.deepEqual(sdk.valueHash(b), node.valueHash(b));
      assert.equal(sdk.bucketOf(sdk.keyHash(b)), node.bucketOf(node.keyHash(b)));
    }),
  );
  const zero = new Uint8Array(32);
  fc.assert(
    fc.property(fc.oneof(hash, fc.constant(zero)), fc.oneof(hash, fc.constant(zero)), (l, r) =>
      equalBytes(sdk.nodeHash(l, r), node.nodeHash(l, r)),
    ),
  );
  fc.assert(
    fc.property(fc.array(fc.record({ keyHash: hash, valueHash: hash }), { maxLength: 6 }), (entries) => {
      const sorted = [...entries].sort((a, b) => (toHex(a.keyHash) < toHex(b.keyHash) ? -1 : 1));
      return equalBytes(sdk.bucketHash(sorted), node.bucketHash(entries));
    }),
  );
  const header = fc.record({
    version: fc.nat(0xffffffff),
    parent: hash,
    height: fc.nat(),
    timestamp: fc.nat(),
    txRoot: hash,
    stateRoot: hash,
    bits: fc.nat(0xffffffff),
    miner: hash,
    nonce: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  });
  fc.assert(fc.property(header, (h) => equalBytes(sdk.sha256d(Header.serialize(h)), headerHash(h))));
});

/** A real proof to mutate: a small tree with three keys. */
function sampleProof(): { proof: StateProof; root: Uint8Array } {
  const keys = ["m/devices/a", "m/devices/b", "a/xyz"].map((k) => new TextEncoder().encode(k));
  const hashes = new Map<number, Uint8Array>();
  const buckets = new Map<number, node.BucketEntry[]>();
  for (const k of keys) {
    const e = { keyHash: node.keyHash(k), valueHash: node.valueHash(k) };
    const b = node.bucketOf(e.keyHash);
    buckets.set(b, [...(buckets.get(b) ?? []), e]);
  }
  for (const [b, es] of buckets) hashes.set(b, node.bucketHash(es));
  const tree = node.BucketTree.fromBucketHashes(hashes);
  const proof = buildProof(tree, keys[0], keys[0], buckets.get(node.bucketOf(node.keyHash(keys[0]))) ?? []);
  return { proof, root: tree.root() };
}

test("verifyStateProof never throws on random or mutated proofs, and accepts only the real one", () => {
  const { proof, root } = sampleProof();
  assert.deepEqual(verifyStateProof(proof, root), { ok: true, value: fromHex(proof.value ?? "") });
  const json = JSON.stringify(proof);
  fc.assert(
    fc.property(fc.nat(json.length - 1), fc.string({ minLength: 1, maxLength: 3 }), (at, insert) => {
      const mutated = json.slice(0, at) + insert + json.slice(at + 1);
      let parsed: unknown;
      try {
        parsed = JSON.parse(mutated);
      } catch {
        return;
      }
      const r = verifyStateProof(parsed as StateProof, root);
      if (r.ok) assert.equal(canonicalProof(parsed), canonicalProof(proof), "only the real proof verifies");
    }),
  );
  fc.assert(
    fc.property(fc.anything(), (junk) => {
      assert.equal(verifyStateProof(junk as StateProof, root).ok, false);
    }),
  );
});

function canonicalProof(p: unknown): string {
  const q = p as StateProof;
  return JSON.stringify([
    q.key.toLowerCase(),
    q.value?.toLowerCase(),
    q.bucket,
    q.entries,
    q.siblings,
    q.root,
  ]).toLowerCase();
}

test("decodeHeaderHex: random and mutated input gives SDK_BAD_HEADER, never a crash", () => {
  const real = toHex(
    Header.serialize({
      version: 1,
      parent: new Uint8Array(32),
      height: 5,
      timestamp: 1_700_000_000,
      txRoot: new Uint8Array(32),
      stateRoot: new Uint8Array(32),
      bits: 0x207fffff,
      miner: new Uint8Array(32),
      nonce: 7n,
    }),
  );
  assert.equal(decodeHeaderHex(real).header.height, 5);
  const check = refusesWith(decodeHeaderHex, "SDK_BAD_HEADER");
  fc.assert(fc.property(fc.anything(), check));
  fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (b) => check(toHex(b))));
  fc.assert(
    fc.property(fc.nat(real.length - 1), fc.string({ maxLength: 4 }), (at, insert) =>
      check(real.slice(0, at) + insert + real.slice(at + 1)),
    ),
  );
});

test("src/sdk/index.ts bundles for a browser with no node-only import", async () => {
  const b = await browserBundle("src/sdk/index.ts");
  assert.deepEqual(b.errors, []);
  assert.deepEqual(b.nodeOnly, [], "node-only imports reachable from the SDK");
  assert.ok(b.bytes > 10_000, "a bundle was produced");
});

test("the SDK's browser bundle runs where there is no Buffer and no process (a vm context)", async () => {
  const b = await browserBundle("src/sdk/index.ts", "telchainSdk");
  assert.deepEqual(b.errors, []);
  // A context with a browser's globals and none of Node's: no Buffer, no process, no require.
  const context = vm.createContext({
    ...{ TextEncoder, TextDecoder, console, structuredClone, URL, URLSearchParams, AbortController },
    ...{ setTimeout, clearTimeout, fetch, crypto: globalThis.crypto },
  });
  vm.runInContext(b.code, context);
  assert.equal(vm.runInContext("typeof process", context), "undefined");
  const header = Header.serialize(sampleHeader({ height: 5, nonce: 42n }));
  context.headerHex = toHex(header);
  const decoded = vm.runInContext(
    "(() => { const h = telchainSdk.decodeHeaderHex(headerHex); return { height: h.header.height, hash: Array.from(h.hash) }; })()",
    context,
  ) as { height: number; hash: number[] };
  assert.equal(decoded.height, 5);
  assert.deepEqual(
    Array.from(decoded.hash),
    [...headerHash(Header.deserialize(header))],
    "block hash in the vm = the node's",
  );
  const key = vm.runInContext(
    'Array.from(telchainSdk.stateKey("devices", telchainSdk.moduleProofs().devices[0].key("490154203237518")))',
    context,
  ) as number[];
  assert.equal(new TextDecoder().decode(Uint8Array.from(key)), "m/devices/d/490154203237518");
});

test("parseChainInfo: a well-formed answer reads back; random and mutated input gives SDK_BAD_RESPONSE", () => {
  const real = {
    chainId: "telchain-dev",
    genesisHash: "22".repeat(32),
    genesisBits: "0x1f10624d",
    params: {
      targetBlockTime: 2,
      halfLife: 120,
      powLimitBits: "0x207fffff",
      medianTimeSpan: 11,
      maxFutureDrift: 60,
    },
  };
  assert.deepEqual(parseChainInfo(real), real);
  const check = refusesWith(parseChainInfo, "SDK_BAD_RESPONSE");
  fc.assert(fc.property(fc.anything(), check));
  const json = JSON.stringify(real);
  fc.assert(
    fc.property(fc.nat(json.length - 1), fc.string({ maxLength: 3 }), (at, insert) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(json.slice(0, at) + insert + json.slice(at + 1));
      } catch {
        return;
      }
      check(parsed);
    }),
  );
});
