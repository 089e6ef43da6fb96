import { fromHexOrUndefined } from "../bytes.js";
import { TelchainError } from "../errors.js";

/** Strictly decodes a hex request field, refusing with BAD_REQUEST and the field's name. */
export function hexField(value: string, field: string): Uint8Array {
  const bytes = fromHexOrUndefined(value);
  if (!bytes) throw new TelchainError("BAD_REQUEST", `${field} must be an even-length hex string`);
  return bytes;
}
