/**
 * Wire format of a signature batch sent to a verify worker: one ArrayBuffer, transferred (not copied).
 *   u32le count, then per item: pub (32) | sig (64) | u32le msgLen | msg (msgLen)
 */
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
export function packBatch(items: readonly VerifyItem[]): ArrayBuffer {
  let size = 4;
  for (const it of items) size += ITEM_FIXED + it.msg.length;
  const buffer = new ArrayBuffer(size);
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  view.setUint32(0, items.length, true);
  let o = 4;
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

/** Verifies a packed batch with the protocol rule; result[i] is 1 when item i is valid. */
export function verifyPacked(buffer: ArrayBuffer): Uint8Array {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  const count = view.getUint32(0, true);
  const results = new Uint8Array(count);
  let o = 4;
  for (let i = 0; i < count; i++) {
    const pub = bytes.subarray(o, o + PUBLIC_KEY_BYTES);
    const sig = bytes.subarray(o + PUBLIC_KEY_BYTES, o + PUBLIC_KEY_BYTES + SIGNATURE_BYTES);
    o += PUBLIC_KEY_BYTES + SIGNATURE_BYTES;
    const len = view.getUint32(o, true);
    o += 4;
    results[i] = verify(pub, bytes.subarray(o, o + len), sig) ? 1 : 0;
    o += len;
  }
  return results;
}
