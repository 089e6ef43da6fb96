/**
 * Strict decoding. SSZ already rejects wrong sizes and bad offsets; on top of that we
 * re-encode every decoded object and require the very same bytes, so any non-canonical
 * form (trailing bytes, oversize integers, odd offsets) is refused.
 */
import type { Type } from "@chainsafe/ssz";
import { equalBytes } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { Block, HEADER_BYTES, Header, Tx } from "./schema.js";

export function decodeStrict<T>(type: Type<T>, bytes: Uint8Array, what: string, maxBytes?: number): T {
  if (maxBytes !== undefined && bytes.length > maxBytes) {
    throw new TelchainError(
      "CODEC_OVERSIZE",
      `${what} is ${bytes.length} bytes, more than the limit of ${maxBytes}`,
    );
  }
  let value: T;
  try {
    value = type.deserialize(bytes);
  } catch (e) {
    // A field's own rule (e.g. a TextType's pattern) keeps its code.
    if (e instanceof TelchainError) throw new TelchainError(e.code, `${what}: ${e.message}`);
    throw new TelchainError("CODEC_MALFORMED", `${what} is malformed: ${(e as Error).message}`);
  }
  let again: Uint8Array;
  try {
    again = type.serialize(value);
  } catch (e) {
    throw new TelchainError("CODEC_MALFORMED", `${what} has an out-of-range field: ${(e as Error).message}`);
  }
  if (!equalBytes(again, bytes)) {
    throw new TelchainError("CODEC_NON_CANONICAL", `${what} is not in canonical encoding`);
  }
  return value;
}

export const decodeTx = (b: Uint8Array): Tx => decodeStrict(Tx, b, "transaction");
export const decodeHeader = (b: Uint8Array): Header => decodeStrict(Header, b, "header");
export const decodeBlock = (b: Uint8Array, maxBytes?: number): Block =>
  decodeStrict(Block, b, "block", maxBytes);

/**
 * The header of an encoded block, decoded strictly from the block's fixed-size first field
 * without touching its transactions: lets the cheap header checks run before the (up to
 * maxBlockBytes of) transactions are decoded. Refuses what decodeBlock refuses for its size
 * and header; whatever decodeBlock accepts, this accepts with the same header.
 */
export function decodeBlockHeader(blockBytes: Uint8Array, maxBytes?: number): Header {
  if (maxBytes !== undefined && blockBytes.length > maxBytes) {
    throw new TelchainError(
      "CODEC_OVERSIZE",
      `block is ${blockBytes.length} bytes, more than the limit of ${maxBytes}`,
    );
  }
  // A block is its header and the 4-byte offset of its transaction list, at least.
  if (blockBytes.length < HEADER_BYTES + 4) {
    throw new TelchainError(
      "CODEC_MALFORMED",
      `block is malformed: ${blockBytes.length} bytes, less than a header and its transaction list offset (${HEADER_BYTES + 4})`,
    );
  }
  return decodeStrict(Header, blockBytes.subarray(0, HEADER_BYTES), "block header");
}

/**
 * The encodings of a block's transactions, as views into the block's own (already strictly
 * decoded) bytes: an SSZ list of variable-size items starts with one 4-byte offset per item.
 * Saves re-encoding every transaction to hash it.
 */
export function txSlicesOfBlock(blockBytes: Uint8Array, count: number): Uint8Array[] {
  const view = new DataView(blockBytes.buffer, blockBytes.byteOffset, blockBytes.byteLength);
  const listStart = view.getUint32(HEADER_BYTES, true);
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const start = listStart + view.getUint32(listStart + 4 * i, true);
    const end = i + 1 < count ? listStart + view.getUint32(listStart + 4 * (i + 1), true) : blockBytes.length;
    out.push(blockBytes.subarray(start, end));
  }
  return out;
}

/** The encoded body inside an encoded transaction: Tx = offset(4) || signature(64) || body. */
export function bodyOfTxBytes(txBytes: Uint8Array): Uint8Array {
  return txBytes.subarray(4 + 64);
}
