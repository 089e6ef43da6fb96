/** Helpers the numbers kinds share: the record a sender holds, carriers, the operator check. */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import type { E164 } from "../../../telephony/e164.js";
import type { CarrierEntry } from "../../carriers/schemas.js";
import { CARRIERS_MODULE, carrierOfOperator, readCarrier } from "../../carriers/store.js";
import type { NumberRecord } from "../schemas.js";
import { readRecord } from "../store.js";

export const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** The record of a claimed or held number (NUMBERS_UNKNOWN). */
export function existingRecord(ctx: TxContext, n: E164): NumberRecord {
  const r = readRecord(ctx.state, n.digits);
  if (!r) throw new TelchainError("NUMBERS_UNKNOWN", `${n.text} is not claimed`);
  return r;
}

/** The record of a number the sender holds or claimed (NUMBERS_UNKNOWN, NUMBERS_NOT_HOLDER). */
export function heldRecord(ctx: TxContext, n: E164): NumberRecord {
  const r = existingRecord(ctx, n);
  if (!equalBytes(r.holder, ctx.sender))
    throw new TelchainError("NUMBERS_NOT_HOLDER", `${n.text} is held by ${encodeAddress(r.holder)}`);
  return r;
}

/** A registered carrier (NUMBERS_CARRIER_UNKNOWN). */
export function registeredCarrier(ctx: TxContext, id: string): CarrierEntry {
  const c = readCarrier(ctx.moduleState(CARRIERS_MODULE), id);
  if (!c) throw new TelchainError("NUMBERS_CARRIER_UNKNOWN", `no carrier ${id} is registered`);
  return c;
}

/** The sender must be an operator key of carrier `id` (NUMBERS_NOT_CARRIER). */
export function ensureOperatorOf(ctx: TxContext, id: string, what: string): void {
  if (carrierOfOperator(ctx.moduleState(CARRIERS_MODULE), ctx.sender) !== id)
    throw new TelchainError(
      "NUMBERS_NOT_CARRIER",
      `${what} must be signed by an operator key of carrier ${id}; ${encodeAddress(ctx.sender)} is not one`,
    );
}
