/**
 * numbers/confirm: an operator of the claim's carrier confirms it (up to confirmBy) and
 * the number becomes an active token of the claimer, with the carrier's routing number
 * (the requested one, which must start with a routing prefix of the carrier, or else the
 * carrier's first prefix).
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { CarrierActPayload } from "../schemas.js";
import { appendHistory, writeRecord } from "../store.js";
import { assignRoutingNumber, ensureOperatorOf, existingRecord, parseCarrierAct } from "./common.js";

export const confirm = defineKind({
  payload: CarrierActPayload,
  parse: parseCarrierAct,
  apply(ctx, { n, routingNumber: requested }) {
    const r = existingRecord(ctx, n);
    ensureOperatorOf(ctx, r.carrier, "confirm");
    if (r.active) throw new TelchainError("NUMBERS_NOT_PENDING", `${n.text} is already confirmed`);
    if (ctx.block.height > r.confirmBy)
      throw new TelchainError(
        "NUMBERS_CLAIM_LAPSED",
        `the claim of ${n.text} lapsed at height ${r.confirmBy}; the claimer may release it or claim again`,
      );
    const routingNumber = assignRoutingNumber(ctx, r.carrier, requested);
    writeRecord(ctx.state, n.digits, { ...r, active: true, routingNumber, confirmedAt: ctx.block.height });
    appendHistory(ctx.state, n.digits, {
      kind: "confirmed",
      height: ctx.block.height,
      toCarrier: r.carrier,
      routingNumber,
    });
  },
  toJSON: (p) => ({ number: p.number, routingNumber: p.routingNumber || null }),
});
