/**
 * numbers/release: the holder gives the number up ("spends" the token), or the claimer
 * withdraws a claim not yet confirmed (at any time, also after it lapsed). The deposit is
 * credited back, any pending port is dropped, and the number is free. Its history stays.
 */
import { defineKind } from "../../../module/kind.js";
import { ReleasePayload } from "../schemas.js";
import { appendHistory, deletePort, deleteRecord } from "../store.js";
import { heldRecord, parseNumber } from "./common.js";

export const release = defineKind({
  payload: ReleasePayload,
  parse: (p) => parseNumber(p.number),
  apply(ctx, n) {
    const r = heldRecord(ctx, n);
    ctx.accounts.credit(ctx.sender, r.deposit);
    deleteRecord(ctx.state, n.digits);
    deletePort(ctx.state, n.digits);
    appendHistory(ctx.state, n.digits, {
      kind: r.active ? "released" : "claim-cancelled",
      height: ctx.block.height,
      fromCarrier: r.carrier,
    });
  },
  toJSON: (p) => p,
});
