/**
 * numbers/release: the holder gives the number up ("spends" the token), or the claimer
 * withdraws a claim not yet confirmed (at any time, also after it lapsed). The deposit is
 * credited back, any pending port is dropped, and the number is free. Its history stays.
 */
import type { TxKind } from "../../../module/interface.js";
import { payloadNumber } from "../number-args.js";
import { ReleasePayload } from "../schemas.js";
import { appendHistory, numberKey, portKey } from "../store.js";
import { heldRecord, text } from "./common.js";

export const release: TxKind<ReleasePayload> = {
  payload: ReleasePayload,
  check(p) {
    payloadNumber(p.number);
  },
  apply(ctx, p) {
    const n = payloadNumber(p.number);
    const r = heldRecord(ctx, n);
    ctx.accounts.credit(ctx.sender, r.deposit);
    ctx.state.delete(numberKey(n.digits));
    ctx.state.delete(portKey(n.digits));
    appendHistory(ctx.state, n.digits, {
      kind: r.active ? "released" : "claim-cancelled",
      height: ctx.block.height,
      fromCarrier: r.carrier,
    });
  },
  toJSON: (p) => ({ number: text(p.number) }),
};
