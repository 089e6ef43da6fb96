/**
 * numbers/accept-port: an operator of the GAINING carrier accepts a pending port up to its
 * deadline. Carrier and routing number change together, the number is marked ported and
 * the port is recorded in the history. Anyone else (the losing carrier included) is
 * refused with NUMBERS_NOT_CARRIER; after the deadline with NUMBERS_PORT_LAPSED.
 */
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { assignRoutingNumber, checkRoutingNumber, payloadNumber } from "../number-args.js";
import { CarrierActPayload } from "../schemas.js";
import { appendHistory, portKey, readPort, writeRecord } from "../store.js";
import { ensureOperatorOf, existingRecord, registeredCarrier, text } from "./common.js";

export const acceptPort: TxKind<CarrierActPayload> = {
  payload: CarrierActPayload,
  check(p) {
    payloadNumber(p.number);
    checkRoutingNumber(p.routingNumber);
  },
  apply(ctx, p) {
    const n = payloadNumber(p.number);
    const r = existingRecord(ctx, n);
    const pending = readPort(ctx.state, n.digits);
    if (!pending) throw new TelchainError("NUMBERS_NO_PORT", `no port of ${n.text} is pending`);
    const to = text(pending.toCarrier);
    ensureOperatorOf(ctx, to, "accept-port");
    if (ctx.block.height > pending.deadline)
      throw new TelchainError(
        "NUMBERS_PORT_LAPSED",
        `the port of ${n.text} to ${to} lapsed at height ${pending.deadline}; the holder may request it again`,
      );
    const routingNumber = assignRoutingNumber(registeredCarrier(ctx, to), p.routingNumber);
    writeRecord(ctx.state, n.digits, { ...r, carrier: pending.toCarrier, routingNumber, ported: true });
    ctx.state.delete(portKey(n.digits));
    appendHistory(ctx.state, n.digits, {
      kind: "ported",
      height: ctx.block.height,
      fromCarrier: r.carrier,
      toCarrier: pending.toCarrier,
      routingNumber,
    });
  },
  toJSON: (p) => ({ number: text(p.number), routingNumber: text(p.routingNumber) || null }),
};
