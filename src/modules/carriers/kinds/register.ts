/**
 * carriers/register: a new carrier; the sender's key becomes its first operator. Refused
 * when the id is taken (CARRIER_EXISTS) or the sender already operates a carrier
 * (CARRIER_KEY_IN_USE). No deposit: the transaction fee is the only cost.
 */
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { CarrierDataPayload } from "../schemas.js";
import { readCarrier, setOperator, writeCarrier } from "../store.js";
import { carrierData } from "../validate.js";
import { carrierDataJson, ensureKeyFree } from "./common.js";

export const register: TxKind<CarrierDataPayload> = {
  payload: CarrierDataPayload,
  check(p) {
    carrierData(p);
  },
  apply(ctx, p) {
    const d = carrierData(p);
    if (readCarrier(ctx.state, d.id))
      throw new TelchainError("CARRIER_EXISTS", `carrier ${d.id} is already registered`);
    ensureKeyFree(ctx, ctx.sender);
    writeCarrier(ctx.state, {
      id: p.id,
      name: p.name,
      operators: [ctx.sender],
      routingPrefixes: p.routingPrefixes,
      sipIngress: p.sipIngress,
      registeredAt: ctx.block.height,
    });
    setOperator(ctx.state, ctx.sender, d.id);
  },
  toJSON: carrierDataJson,
};
