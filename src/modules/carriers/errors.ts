/** Codes of the carriers module. */
import { defineErrors } from "../../errors.js";

export const CARRIERS_ERRORS = defineErrors("carriers", {
  CARRIER_BAD_ID: {
    class: "invalid",
    description: "A carrier id that is not 3 to 8 upper-case letters or digits.",
  },
  CARRIER_BAD_DATA: {
    class: "invalid",
    description:
      "A name, routing prefix, SIP ingress or operator key list breaks its rule (the message says which).",
  },
  CARRIER_EXISTS: { class: "conflict", description: "register: the carrier id is taken." },
  CARRIER_KEY_IN_USE: {
    class: "conflict",
    description: "The key already operates a carrier (a key operates one at most).",
  },
  CARRIER_UNKNOWN: { class: "not-found", description: "No carrier with that id is registered." },
  CARRIER_NOT_OPERATOR: {
    class: "forbidden",
    description: "The signer is not an operator key of that carrier.",
  },
  CARRIER_LAST_KEY: {
    class: "conflict",
    description: "rotate-keys would leave the carrier without an operator key.",
  },
});
