/**
 * Addresses: the 32-byte Ed25519 public key, bech32m-encoded (BIP 350) with human-readable prefix `tel`.
 * Decoding accepts the all-lowercase or all-uppercase form (as bech32 allows); encoding is lowercase.
 */
import { bech32, bech32m } from "@scure/base";
import { TelchainError } from "../errors.js";

export const ADDRESS_PREFIX = "tel";
export const ADDRESS_BYTES = 32;
/** "tel" + "1" + 52 data chars + 6 checksum chars. */
const ADDRESS_LENGTH = 62;
/** Decoder length limit: generous so over-long input gets a "wrong length" message, not a parse error. */
const DECODE_LIMIT = 200;

function invalid(message: string): TelchainError {
  return new TelchainError("ADDRESS_INVALID", message);
}

export function encodeAddress(pub: Uint8Array): string {
  if (pub.length !== ADDRESS_BYTES)
    throw invalid(`address must be ${ADDRESS_BYTES} bytes, got ${pub.length}`);
  return bech32m.encode(ADDRESS_PREFIX, bech32m.toWords(pub), DECODE_LIMIT);
}

/** Decodes a `tel1…` address to the 32-byte public key; throws ADDRESS_INVALID saying what is wrong. */
export function decodeAddress(s: string): Uint8Array {
  if (typeof s !== "string") throw invalid("address must be a string");
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32m.decode(s as `${string}1${string}`, DECODE_LIMIT);
  } catch (e) {
    const why = (e as Error).message;
    if (/checksum/i.test(why)) {
      if (bech32.decodeUnsafe(s, DECODE_LIMIT))
        throw invalid("not bech32m: address has a bech32 (BIP 173) checksum");
      throw invalid("bad checksum: address is mistyped or corrupted");
    }
    throw invalid(`not bech32m: ${why}`);
  }
  const prefix = decoded.prefix.toLowerCase();
  if (prefix !== ADDRESS_PREFIX) throw invalid(`wrong prefix "${prefix}", expected "${ADDRESS_PREFIX}"`);
  let bytes: Uint8Array;
  try {
    bytes = bech32m.fromWords(decoded.words);
  } catch (e) {
    throw invalid(`not bech32m: ${(e as Error).message}`);
  }
  if (bytes.length !== ADDRESS_BYTES || s.length !== ADDRESS_LENGTH) {
    throw invalid(`wrong length: address holds ${bytes.length} bytes, expected ${ADDRESS_BYTES}`);
  }
  return bytes;
}

export function isAddress(s: string): boolean {
  try {
    decodeAddress(s);
    return true;
  } catch {
    return false;
  }
}
