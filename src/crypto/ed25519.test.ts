import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { fromHex, toHex } from "../bytes.js";
import { fixturePath } from "../testing/fixtures.js";
import {
  generateSeed,
  LIBRARY_VERIFIERS,
  publicKeyFromSeed,
  SMALL_ORDER_ENCODINGS,
  sign,
  strictRejectReason,
  VERIFIERS,
  verify,
} from "./ed25519.js";

interface Rfc8032Vector {
  name: string;
  secret_key: string;
  public_key: string;
  message: string;
  signature: string;
}
interface EdgeCase {
  message: string;
  pub_key: string;
  signature: string;
}

const rfcVectors: Rfc8032Vector[] = JSON.parse(readFileSync(fixturePath("rfc8032", "ed25519.json"), "utf8"));
const edgeCases = (
  JSON.parse(readFileSync(fixturePath("ed25519-edge-cases", "cases.json"), "utf8")) as EdgeCase[]
).map((c) => ({ msg: fromHex(c.message), pub: fromHex(c.pub_key), sig: fromHex(c.signature) }));
const verifierNames = Object.keys(VERIFIERS) as (keyof typeof VERIFIERS)[];

test("RFC 8032 section 7.1 vectors: sign reproduces the signature, every verifier accepts", () => {
  assert.equal(rfcVectors.length, 4);
  for (const v of rfcVectors) {
    const seed = fromHex(v.secret_key);
    const msg = fromHex(v.message);
    assert.equal(toHex(publicKeyFromSeed(seed)), v.public_key, v.name);
    assert.equal(toHex(sign(seed, msg)), v.signature, v.name);
    for (const name of verifierNames) {
      assert.equal(
        VERIFIERS[name](fromHex(v.public_key), msg, fromHex(v.signature)),
        true,
        `${v.name} ${name}`,
      );
    }
    assert.equal(verify(fromHex(v.public_key), msg, fromHex(v.signature)), true);
  }
});

test("tampered message, signature or key is rejected by every verifier", () => {
  const seed = generateSeed();
  const pub = publicKeyFromSeed(seed);
  const msg = new Uint8Array(32).fill(7);
  const sig = sign(seed, msg);
  for (const name of verifierNames) {
    const check = VERIFIERS[name];
    assert.equal(check(pub, msg, sig), true, name);
    const badMsg = msg.slice();
    badMsg[0] ^= 1;
    assert.equal(check(pub, badMsg, sig), false, `${name} message`);
    for (const byte of [0, 31, 32, 63]) {
      const badSig = sig.slice();
      badSig[byte] ^= 1;
      assert.equal(check(pub, msg, badSig), false, `${name} sig byte ${byte}`);
    }
    const otherPub = publicKeyFromSeed(generateSeed());
    assert.equal(check(otherPub, msg, sig), false, `${name} other key`);
    assert.equal(check(pub, msg, sig.subarray(0, 63)), false, `${name} short sig`);
    assert.equal(check(pub.subarray(0, 31), msg, sig), false, `${name} short key`);
  }
});

test("edge cases: under the strict rule every verifier accepts exactly case 3", () => {
  assert.equal(edgeCases.length, 12);
  for (const name of verifierNames) {
    const accepted = edgeCases.flatMap((c, i) => (VERIFIERS[name](c.pub, c.msg, c.sig) ? [i] : []));
    assert.deepEqual(accepted, [3], name);
  }
});

test("edge cases: the rule's reasons match what each case exercises", () => {
  const reasons = edgeCases.map((c) => strictRejectReason(c.pub, c.sig));
  assert.equal(reasons[0], "small-order A");
  assert.equal(reasons[1], "small-order A");
  assert.equal(reasons[2], "small-order R");
  assert.equal(reasons[3], undefined);
  // 4 and 5 pass the encoding rules and fail only the cofactorless equation.
  assert.equal(reasons[4], undefined);
  assert.equal(reasons[5], undefined);
  assert.equal(reasons[6], "S >= L");
  assert.equal(reasons[7], "S >= L");
  assert.equal(reasons[8], "non-canonical R: x = 0 with sign bit set");
  assert.equal(reasons[9], "non-canonical R: x = 0 with sign bit set");
  assert.equal(reasons[10], "non-canonical A: x = 0 with sign bit set");
  assert.equal(reasons[11], "non-canonical A: x = 0 with sign bit set");
});

test("why the rule exists: the libraries alone disagree (OpenSSL accepts 0-3 and 11, libsodium only 3)", () => {
  const acceptedBy = (name: "node" | "sodium") =>
    edgeCases.flatMap((c, i) => (LIBRARY_VERIFIERS[name](c.pub, c.msg, c.sig) ? [i] : []));
  assert.deepEqual(acceptedBy("node"), [0, 1, 2, 3, 11]);
  assert.deepEqual(acceptedBy("sodium"), [3]);
});

test("strictRejectReason: lengths, S boundary, y >= p", () => {
  const seed = generateSeed();
  const pub = publicKeyFromSeed(seed);
  const sig = sign(seed, new Uint8Array(32));
  assert.equal(strictRejectReason(pub, sig), undefined);
  assert.match(strictRejectReason(new Uint8Array(33), sig) ?? "", /public key must be 32 bytes/);
  assert.match(strictRejectReason(pub, new Uint8Array(65)) ?? "", /signature must be 64 bytes/);

  const L = fromHex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010");
  const withS = (s: Uint8Array) => {
    const out = sig.slice();
    out.set(s, 32);
    return out;
  };
  assert.equal(strictRejectReason(pub, withS(L)), "S >= L");
  const lMinus1 = L.slice();
  lMinus1[0] -= 1;
  assert.equal(strictRejectReason(pub, withS(lMinus1)), undefined);

  // y = p (non-canonical encoding of y = 0) with and without the sign bit; y = p - 1 is canonical.
  const yP = fromHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
  assert.equal(strictRejectReason(yP, sig), "non-canonical A: y >= p");
  const yPSign = yP.slice();
  yPSign[31] |= 0x80;
  assert.equal(strictRejectReason(yPSign, sig), "non-canonical A: y >= p");
  assert.equal(strictRejectReason(SMALL_ORDER_ENCODINGS[2], sig), "small-order A");
});

// Minimal affine Edwards arithmetic (test-only) to confirm the small-order list really is that.
const P = 2n ** 255n - 19n;
const mod = (a: bigint) => ((a % P) + P) % P;
function pow(b: bigint, e: bigint): bigint {
  let r = 1n;
  let x = mod(b);
  for (; e > 0n; e >>= 1n, x = (x * x) % P) if (e & 1n) r = (r * x) % P;
  return r;
}
const inv = (a: bigint) => pow(a, P - 2n);
const D = mod(-121665n * inv(121666n));
const SQRT_M1 = pow(2n, (P - 1n) / 4n);
type Pt = [bigint, bigint];
function decode(enc: Uint8Array): Pt {
  const sign = enc[31] >> 7;
  const b = enc.slice();
  b[31] &= 0x7f;
  const y = BigInt(`0x${toHex(b.reverse())}`);
  const u = mod(y * y - 1n);
  const v = mod(D * y * y + 1n);
  let x = pow(u * inv(v), (P + 3n) / 8n);
  if (mod(x * x * v - u) !== 0n) x = mod(x * SQRT_M1);
  assert.equal(mod(x * x * v - u), 0n, "not on the curve");
  if (Number(x & 1n) !== sign) x = mod(-x);
  return [x, y];
}
function add([x1, y1]: Pt, [x2, y2]: Pt): Pt {
  const t = mod(D * x1 * x2 * y1 * y2);
  return [mod((x1 * y2 + y1 * x2) * inv(1n + t)), mod((y1 * y2 + x1 * x2) * inv(1n - t))];
}

test("SMALL_ORDER_ENCODINGS decode to exactly the 8 points of order dividing 8", () => {
  const points = SMALL_ORDER_ENCODINGS.map(decode);
  for (const p of points) {
    let q = p;
    for (let i = 0; i < 3; i++) q = add(q, q);
    assert.deepEqual(q, [0n, 1n]);
  }
  const distinct = new Set(points.map(([x, y]) => `${x},${y}`));
  assert.equal(distinct.size, 8);
});
