/**
 * Encrypted memos and view keys (docs/wallet.md, "Encrypted memos and view keys").
 *
 * MEMO KEY. An account's memo key pair is derived one way from its wallet's 32-byte Ed25519
 * seed: secret = taggedHash("telchain/memo-key/v1", seed), public = X25519(secret, base). Not
 * libsodium's Ed25519→X25519 conversion: that gives the signing scalar itself as the X25519
 * secret, so a "view key" made that way could sign. From the memo secret nothing leads back to
 * the seed, so a view key reads and never signs.
 *
 * MEMO. A random 32-byte content key k encrypts the memo (≤ 512 bytes) with
 * XChaCha20-Poly1305-IETF under a random 24-byte nonce and the associated data
 *   "telchain/memo/v1" ‖ len(chainId) ‖ chainId ‖ sender ‖ recipient,
 * so a memo copied into a transaction of another chain or between other parties does not open.
 * k is sealed (crypto_box_seal, 80 bytes) to the recipient's memo key and to the sender's.
 *
 * VIEW KEY. The account's address and its memo secret, bech32m with prefix "telview".
 */
import { bech32m } from "@scure/base";
import sodium from "sodium-native";
import { concatBytes, equalBytes } from "../bytes.js";
import {
  MEMO_MAX_BYTES,
  MEMO_NONCE_BYTES,
  MEMO_SEALED_KEY_BYTES,
  MEMO_TAG_BYTES,
  type MemoEnvelope,
} from "../codec/memo.js";
import { TelchainError } from "../errors.js";
import { ADDRESS_BYTES, encodeAddress } from "./address.js";
import { taggedHash, utf8 } from "./hash.js";

export const MEMO_KEY_DOMAIN = "telchain/memo-key/v1";
const MEMO_AD_TAG = utf8("telchain/memo/v1");
export const VIEW_KEY_PREFIX = "telview";
const KEY_BYTES = 32;
/** "telview" + "1" + 103 data characters (64 bytes) + 6 checksum characters. */
const VIEW_KEY_LENGTH = 117;
const DECODE_LIMIT = 300;

export interface MemoKeyPair {
  secret: Uint8Array;
  publicKey: Uint8Array;
}

/** The X25519 public key of a memo secret. */
export function memoPublicKey(secret: Uint8Array): Uint8Array {
  const pk = Buffer.alloc(KEY_BYTES);
  sodium.crypto_scalarmult_base(pk, Buffer.from(secret));
  return new Uint8Array(pk);
}

/** The memo key pair of a wallet, from its Ed25519 seed (one way: it cannot give the seed back). */
export function memoKeyPair(seed32: Uint8Array): MemoKeyPair {
  const secret = taggedHash(MEMO_KEY_DOMAIN, seed32);
  return { secret, publicKey: memoPublicKey(secret) };
}

/** The associated data binding a memo to its chain and its two parties. */
export function memoAssociatedData(chainId: string, sender: Uint8Array, recipient: Uint8Array): Uint8Array {
  const id = utf8(chainId);
  if (id.length > 255) throw new RangeError("chain id over 255 bytes");
  return concatBytes(MEMO_AD_TAG, Uint8Array.of(id.length), id, sender, recipient);
}

export interface MemoParties {
  chainId: string;
  sender: Uint8Array;
  recipient: Uint8Array;
}

/** Memo text as bytes, refused over 512 bytes (MEMO_TOO_LARGE) before anything is made. */
export function memoBytes(text: string): Uint8Array {
  const b = utf8(text);
  if (b.length > MEMO_MAX_BYTES)
    throw new TelchainError(
      "MEMO_TOO_LARGE",
      `a memo is at most ${MEMO_MAX_BYTES} bytes; this one is ${b.length} (UTF-8)`,
    );
  return b;
}

function seal(key: Uint8Array, to: Uint8Array): Uint8Array {
  const out = Buffer.alloc(MEMO_SEALED_KEY_BYTES);
  sodium.crypto_box_seal(out, Buffer.from(key), Buffer.from(to));
  return new Uint8Array(out);
}

/**
 * Encrypts `plaintext` (≤ 512 bytes) for the recipient's and the sender's memo public keys.
 */
export function sealMemo(
  plaintext: Uint8Array,
  parties: MemoParties & { recipientKey: Uint8Array; senderKey: Uint8Array },
): MemoEnvelope {
  if (plaintext.length > MEMO_MAX_BYTES)
    throw new TelchainError(
      "MEMO_TOO_LARGE",
      `a memo is at most ${MEMO_MAX_BYTES} bytes; this one is ${plaintext.length}`,
    );
  const k = Buffer.alloc(KEY_BYTES);
  sodium.randombytes_buf(k);
  const nonce = Buffer.alloc(MEMO_NONCE_BYTES);
  sodium.randombytes_buf(nonce);
  const ciphertext = Buffer.alloc(plaintext.length + MEMO_TAG_BYTES);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
    ciphertext,
    Buffer.from(plaintext),
    Buffer.from(memoAssociatedData(parties.chainId, parties.sender, parties.recipient)),
    null,
    nonce,
    k,
  );
  const envelope = {
    nonce: new Uint8Array(nonce),
    toRecipient: seal(k, parties.recipientKey),
    toSender: seal(k, parties.senderKey),
    ciphertext: new Uint8Array(ciphertext),
  };
  sodium.sodium_memzero(k);
  return envelope;
}

/**
 * The memo's plaintext, opened with a memo secret (the recipient's, the sender's or a view
 * key's), or undefined when this secret opens neither sealed key or the memo does not belong to
 * these parties on this chain (the associated data) or was altered. Never throws for bad input.
 */
export function openMemo(
  envelope: MemoEnvelope,
  secret: Uint8Array,
  parties: MemoParties,
): Uint8Array | undefined {
  if (secret.length !== KEY_BYTES || envelope.ciphertext.length < MEMO_TAG_BYTES) return undefined;
  const sk = Buffer.from(secret);
  const pk = Buffer.from(memoPublicKey(secret));
  const k = Buffer.alloc(KEY_BYTES);
  try {
    for (const sealed of [envelope.toRecipient, envelope.toSender]) {
      if (sealed.length !== MEMO_SEALED_KEY_BYTES) continue;
      if (!sodium.crypto_box_seal_open(k, Buffer.from(sealed), pk, sk)) continue;
      const plain = Buffer.alloc(envelope.ciphertext.length - MEMO_TAG_BYTES);
      try {
        sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
          plain,
          null,
          Buffer.from(envelope.ciphertext),
          Buffer.from(memoAssociatedData(parties.chainId, parties.sender, parties.recipient)),
          Buffer.from(envelope.nonce),
          k,
        );
        return new Uint8Array(plain);
      } catch {
        // The tag does not verify: altered, or the memo belongs to other parties.
      }
    }
    return undefined;
  } finally {
    sodium.sodium_memzero(k);
  }
}

export interface ViewKey {
  /** The account whose memos it reads. */
  address: Uint8Array;
  /** Its memo secret (X25519). */
  secret: Uint8Array;
}

/** A view key as text: "telview1…" (bech32m of address ‖ memo secret). */
export function encodeViewKey(v: ViewKey): string {
  if (v.address.length !== ADDRESS_BYTES || v.secret.length !== KEY_BYTES)
    throw new TelchainError("VIEW_KEY_INVALID", "a view key is a 32-byte address and a 32-byte memo secret");
  return bech32m.encode(VIEW_KEY_PREFIX, bech32m.toWords(concatBytes(v.address, v.secret)), DECODE_LIMIT);
}

/** A view key from its text; VIEW_KEY_INVALID saying what is wrong with anything else. */
export function decodeViewKey(s: string): ViewKey {
  const invalid = (why: string) =>
    new TelchainError("VIEW_KEY_INVALID", `not a view key (telview1…): ${why}`);
  if (typeof s !== "string") throw invalid("not text");
  let decoded: { prefix: string; words: number[] };
  try {
    decoded = bech32m.decode(s.trim() as `${string}1${string}`, DECODE_LIMIT);
  } catch (e) {
    const why = (e as Error).message;
    throw invalid(/checksum/i.test(why) ? "bad checksum: mistyped or cut short" : why);
  }
  if (decoded.prefix.toLowerCase() !== VIEW_KEY_PREFIX)
    throw invalid(`wrong prefix "${decoded.prefix}", expected "${VIEW_KEY_PREFIX}"`);
  let bytes: Uint8Array;
  try {
    bytes = bech32m.fromWords(decoded.words);
  } catch (e) {
    throw invalid((e as Error).message);
  }
  if (bytes.length !== ADDRESS_BYTES + KEY_BYTES || s.trim().length !== VIEW_KEY_LENGTH)
    throw invalid(`it holds ${bytes.length} bytes, expected ${ADDRESS_BYTES + KEY_BYTES}`);
  return { address: bytes.slice(0, ADDRESS_BYTES), secret: bytes.slice(ADDRESS_BYTES) };
}

/** Refuses a view key for another account than `address` (VIEW_KEY_MISMATCH). */
export function checkViewKeyFor(v: ViewKey, address: Uint8Array): void {
  if (!equalBytes(v.address, address))
    throw new TelchainError(
      "VIEW_KEY_MISMATCH",
      `this view key reads the memos of ${encodeAddress(v.address)}, not of ${encodeAddress(address)}`,
    );
}
