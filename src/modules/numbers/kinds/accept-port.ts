/**
 * numbers/accept-port: an operator of the GAINING carrier accepts a pending port up to its
 * deadline. Carrier and routing number change together, the number is marked ported and
 * the port is recorded in the history. Anyone else (the losing carrier included) is
 * refused with NUMBERS_NOT_CARRIER; after the deadline with NUMBERS_PORT_LAPSED.
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { CarrierActPayload } from "../schemas.js";
import { appendHistory, deletePort, readPort, writeRecord } from "../store.js";
import { assignRoutingNumber, ensureOperatorOf, existingRecord, parseCarrierAct } from "./common.js";

export const acceptPort = defineKind({
  payload: CarrierActPayload,
  parse: parseCarrierAct,
  apply(ctx, { n, routingNumber: requested }) {
    const r = existingRecord(ctx, n);
    const pending = readPort(ctx.state, n.digits);
    if (!pending) throw new TelchainError("NUMBERS_NO_PORT", `no port of ${n.text} is pending`);
    const to = pending.toCarrier;
    ensureOperatorOf(ctx, to, "accept-port");
    if (ctx.block.height > pending.deadline)
      throw new TelchainError(
        "NUMBERS_PORT_LAPSED",
        `the port of ${n.text} to ${to} lapsed at height ${pending.deadline}; the holder may request it again`,
      );
    const routingNumber = assignRoutingNumber(ctx, to, requested);
    writeRecord(ctx.state, n.digits, { ...r, carrier: to, routingNumber, ported: true });
    deletePort(ctx.state, n.digits);
    appendHistory(ctx.state, n.digits, {
      kind: "ported",
      height: ctx.block.height,
      fromCarrier: r.carrier,
      toCarrier: to,
      routingNumber,
    });
  },
  toJSON: (p) => ({ number: p.number, routingNumber: p.routingNumber || null }),
});
