/** carriers/update: an operator replaces the carrier's name, routing prefixes and SIP ingress. */
import type { TxKind } from "../../../module/interface.js";
import { CarrierDataPayload } from "../schemas.js";
import { writeCarrier } from "../store.js";
import { carrierData } from "../validate.js";
import { carrierDataJson, operatedCarrier } from "./common.js";

export const update: TxKind<CarrierDataPayload> = {
  payload: CarrierDataPayload,
  check(p) {
    carrierData(p);
  },
  apply(ctx, p) {
    const d = carrierData(p);
    const entry = operatedCarrier(ctx, d.id);
    writeCarrier(ctx.state, {
      ...entry,
      name: p.name,
      routingPrefixes: p.routingPrefixes,
      sipIngress: p.sipIngress,
    });
  },
  toJSON: carrierDataJson,
};
