/**
 * The allowances module's provable record (Module.proofs, src/module/proof.ts): a grant by id
 * (absent once revoked, exhausted or pruned). Browser-safe: the SDK bundles it.
 */
import { idParam, idParser } from "../../module/ids.js";
import { defineProof } from "../../module/proof.js";
import { GrantEntry } from "./schemas.js";
import { grantKey } from "./store.js";

export const allowanceProofs = [
  defineProof({
    record: "grant",
    about: "a grant by id: payer, grantee, limit per period, spent, expiry",
    param: idParam(idParser("ALLOWANCES_BAD_ID"), "grant"),
    key: (id) => grantKey(Number(id)),
    value: GrantEntry,
  }),
];
