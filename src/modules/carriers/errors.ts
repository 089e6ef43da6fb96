/** Codes of the carriers module. */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const CARRIERS_ERRORS = defineErrors("carriers", {
  CARRIER_BAD_ID: is("invalid", "A carrier id that is not 3 to 8 upper-case letters or digits."),
  CARRIER_BAD_DATA: is("invalid", "A name, routing prefix, SIP ingress or key list breaks its rule."),
  CARRIER_EXISTS: is("conflict", "register: the carrier id is taken."),
  CARRIER_KEY_IN_USE: is("conflict", "The key already operates a carrier (a key operates one at most)."),
  CARRIER_UNKNOWN: is("not-found", "No carrier with that id is registered."),
  CARRIER_NOT_OPERATOR: is("forbidden", "The signer is not an operator key of that carrier."),
  CARRIER_LAST_KEY: is("conflict", "rotate-keys would leave the carrier without an operator key."),
});
