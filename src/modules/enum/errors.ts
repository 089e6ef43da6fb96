/** Codes of the ENUM module and its reference verifier service. */
import { defineErrors } from "../../errors.js";

export const ENUM_ERRORS = defineErrors("enum", {
  VERIFIER_CHALLENGE_UNKNOWN: {
    class: "not-found",
    description: "No such verification challenge (unknown, answered, or dropped): request a new code.",
  },
  VERIFIER_CHALLENGE_EXPIRED: {
    class: "gone",
    description: "The verification code expired: request a new one.",
  },
  VERIFIER_TOO_MANY_ATTEMPTS: {
    class: "forbidden",
    description: "Wrong code and no attempts left: request a new code.",
  },
  VERIFIER_WRONG_CODE: {
    class: "forbidden",
    description: "Wrong verification code; the message says how many attempts are left.",
  },
  VERIFIER_DELIVERY_FAILED: {
    class: "upstream",
    description: "The verifier could not send the code through its delivery channel.",
  },
  VERIFIER_BUSY: {
    class: "unavailable",
    description: "The verifier holds too many pending challenges; try again later.",
  },
});
