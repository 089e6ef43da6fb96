/**
 * The allowances module's provable record (Module.proofs, src/module/proof.ts): a grant by id
 * (absent once revoked, exhausted or pruned). Browser-safe: the SDK bundles it.
 */
import { proofById } from "../../module/proof.js";
import { GrantEntry } from "./schemas.js";
import { grantKey } from "./store.js";

export const allowanceProofs = [
  proofById({
    record: "grant",
    about: "a grant by id: payer, grantee, limit per period, cap, spent, expiry",
    code: "ALLOWANCES_BAD_ID",
    what: "grant",
    key: grantKey,
    value: GrantEntry,
  }),
];
