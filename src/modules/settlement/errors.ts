/** Every code the settlement module refuses with (kinds, routes, CLI and the offline tools). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const SETTLEMENT_ERRORS = defineErrors("settlement", {
  SETTLEMENT_BAD_CARRIER: is("invalid", "Not a carrier id (3 to 8 upper-case letters or digits)."),
  SETTLEMENT_OVERFLOW: is("invalid", "An amount would pass 2^64 − 1 base units."),
  SETTLEMENT_CYCLE_FULL: is(
    "conflict",
    "The netting cycle already holds its most carrier pairs; wait for the next cycle.",
  ),
  // collateral and netting (netting/)
  SETTLEMENT_NOT_OPERATOR: is("forbidden", "The sender is not an operator of the carrier named."),
  SETTLEMENT_BAD_AMOUNT: is("invalid", "An amount is not a whole number from 1 to 2^64 − 1 base units."),
  SETTLEMENT_NOT_WITHDRAWABLE: is(
    "conflict",
    "More than the collateral's withdrawable part: the open cycle's net debit stays locked.",
  ),
  SETTLEMENT_BAD_CYCLE: is("invalid", "Not a cycle number (a whole number from 0)."),
  SETTLEMENT_CYCLE_OPEN: is("not-found", "The cycle has not ended yet: it has no statement or summary."),
  SETTLEMENT_NO_STATEMENT: is("not-found", "The carrier had no amounts in that cycle, or is not registered."),
});
