/**
 * numbers/confirm: an operator of the claim's carrier confirms it (up to confirmBy) and
 * the number becomes an active token of the claimer, with the carrier's routing number
 * (the requested one, which must start with a routing prefix of the carrier, or else the
 * carrier's first prefix).
 */
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { assignRoutingNumber, checkRoutingNumber, payloadNumber } from "../number-args.js";
import { CarrierActPayload } from "../schemas.js";
import { appendHistory, writeRecord } from "../store.js";
import { ensureOperatorOf, existingRecord, registeredCarrier, text } from "./common.js";

export const confirm: TxKind<CarrierActPayload> = {
  payload: CarrierActPayload,
  check(p) {
    payloadNumber(p.number);
    checkRoutingNumber(p.routingNumber);
  },
  apply(ctx, p) {
    const n = payloadNumber(p.number);
    const r = existingRecord(ctx, n);
    const carrierId = text(r.carrier);
    ensureOperatorOf(ctx, carrierId, "confirm");
    if (r.active) throw new TelchainError("NUMBERS_NOT_PENDING", `${n.text} is already confirmed`);
    if (ctx.block.height > r.confirmBy)
      throw new TelchainError(
        "NUMBERS_CLAIM_LAPSED",
        `the claim of ${n.text} lapsed at height ${r.confirmBy}; the claimer may release it or claim again`,
      );
    const routingNumber = assignRoutingNumber(registeredCarrier(ctx, carrierId), p.routingNumber);
    writeRecord(ctx.state, n.digits, { ...r, active: true, routingNumber, confirmedAt: ctx.block.height });
    appendHistory(ctx.state, n.digits, {
      kind: "confirmed",
      height: ctx.block.height,
      toCarrier: r.carrier,
      routingNumber,
    });
  },
  toJSON: (p) => ({ number: text(p.number), routingNumber: text(p.routingNumber) || null }),
};
