/**
 * Small byte helpers shared across the node. Browser-safe (the SDK and the explorer bundle
 * them): Node's Buffer is used when present, because its native hex is faster on the node's hot
 * paths; elsewhere @noble/hashes' helpers give the same strings and bytes.
 */
import { bytesToHex, hexToBytes } from "@noble/hashes/utils.js";

/** Node's own Buffer only (a browser bundle may define a minimal `Buffer` for a dependency). */
const NodeBuffer =
  typeof process !== "undefined" && process.versions?.node !== undefined
    ? (globalThis as { Buffer?: typeof Buffer }).Buffer
    : undefined;

export function toHex(b: Uint8Array): string {
  return NodeBuffer ? NodeBuffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex") : bytesToHex(b);
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Bytes of `text` in UTF-8, without encoding it under Node. */
export function utf8Length(text: string): number {
  return NodeBuffer ? NodeBuffer.byteLength(text, "utf8") : new TextEncoder().encode(text).length;
}

/** Strict hex decoding: even length, only hex digits, optional 0x prefix. Returns undefined if invalid. */
export function fromHexOrUndefined(s: string): Uint8Array | undefined {
  const h = s.startsWith("0x") ? s.slice(2) : s;
  if (h.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(h)) return undefined;
  return NodeBuffer ? new Uint8Array(NodeBuffer.from(h, "hex")) : hexToBytes(h);
}

export function fromHex(s: string): Uint8Array {
  const b = fromHexOrUndefined(s);
  if (!b) throw new Error(`invalid hex string: ${s.slice(0, 20)}`);
  return b;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Lexicographic comparison of byte strings. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

export function u64be(n: bigint | number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, BigInt(n));
  return b;
}
