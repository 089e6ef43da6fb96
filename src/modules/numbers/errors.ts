/** Codes of the numbers module (number portability). */
import { defineErrors } from "../../errors.js";

export const NUMBERS_ERRORS = defineErrors("numbers", {
  NUMBERS_BAD_NUMBER: {
    class: "invalid",
    description: "Not an E.164 number (+, country code, a possible length).",
  },
  NUMBERS_CARRIER_UNKNOWN: {
    class: "not-found",
    description: "claim / port: the carrier id is malformed or names no registered carrier.",
  },
  NUMBERS_BAD_ROUTING_NUMBER: {
    class: "invalid",
    description:
      "A routing number that is not digits, starts with 0, is over 15 digits, or is under no prefix of the carrier.",
  },
  NUMBERS_TAKEN: {
    class: "conflict",
    description: "claim: the number is held, or claimed within its confirmation window.",
  },
  NUMBERS_UNKNOWN: { class: "not-found", description: "Nobody claims or holds the number." },
  NUMBERS_NOT_HOLDER: {
    class: "forbidden",
    description: "port / release: the signer is not the number's holder (claimer).",
  },
  NUMBERS_NOT_CARRIER: {
    class: "forbidden",
    description: "confirm / accept-port: the signer is not an operator of the carrier that must act.",
  },
  NUMBERS_NOT_PENDING: { class: "conflict", description: "confirm: the number is already confirmed." },
  NUMBERS_CLAIM_LAPSED: {
    class: "gone",
    description: "confirm: the claim's confirmation deadline has passed.",
  },
  NUMBERS_NOT_ACTIVE: {
    class: "conflict",
    description: "port: the number still waits for its carrier's confirmation.",
  },
  NUMBERS_SAME_CARRIER: { class: "conflict", description: "port: the number is already with that carrier." },
  NUMBERS_PORT_PENDING: {
    class: "conflict",
    description: "port: another port of the number is still pending.",
  },
  NUMBERS_NO_PORT: { class: "conflict", description: "accept-port: no port of the number is pending." },
  NUMBERS_PORT_LAPSED: {
    class: "gone",
    description: "accept-port: the port's deadline has passed; the holder may ask again.",
  },
});
