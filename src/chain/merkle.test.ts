import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { sha256, utf8 } from "../crypto/hash.js";
import { EMPTY_MERKLE_ROOT, merkleProof, merkleRoot, verifyMerkleProof } from "./merkle.js";

const leaf = (i: number) => sha256(utf8(`tx-${i}`));
const leaves = (n: number) => Array.from({ length: n }, (_, i) => leaf(i));
const H = (...parts: Uint8Array[]) => sha256(...parts);
const L = (x: Uint8Array) => H(Uint8Array.of(0), x);
const N = (a: Uint8Array, b: Uint8Array) => H(Uint8Array.of(1), a, b);

test("empty list hashes to SHA-256 of nothing", () => {
  assert.equal(toHex(merkleRoot([])), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  assert.deepEqual(merkleRoot([]), EMPTY_MERKLE_ROOT);
});

test("root follows RFC 6962: domain-separated leaves, split at the largest power of two below n", () => {
  const [a, b, c, d, e] = leaves(5);
  assert.deepEqual(merkleRoot([a]), L(a));
  assert.deepEqual(merkleRoot([a, b]), N(L(a), L(b)));
  assert.deepEqual(merkleRoot([a, b, c]), N(N(L(a), L(b)), L(c)));
  assert.deepEqual(merkleRoot([a, b, c, d, e]), N(N(N(L(a), L(b)), N(L(c), L(d))), L(e)));
  assert.notDeepEqual(merkleRoot([a]), a, "a single leaf is still hashed");
});

test("order matters and the last leaf is never duplicated (CVE-2012-2459)", () => {
  const [a, b, c] = leaves(3);
  assert.notDeepEqual(merkleRoot([a, b, c]), merkleRoot([b, a, c]));
  assert.notDeepEqual(merkleRoot([a, b, c]), merkleRoot([a, c, b]));
  assert.notDeepEqual(merkleRoot([a, b, c]), merkleRoot([a, b, c, c]));
  assert.notDeepEqual(merkleRoot([a, b]), merkleRoot([a, b, b]));
  // An inner node presented as a leaf does not reproduce the root (second-preimage resistance).
  const inner = N(L(a), L(b));
  assert.notDeepEqual(merkleRoot([inner]), merkleRoot([a, b]));
});

test("leaves must be 32-byte hashes", () => {
  assert.throws(() => merkleRoot([new Uint8Array(31)]), { code: "MERKLE_BAD_LEAF" });
  assert.throws(() => merkleProof(leaves(3), 3), { code: "MERKLE_BAD_INDEX" });
});

test("proofs verify for every index of trees of 1..17 leaves, and only there", () => {
  for (let n = 1; n <= 17; n++) {
    const ls = leaves(n);
    const root = merkleRoot(ls);
    for (let i = 0; i < n; i++) {
      const proof = merkleProof(ls, i);
      assert.ok(proof.length <= Math.ceil(Math.log2(n)), `n=${n} i=${i} path length`);
      assert.equal(verifyMerkleProof(root, ls[i], i, n, proof), true, `n=${n} i=${i}`);
      // Wrong leaf, wrong index, wrong root all fail. (The count is not always bound by the path:
      // as in RFC 6962 it must come from a trusted source, so no assertion on a wrong count here.)
      assert.equal(verifyMerkleProof(root, leaf(1000), i, n, proof), false);
      if (n > 1)
        assert.equal(verifyMerkleProof(root, ls[i], (i + 1) % n, n, proof), false, `n=${n} i=${i} index`);
      assert.equal(verifyMerkleProof(leaf(0), ls[i], i, n, proof), false);
      assert.equal(verifyMerkleProof(root, ls[i], n, n, proof), false);
    }
  }
});

test("tampered proofs fail", () => {
  const ls = leaves(11);
  const root = merkleRoot(ls);
  for (let i = 0; i < 11; i++) {
    const proof = merkleProof(ls, i);
    for (let j = 0; j < proof.length; j++) {
      const bad = proof.map((p) => Uint8Array.from(p));
      bad[j][7] ^= 1;
      assert.equal(verifyMerkleProof(root, ls[i], i, 11, bad), false, `i=${i} flipped step ${j}`);
    }
    assert.equal(verifyMerkleProof(root, ls[i], i, 11, proof.slice(0, -1)), false, "truncated");
    assert.equal(verifyMerkleProof(root, ls[i], i, 11, [...proof, leaf(5)]), false, "extended");
    assert.equal(verifyMerkleProof(root, ls[i], i, 11, [...proof].reverse()), proof.length < 2, "reordered");
  }
});
