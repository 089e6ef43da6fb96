import { createHash } from "node:crypto";

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = createHash("sha256");
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest().buffer, 0, 32);
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

export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}
