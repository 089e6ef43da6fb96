/**
 * Strict decoding. SSZ already rejects wrong sizes and bad offsets; on top of that we
 * re-encode every decoded object and require the very same bytes, so any non-canonical
 * form (trailing bytes, oversize integers, odd offsets) is refused.
 */
import type { Type } from "@chainsafe/ssz";
import { equalBytes } from "../bytes.js";
import { TelchainError } from "../errors.js";
import { Block, Header, Tx } from "./schema.js";

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
