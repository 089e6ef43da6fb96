/**
 * carriers/register: a new carrier; the sender's key becomes its first operator. Refused
 * when the id is taken (CARRIER_EXISTS) or the sender already operates a carrier
 * (CARRIER_KEY_IN_USE). No deposit: the transaction fee is the only cost.
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { CarrierDataPayload } from "../schemas.js";
import { readCarrier, setOperator, writeCarrier } from "../store.js";
import { ensureKeyFree, parseData } from "./common.js";

export const register = defineKind({
  payload: CarrierDataPayload,
  parse: parseData,
  apply(ctx, d) {
    if (readCarrier(ctx.state, d.id))
      throw new TelchainError("CARRIER_EXISTS", `carrier ${d.id} is already registered`);
    ensureKeyFree(ctx, ctx.sender);
    writeCarrier(ctx.state, { ...d, operators: [ctx.sender], registeredAt: ctx.block.height });
    setOperator(ctx.state, ctx.sender, d.id);
  },
  toJSON: (p) => p,
});
