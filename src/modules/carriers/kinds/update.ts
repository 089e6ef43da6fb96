/** carriers/update: an operator replaces the carrier's name, routing prefixes and SIP ingress. */
import { defineKind } from "../../../module/kind.js";
import { CarrierDataPayload } from "../schemas.js";
import { writeCarrier } from "../store.js";
import { operatedCarrier, parseData } from "./common.js";

export const update = defineKind({
  payload: CarrierDataPayload,
  parse: parseData,
  apply(ctx, { id, name, routingPrefixes, sipIngress }) {
    writeCarrier(ctx.state, { ...operatedCarrier(ctx, id), name, routingPrefixes, sipIngress });
  },
  toJSON: (p) => p,
});
