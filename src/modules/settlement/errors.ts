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
});
