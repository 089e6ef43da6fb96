/**
 * numbers/claim: the sender claims a number with a registered carrier and locks
 * claimDeposit (debited; credited back at release). The number must be free: not held,
 * and not claimed by someone else within their confirmation window (NUMBERS_TAKEN). A
 * claim its carrier let lapse (past confirmBy) no longer blocks: the new claim replaces it
 * and the lapsed claimer's deposit is credited back to them.
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { ClaimPayload } from "../schemas.js";
import { appendHistory, readParams, readRecord, writeRecord } from "../store.js";
import { parseNumber, registeredCarrier } from "./common.js";

export const claim = defineKind({
  payload: ClaimPayload,
  parse: (p) => ({ n: parseNumber(p.number), carrier: p.carrier }),
  apply(ctx, { n, carrier }) {
    registeredCarrier(ctx, carrier);
    const params = readParams(ctx.state);
    const height = ctx.block.height;
    const existing = readRecord(ctx.state, n.digits);
    if (existing) {
      if (existing.active || height <= existing.confirmBy)
        throw new TelchainError(
          "NUMBERS_TAKEN",
          existing.active
            ? `${n.text} is held (carrier ${existing.carrier})`
            : `${n.text} is claimed, waiting for carrier ${existing.carrier} until height ${existing.confirmBy}`,
        );
      ctx.accounts.credit(existing.holder, existing.deposit);
      appendHistory(ctx.state, n.digits, { kind: "claim-lapsed", height, fromCarrier: existing.carrier });
    }
    ctx.accounts.debit(ctx.sender, params.claimDeposit);
    writeRecord(ctx.state, n.digits, {
      holder: ctx.sender,
      carrier,
      routingNumber: "",
      active: false,
      ported: false,
      deposit: params.claimDeposit,
      claimedAt: height,
      confirmBy: height + params.confirmDeadline,
      confirmedAt: 0,
    });
    appendHistory(ctx.state, n.digits, { kind: "claimed", height, toCarrier: carrier });
  },
  toJSON: (p) => p,
});
