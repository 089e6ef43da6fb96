/** Codes of the coin module. */
import { defineErrors } from "../../errors.js";

export const COIN_ERRORS = defineErrors("coin", {
  COIN_ZERO_AMOUNT: { class: "invalid", description: "A transfer moves a positive amount." },
  COIN_BAD_AMOUNT: { class: "invalid", description: "An amount is whole base units, 1 to 2^64-1." },
});
