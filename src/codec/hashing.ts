/**
 * Identities and signing digests of the encoded objects.
 * Signing digests are domain-separated and bound to the chain id: a transaction signed
 * for one network is never valid on another.
 */
import { concatBytes } from "../bytes.js";
import { sha256, sha256d, taggedHash, utf8 } from "../crypto/hash.js";
import { Header, Tx, TxBody } from "./schema.js";

export const TX_SIGN_DOMAIN = "telchain/tx/v1";

/** The digest an Ed25519 key signs for a transaction on chain `chainId`. */
export function txSigningDigest(chainId: string, body: TxBody): Uint8Array {
  return txSigningDigestOfBody(chainId, TxBody.serialize(body));
}

/** The same digest from the encoded body (no re-encoding). */
export function txSigningDigestOfBody(chainId: string, bodyBytes: Uint8Array): Uint8Array {
  const id = utf8(chainId);
  return taggedHash(TX_SIGN_DOMAIN, Uint8Array.of(id.length), id, bodyBytes);
}

/**
 * The bytes the signing digest hashes before the body: txSigningDigestOfBody(chainId, body) is
 * SHA-256(prefix || body). Lets a verify worker hash the body itself (VerifyPool's prefix).
 */
export function txSigningDigestPrefix(chainId: string): Uint8Array {
  const tag = utf8(TX_SIGN_DOMAIN);
  const id = utf8(chainId);
  return concatBytes(Uint8Array.of(tag.length), tag, Uint8Array.of(id.length), id);
}

/** Transaction id: SHA-256 of the full signed encoding. */
export function txHash(tx: Tx): Uint8Array {
  return sha256(Tx.serialize(tx));
}

export function txHashOfBytes(bytes: Uint8Array): Uint8Array {
  return sha256(bytes);
}

/** Block id and proof-of-work hash: SHA-256d of the header encoding. */
export function headerHash(h: Header): Uint8Array {
  return sha256d(Header.serialize(h));
}
