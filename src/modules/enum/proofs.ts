/**
 * The ENUM module's provable records (Module.proofs, src/module/proof.ts): a number's ENUM
 * entry (owner, verifier, expiry, NAPTR records) by E.164 number, and a verifier by address.
 * Browser-safe: the SDK bundles it.
 */
import { defineProof, proofByAddress } from "../../module/proof.js";
import { e164Param } from "../../telephony/e164.js";
import { NumberEntry, VerifierEntry } from "./schemas.js";
import { numberKey, verifierKey } from "./store.js";

export const enumProofs = [
  defineProof({
    record: "number",
    about: "a number's ENUM entry by E.164: owner, verifier, expiry, attestation, NAPTR records",
    param: e164Param("ENUM_BAD_NUMBER"),
    key: numberKey,
    value: NumberEntry,
  }),
  proofByAddress({
    record: "verifier",
    about: "a number verifier by its key's address (tel1…): name, bond, revoked or not",
    what: "verifier",
    key: verifierKey,
    value: VerifierEntry,
  }),
];
