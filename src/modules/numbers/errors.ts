/** Codes of the numbers module (number portability). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const NUMBERS_ERRORS = defineErrors("numbers", {
  NUMBERS_BAD_NUMBER: is("invalid", "Not an E.164 number (+, a country code, a possible length)."),
  NUMBERS_CARRIER_UNKNOWN: is("not-found", "claim / port: the carrier id is malformed or not registered."),
  NUMBERS_BAD_ROUTING_NUMBER: is("invalid", "Not digits (first not 0), or not under a carrier prefix."),
  NUMBERS_TAKEN: is("conflict", "claim: the number is held, or claimed within its confirmation window."),
  NUMBERS_UNKNOWN: is("not-found", "Nobody claims or holds the number."),
  NUMBERS_NOT_HOLDER: is("forbidden", "port / release: the signer is not the number's holder (claimer)."),
  NUMBERS_NOT_CARRIER: is("forbidden", "confirm / accept-port: the signer does not operate that carrier."),
  NUMBERS_NOT_PENDING: is("conflict", "confirm: the number is already confirmed."),
  NUMBERS_CLAIM_LAPSED: is("gone", "confirm: the claim's confirmation deadline has passed."),
  NUMBERS_NOT_ACTIVE: is("conflict", "port: the number still waits for its carrier's confirmation."),
  NUMBERS_SAME_CARRIER: is("conflict", "port: the number is already with that carrier."),
  NUMBERS_PORT_PENDING: is("conflict", "port: another port of the number is still pending."),
  NUMBERS_NO_PORT: is("conflict", "accept-port: no port of the number is pending."),
  NUMBERS_PORT_LAPSED: is("gone", "accept-port: the port lapsed (the holder may ask again)."),
});
