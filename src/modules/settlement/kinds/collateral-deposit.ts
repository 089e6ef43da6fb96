/**
 * settlement/collateral-deposit { carrier, amount }: an operator of the carrier moves `amount`
 * from its own account into the carrier's collateral, which the netting pays net debits from.
 * Refused: not an operator (SETTLEMENT_NOT_OPERATOR), a balance past 2^64 − 1
 * (SETTLEMENT_OVERFLOW), an account that cannot pay (ACCOUNT_INSUFFICIENT_FUNDS).
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { CollateralPayload } from "../netting/schemas.js";
import { MAX_UINT64, readCollateral, writeCollateral } from "../netting/store.js";
import { collateralJson, ensureOperator, parseCollateral } from "./collateral-common.js";

export const collateralDeposit = defineKind({
  payload: CollateralPayload,
  parse: parseCollateral,
  apply(ctx, { carrier, amount }) {
    ensureOperator(ctx, carrier);
    const balance = readCollateral(ctx.state, carrier);
    if (balance + amount > MAX_UINT64)
      throw new TelchainError(
        "SETTLEMENT_OVERFLOW",
        `the collateral of ${carrier} (${balance}) plus ${amount} passes 2^64 − 1`,
      );
    ctx.accounts.debit(ctx.sender, amount);
    writeCollateral(ctx.state, carrier, balance + amount);
  },
  toJSON: collateralJson,
});
