/**
 * Wire format of a signature batch sent to a verify worker: one ArrayBuffer, transferred (not copied).
 *   u32le count | u32le prefixLen | prefix (prefixLen), then per item: pub (32) | sig (64) | u32le msgLen | msg (msgLen)
 * With a prefix, the message signed is SHA-256(prefix || msg) — a transaction's signing digest
 * from its encoded body (hashing.ts txSigningDigestPrefix), hashed by the worker instead of the
 * importing thread. Without one (prefixLen 0), the message is msg itself.
 */
import sodium from "sodium-native";
import { PUBLIC_KEY_BYTES, SIGNATURE_BYTES, verify } from "./ed25519.js";

export interface VerifyItem {
  pub: Uint8Array;
  msg: Uint8Array;
  sig: Uint8Array;
}

const ITEM_FIXED = PUBLIC_KEY_BYTES + SIGNATURE_BYTES + 4;

/**
 * Packs items. A key or signature of the wrong length is packed as all zeros (which the strict rule
 * rejects: small-order A), so the fixed layout holds and the item still reports false.
 */
export function packBatch(items: readonly VerifyItem[], prefix: Uint8Array = EMPTY): ArrayBuffer {
  let size = 8 + prefix.length;
  for (const it of items) size += ITEM_FIXED + it.msg.length;
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  view.setUint32(0, items.length, true);
  view.setUint32(4, prefix.length, true);
  bytes.set(prefix, 8);
  let o = 8 + prefix.length;
  for (const it of items) {
    if (it.pub.length === PUBLIC_KEY_BYTES && it.sig.length === SIGNATURE_BYTES) {
      bytes.set(it.pub, o);
      bytes.set(it.sig, o + PUBLIC_KEY_BYTES);
    }
    o += PUBLIC_KEY_BYTES + SIGNATURE_BYTES;
    view.setUint32(o, it.msg.length, true);
    o += 4;
    bytes.set(it.msg, o);
    o += it.msg.length;
  }
  return buffer;
}

const EMPTY = new Uint8Array(0);

/** SHA-256(prefix || msg), or msg itself without a prefix. */
export function prefixedMessage(prefix: Uint8Array, msg: Uint8Array): Uint8Array {
  if (prefix.length === 0) return msg;
  const input = Buffer.allocUnsafe(prefix.length + msg.length);
  input.set(prefix);
  input.set(msg, prefix.length);
  const out = new Uint8Array(32);
  sodium.crypto_hash_sha256(out as Buffer, input);
  return out;
}

/** Verifies a packed batch with the protocol rule; result[i] is 1 when item i is valid. */
export function verifyPacked(buffer: ArrayBuffer): Uint8Array {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const count = view.getUint32(0, true);
  const prefixLen = view.getUint32(4, true);
  const prefix = bytes.subarray(8, 8 + prefixLen);
  const results = new Uint8Array(count);
  let o = 8 + prefixLen;
  for (let i = 0; i < count; i++) {
    const pub = bytes.subarray(o, o + PUBLIC_KEY_BYTES);
    const sig = bytes.subarray(o + PUBLIC_KEY_BYTES, o + PUBLIC_KEY_BYTES + SIGNATURE_BYTES);
    o += PUBLIC_KEY_BYTES + SIGNATURE_BYTES;
    const len = view.getUint32(o, true);
    o += 4;
    results[i] = verify(pub, prefixedMessage(prefix, bytes.subarray(o, o + len)), sig) ? 1 : 0;
    o += len;
  }
  return results;
}
