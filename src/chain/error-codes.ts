/** Codes of the chain: block and transaction validity, storage consistency. */
import { defineErrors } from "../errors.js";

export const CHAIN_ERRORS = defineErrors("chain", {
  STORE_CORRUPT: {
    class: "internal",
    description: "The data directory is inconsistent (a record the head needs is missing or does not match).",
  },
});
