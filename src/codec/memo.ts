/**
 * The encrypted memo a transfer may carry (coin/transfer-memo, vouchers/transfer-memo), as SSZ:
 *
 *   MemoEnvelope { nonce: Bytes24, toRecipient: Bytes80, toSender: Bytes80, ciphertext: ByteList[528] }
 *
 * `ciphertext` is the XChaCha20-Poly1305 encryption of at most 512 bytes of memo under a random
 * content key, which `toRecipient` and `toSender` carry sealed (crypto_box_seal) to the two
 * parties' memo keys; src/crypto/memo.ts makes and opens them. The node cannot read a memo: it
 * checks only the sizes, here, where the payload is decoded. A ciphertext over 528 bytes (a memo
 * over 512) is MEMO_TOO_LARGE, under 16 (no room for its tag) MEMO_MALFORMED.
 */
import { ByteListType, ByteVectorType, type ValueOf } from "@chainsafe/ssz";
import { toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { decodeStrict } from "./decode.js";
import { container } from "./schema.js";

/** The most bytes of memo text. */
export const MEMO_MAX_BYTES = 512;
/** Poly1305 tag of the ciphertext. */
export const MEMO_TAG_BYTES = 16;
/** An X25519 sealed box of a 32-byte content key: ephemeral key 32 + tag 16 + key 32. */
export const MEMO_SEALED_KEY_BYTES = 80;
export const MEMO_NONCE_BYTES = 24;

type ByteViews = Parameters<ByteListType["value_serializeToBytes"]>[0];

/** The memo's size rule, with its codes: 16 to 528 bytes of ciphertext. */
export function checkCiphertextSize(n: number): void {
  if (n > MEMO_MAX_BYTES + MEMO_TAG_BYTES)
    throw new TelchainError(
      "MEMO_TOO_LARGE",
      `a memo is at most ${MEMO_MAX_BYTES} bytes (${MEMO_MAX_BYTES + MEMO_TAG_BYTES} encrypted); this one is ${n - MEMO_TAG_BYTES}`,
    );
  if (n < MEMO_TAG_BYTES)
    throw new TelchainError(
      "MEMO_MALFORMED",
      `a memo's ciphertext is at least its ${MEMO_TAG_BYTES}-byte tag; this one is ${n} bytes`,
    );
}

/** ByteList[528] that refuses a size out of 16..528 with the memo codes (encoding unchanged). */
export class MemoCiphertextType extends ByteListType {
  constructor() {
    super(MEMO_MAX_BYTES + MEMO_TAG_BYTES, { typeName: "MemoCiphertext" });
  }
  override value_deserializeFromBytes(data: ByteViews, start: number, end: number): Uint8Array {
    checkCiphertextSize(end - start);
    return super.value_deserializeFromBytes(data, start, end);
  }
  override value_serializeToBytes(output: ByteViews, offset: number, value: Uint8Array): number {
    checkCiphertextSize(value.length);
    return super.value_serializeToBytes(output, offset, value);
  }
}

export const MemoEnvelope = container("MemoEnvelope", {
  nonce: new ByteVectorType(MEMO_NONCE_BYTES),
  toRecipient: new ByteVectorType(MEMO_SEALED_KEY_BYTES),
  toSender: new ByteVectorType(MEMO_SEALED_KEY_BYTES),
  ciphertext: new MemoCiphertextType(),
});
export type MemoEnvelope = ValueOf<typeof MemoEnvelope>;

/**
 * A memo envelope from its bytes (strict: canonical, sizes checked); anything else is
 * MEMO_TOO_LARGE or MEMO_MALFORMED, never another error.
 */
export function decodeMemoEnvelope(bytes: Uint8Array): MemoEnvelope {
  try {
    return decodeStrict(MemoEnvelope, bytes, "memo");
  } catch (e) {
    if (e instanceof TelchainError && e.code === "MEMO_TOO_LARGE") throw e;
    throw new TelchainError("MEMO_MALFORMED", e instanceof Error ? e.message : String(e));
  }
}

/** How a payload's memo is shown by the API (`memo` of toJSON): its SSZ encoding in hex. */
export const memoJson = (m: MemoEnvelope): string => toHex(MemoEnvelope.serialize(m));
