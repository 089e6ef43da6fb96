/**
 * settlement/collateral-withdraw { carrier, amount }: an operator of the carrier takes `amount`
 * from its collateral into the operator's own account — at most what the open cycle does not
 * need: balance − max(0, the carrier's net debit so far in the cycle of this block, arrears
 * brought forward included). Refused: not an operator (SETTLEMENT_NOT_OPERATOR), more than
 * that (SETTLEMENT_NOT_WITHDRAWABLE), an account past 2^64 − 1 (SETTLEMENT_OVERFLOW).
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { cycleOf } from "../ledger.js";
import { CollateralPayload } from "../netting/schemas.js";
import { collateralOf, MAX_UINT64, writeCollateral } from "../netting/store.js";
import { readParams } from "../store.js";
import { collateralJson, ensureOperator, parseCollateral } from "./collateral-common.js";

export const collateralWithdraw = defineKind({
  payload: CollateralPayload,
  parse: parseCollateral,
  apply(ctx, { carrier, amount }) {
    ensureOperator(ctx, carrier);
    const cycle = cycleOf(ctx.block.height, readParams(ctx.state).cycleBlocks);
    const c = collateralOf(ctx.state, cycle, carrier);
    if (amount > c.withdrawable)
      throw new TelchainError(
        "SETTLEMENT_NOT_WITHDRAWABLE",
        `${carrier} may withdraw at most ${c.withdrawable}: collateral ${c.balance}, of which cycle ${cycle} needs ${c.needed} (its net debit so far); asked ${amount}`,
      );
    if (ctx.accounts.balance(ctx.sender) + amount > MAX_UINT64)
      throw new TelchainError("SETTLEMENT_OVERFLOW", `the sender's balance plus ${amount} passes 2^64 − 1`);
    writeCollateral(ctx.state, carrier, c.balance - amount);
    ctx.accounts.credit(ctx.sender, amount);
  },
  toJSON: collateralJson,
});
