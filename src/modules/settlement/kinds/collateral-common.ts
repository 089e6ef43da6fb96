/** What the collateral kinds share: the payload's parse, the operator check, the payload's JSON. */
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import type { ExpectedCarriers } from "../expected-keepers.js";
import type { CollateralPayload } from "../netting/schemas.js";

export function parseCollateral(p: CollateralPayload): CollateralPayload {
  if (p.amount === 0n)
    throw new TelchainError("SETTLEMENT_BAD_AMOUNT", "a collateral amount must be at least 1 base unit");
  return p;
}

/** Refuses a sender that is not an operator of `carrier` (SETTLEMENT_NOT_OPERATOR). */
export function ensureOperator(ctx: TxContext, carrier: string): void {
  const carriers = ctx.keeper<ExpectedCarriers>("carriers");
  const acting = carriers.carrierOfOperator(ctx.sender);
  if (acting === carrier) return;
  const who = `${encodeAddress(ctx.sender)} ${acting === undefined ? "operates no carrier" : `operates ${acting}`}`;
  throw new TelchainError(
    "SETTLEMENT_NOT_OPERATOR",
    carriers.carrier(carrier) === undefined
      ? `carrier ${carrier} is not registered (${who})`
      : `only an operator of ${carrier} may move its collateral; ${who}`,
  );
}

export const collateralJson = (p: CollateralPayload) => ({ carrier: p.carrier, amount: p.amount.toString() });
