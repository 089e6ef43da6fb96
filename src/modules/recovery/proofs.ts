/**
 * The recovery module's provable record (Module.proofs, src/module/proof.ts): an account's
 * recovery record (guardians, pending change, started recovery, lock) by address. Browser-safe:
 * the SDK bundles it.
 */
import { addressArgument } from "../../cli/arguments.js";
import { decodeAddress, encodeAddress } from "../../crypto/address.js";
import { defineProof } from "../../module/proof.js";
import { AccountRecovery } from "./schemas.js";
import { recoveryKey } from "./store.js";

export const recoveryProofs = [
  defineProof({
    record: "account",
    about: "an account's recovery record by address: guardians, pending change, recovery, lock",
    param: {
      help: "the account (tel1…)",
      maxLength: 128,
      parse: (raw) => encodeAddress(addressArgument(raw, "the account")),
    },
    key: (id) => recoveryKey(decodeAddress(id)),
    value: AccountRecovery,
  }),
];
