/**
 * Ed25519 signatures and telchain's ONE acceptance rule.
 *
 * Ed25519 libraries disagree on edge cases (small-order keys, non-canonical encodings, S >= L);
 * see test/fixtures/ed25519-edge-cases/README.md. A chain must give the same answer on every node
 * whatever library it links, so the rule is written down here and enforced before any library call:
 *
 *   - public key A is 32 bytes, signature R||S is 64 bytes;
 *   - A and R are canonical encodings: y < p, and not (x = 0 with the sign bit set);
 *   - A and R are not one of the 8 small-order points;
 *   - S < L (the group order);
 *   - then the cofactorless equation [S]B = R + [H(R||A||M)]A, checked by the library.
 *
 * Under this rule node:crypto (OpenSSL) and libsodium give identical answers.
 */
import { createPublicKey, type KeyObject, verify as nodeVerify, randomBytes } from "node:crypto";
import sodium from "sodium-native";

export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;
export const SEED_BYTES = 32;

/** Encodings of the 8 small-order points, plus the sign-bit variants of the two with x = 0. */
export const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  // identity (0, 1), order 1; and its sign-bit variant
  "0100000000000000000000000000000000000000000000000000000000000000",
  "0100000000000000000000000000000000000000000000000000000000000080",
  // (0, -1), order 2; and its sign-bit variant
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
  "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
  // (±sqrt(-1), 0), order 4
  "0000000000000000000000000000000000000000000000000000000000000000",
  "0000000000000000000000000000000000000000000000000000000000000080",
  // the four points of order 8
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
  "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
  "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
].map((h) => new Uint8Array(Buffer.from(h, "hex")));

/** L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L_LE = new Uint8Array(
  Buffer.from("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010", "hex"),
);

/** Zero-copy Buffer view (sodium-native's types want Buffer; the binding takes any typed array). */
function buf(a: Uint8Array): Buffer {
  return Buffer.isBuffer(a) ? a : Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

function equalAt(a: Uint8Array, offset: number, b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (a[offset + i] !== b[i]) return false;
  return true;
}

/** True when the 32-byte little-endian point encoding at `offset` has y >= p = 2^255 - 19. */
function yAtLeastP(enc: Uint8Array, offset: number): boolean {
  if ((enc[offset + 31] & 0x7f) !== 0x7f) return false;
  for (let i = 30; i >= 1; i--) if (enc[offset + i] !== 0xff) return false;
  return enc[offset] >= 0xed;
}

/** x = 0 only for y = 1 and y = -1; their encodings with the sign bit set are non-canonical. */
function zeroXWithSignBit(enc: Uint8Array, offset: number): boolean {
  return equalAt(enc, offset, SMALL_ORDER_ENCODINGS[1]) || equalAt(enc, offset, SMALL_ORDER_ENCODINGS[3]);
}

function pointRejectReason(enc: Uint8Array, offset: number, what: "A" | "R"): string | undefined {
  if (yAtLeastP(enc, offset)) return `non-canonical ${what}: y >= p`;
  if (zeroXWithSignBit(enc, offset)) return `non-canonical ${what}: x = 0 with sign bit set`;
  for (const small of SMALL_ORDER_ENCODINGS) {
    if (equalAt(enc, offset, small)) return `small-order ${what}`;
  }
  return undefined;
}

/** S is bytes 32..63 of the signature, little-endian. */
function scalarAtLeastL(sig: Uint8Array): boolean {
  for (let i = 31; i >= 0; i--) {
    const s = sig[32 + i];
    if (s !== L_LE[i]) return s > L_LE[i];
  }
  return true; // S == L
}

/**
 * The protocol's signature acceptance rule, minus the curve equation itself.
 * Returns a short reason when the (public key, signature) pair must be rejected, else undefined.
 */
export function strictRejectReason(pub: Uint8Array, sig: Uint8Array): string | undefined {
  if (pub.length !== PUBLIC_KEY_BYTES)
    return `public key must be ${PUBLIC_KEY_BYTES} bytes, got ${pub.length}`;
  if (sig.length !== SIGNATURE_BYTES) return `signature must be ${SIGNATURE_BYTES} bytes, got ${sig.length}`;
  if (scalarAtLeastL(sig)) return "S >= L";
  return pointRejectReason(pub, 0, "A") ?? pointRejectReason(sig, 0, "R");
}

/**
 * Why a 32-byte string cannot be an account's signing key (not canonical, small order, or not on
 * the curve), else undefined. A key rotation to such a key would lock the account for good.
 */
export function publicKeyRejectReason(pub: Uint8Array): string | undefined {
  if (pub.length !== PUBLIC_KEY_BYTES) return `a public key is ${PUBLIC_KEY_BYTES} bytes, got ${pub.length}`;
  const reason = pointRejectReason(pub, 0, "A");
  if (reason) return reason.replace(/ A$/, " point").replace(/ A:/, " point:");
  return sodium.crypto_core_ed25519_is_valid_point(buf(pub)) ? undefined : "not a point on the curve";
}

export type Verifier = (pub: Uint8Array, msg: Uint8Array, sig: Uint8Array) => boolean;

// node:crypto needs a KeyObject; importing via JWK costs ~10µs, so keep them per public key.
const KEY_CACHE_MAX = 65_536;
const nodeKeyCache = new Map<string, KeyObject>();

function nodeKeyFor(pub: Uint8Array): KeyObject {
  const x = buf(pub).toString("base64url");
  let key = nodeKeyCache.get(x);
  if (key === undefined) {
    key = createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x }, format: "jwk" });
    if (nodeKeyCache.size >= KEY_CACHE_MAX) nodeKeyCache.clear();
    nodeKeyCache.set(x, key);
  }
  return key;
}

/**
 * The libraries alone, WITHOUT the protocol rule. They disagree on edge cases; use them only in
 * tests and benchmarks that document that disagreement. Everything else goes through `verify`.
 */
export const LIBRARY_VERIFIERS: Readonly<Record<"node" | "sodium", Verifier>> = {
  node(pub, msg, sig) {
    if (pub.length !== PUBLIC_KEY_BYTES || sig.length !== SIGNATURE_BYTES) return false;
    try {
      return nodeVerify(null, msg, nodeKeyFor(pub), sig);
    } catch {
      return false;
    }
  },
  sodium(pub, msg, sig) {
    if (pub.length !== PUBLIC_KEY_BYTES || sig.length !== SIGNATURE_BYTES) return false;
    return sodium.crypto_sign_verify_detached(buf(sig), buf(msg), buf(pub));
  },
};

/** Strict rule, then node:crypto (OpenSSL). */
export function verifyWithNode(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  return strictRejectReason(pub, sig) === undefined && LIBRARY_VERIFIERS.node(pub, msg, sig);
}

/** Strict rule, then libsodium. */
export function verifyWithSodium(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  return strictRejectReason(pub, sig) === undefined && LIBRARY_VERIFIERS.sodium(pub, msg, sig);
}

/** Every verifier behind the protocol rule; tests run against all of them. */
export const VERIFIERS: Readonly<Record<"node" | "sodium", Verifier>> = {
  node: verifyWithNode,
  sodium: verifyWithSodium,
};

/** The node's signature check: strict rule, then the fastest verifier (libsodium, ~2x OpenSSL here). */
export function verify(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  return verifyWithSodium(pub, msg, sig);
}

function checkSeed(seed32: Uint8Array): void {
  if (seed32.length !== SEED_BYTES)
    throw new RangeError(`seed must be ${SEED_BYTES} bytes, got ${seed32.length}`);
}

function expandSeed(seed32: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array } {
  checkSeed(seed32);
  const publicKey = new Uint8Array(sodium.crypto_sign_PUBLICKEYBYTES);
  const secretKey = new Uint8Array(sodium.crypto_sign_SECRETKEYBYTES);
  sodium.crypto_sign_seed_keypair(buf(publicKey), buf(secretKey), buf(seed32));
  return { publicKey, secretKey };
}

export function publicKeyFromSeed(seed32: Uint8Array): Uint8Array {
  const { publicKey, secretKey } = expandSeed(seed32);
  secretKey.fill(0);
  return publicKey;
}

/** Deterministic RFC 8032 Ed25519 signature (64 bytes). */
export function sign(seed32: Uint8Array, msg: Uint8Array): Uint8Array {
  const { secretKey } = expandSeed(seed32);
  const sig = new Uint8Array(SIGNATURE_BYTES);
  sodium.crypto_sign_detached(buf(sig), buf(msg), buf(secretKey));
  secretKey.fill(0);
  return sig;
}

export function generateSeed(): Uint8Array {
  return new Uint8Array(randomBytes(SEED_BYTES));
}
