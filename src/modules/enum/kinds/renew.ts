/**
 * enum/renew: the owner pays renewFee (burned) to extend the registration by
 * registrationPeriod blocks from max(expiresAt, height); allowed up to the end of the grace
 * period, and only when less than one period remains (so nobody books decades ahead).
 */
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { RenewPayload } from "../schemas.js";
import { readParams, writeNumber } from "../store.js";
import { ownedEntry, payloadNumber, safeText } from "./common.js";

export const renew: TxKind<RenewPayload> = {
  payload: RenewPayload,
  check(p) {
    payloadNumber(p.number);
  },
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const n = payloadNumber(p.number);
    const entry = ownedEntry(ctx, params, n);
    const height = ctx.block.height;
    if (entry.expiresAt - height >= params.registrationPeriod)
      throw new TelchainError(
        "ENUM_RENEW_TOO_EARLY",
        `${n.text} runs until height ${entry.expiresAt}; renew when less than ${params.registrationPeriod} blocks remain`,
      );
    ctx.accounts.debit(ctx.sender, params.renewFee);
    writeNumber(ctx.state, n.digits, {
      ...entry,
      expiresAt: Math.max(entry.expiresAt, height) + params.registrationPeriod,
    });
  },
  toJSON: (p) => ({ number: safeText(p.number) }),
};
