/**
 * The recovery module's provable record (Module.proofs, src/module/proof.ts): an account's
 * recovery record (guardians, pending change, started recovery, lock) by address. Browser-safe:
 * the SDK bundles it.
 */
import { proofByAddress } from "../../module/proof.js";
import { AccountRecovery } from "./schemas.js";
import { recoveryKey } from "./store.js";

export const recoveryProofs = [
  proofByAddress({
    record: "account",
    about:
      "an account's recovery record by address: guardians, pending change, proposals, recovery, lock, vetoes",
    what: "account",
    key: recoveryKey,
    value: AccountRecovery,
  }),
];
