/** Codes of the account state, the state commitment and its proofs. */
import { defineErrors } from "../errors.js";

export const STATE_ERRORS = defineErrors("state", {
  STATE_PROOF_INPUT: {
    class: "internal",
    description: "A proof was asked with bucket entries that do not match the state tree.",
  },
  STATE_BUCKET_INVALID: { class: "internal", description: "A state bucket index outside the tree." },
  STATE_HASH_INVALID: {
    class: "internal",
    description: "A state tree node or leaf hash that is not 32 bytes.",
  },
  STATE_PENDING_STALE: {
    class: "internal",
    description: "A pending state tree was used after its base tree changed.",
  },
  ACCOUNT_BAD_AMOUNT: {
    class: "invalid",
    description: "A negative amount was credited to or debited from an account.",
  },
  ACCOUNT_INSUFFICIENT_FUNDS: {
    class: "invalid",
    description: "The account's balance is below the amount to debit.",
  },
  ACCOUNT_LOCKED: {
    class: "conflict",
    description:
      "The account is locked by its guardians (a lost key) until the height the message names: nothing can be debited from it and it can send only recovery transactions.",
  },
  ACCOUNT_OVERFLOW: { class: "invalid", description: "The credit would take the balance over 2^64-1." },
});
