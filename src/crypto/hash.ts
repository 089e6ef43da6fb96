import sodium from "sodium-native";

/**
 * SHA-256 over the concatenation of `parts`. libsodium's one-shot hash is about twice as
 * fast as node:crypto's createHash for the short inputs a chain hashes all day.
 */
export function sha256(...parts: Uint8Array[]): Uint8Array {
  const out = Buffer.alloc(32);
  const input = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  sodium.crypto_hash_sha256(out, input as Buffer);
  return new Uint8Array(out.buffer, out.byteOffset, 32);
}

/** Double SHA-256, the proof-of-work hash. */
export function sha256d(data: Uint8Array): Uint8Array {
  return sha256(sha256(data));
}

const encoder = new TextEncoder();

/**
 * Domain-separated hash: SHA-256(len(domain) || domain || parts...).
 * Every signature and commitment in telchain uses its own domain string so that
 * bytes signed for one purpose can never be valid for another.
 */
export function taggedHash(domain: string, ...parts: Uint8Array[]): Uint8Array {
  const tag = encoder.encode(domain);
  return sha256(Uint8Array.of(tag.length), tag, ...parts);
}

/** UTF-8 bytes of a text (browser-safe: it lives in src/bytes.ts, re-exported here). */
export { utf8 } from "../bytes.js";
