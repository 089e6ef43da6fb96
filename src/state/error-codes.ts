/** Codes of the state commitment and its proofs. */
import { defineErrors } from "../errors.js";

export const STATE_ERRORS = defineErrors("state", {
  STATE_PROOF_INPUT: {
    class: "internal",
    description: "A proof was asked with bucket entries that do not match the state tree.",
  },
});
