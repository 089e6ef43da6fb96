/**
 * The ENUM module's provable records (Module.proofs, src/module/proof.ts): a number's ENUM
 * entry (owner, verifier, expiry, NAPTR records) by E.164 number, and a verifier by address.
 * Browser-safe: the SDK bundles it.
 */
import { addressArgument } from "../../cli/arguments.js";
import { decodeAddress, encodeAddress } from "../../crypto/address.js";
import { defineProof } from "../../module/proof.js";
import { e164Param } from "../../telephony/e164.js";
import { NumberEntry, VerifierEntry } from "./schemas.js";
import { numberKey, verifierKey } from "./store.js";

export const enumProofs = [
  defineProof({
    record: "number",
    about: "a number's ENUM entry by E.164: owner, verifier, expiry, NAPTR records",
    param: e164Param("ENUM_BAD_NUMBER"),
    key: numberKey,
    value: NumberEntry,
  }),
  defineProof({
    record: "verifier",
    about: "a number verifier by its key's address (tel1…): active or revoked",
    param: {
      help: "the verifier's address (tel1…)",
      maxLength: 128,
      parse: (raw) => encodeAddress(addressArgument(raw, "the verifier")),
    },
    key: (id) => verifierKey(decodeAddress(id)),
    value: VerifierEntry,
  }),
];
