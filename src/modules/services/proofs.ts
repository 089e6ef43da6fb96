/**
 * The services module's provable record (Module.proofs, src/module/proof.ts): a service listing
 * by id (absent once withdrawn). Browser-safe: the SDK bundles it.
 */
import { idParam, idParser } from "../../module/ids.js";
import { defineProof } from "../../module/proof.js";
import { ListingEntry } from "./schemas.js";
import { listingKey } from "./store.js";

export const serviceProofs = [
  defineProof({
    record: "listing",
    about: "a service listing by id: provider, kind, region, price, endpoint, ratings",
    param: idParam(idParser("SERVICES_BAD_ID"), "listing"),
    key: (id) => listingKey(Number(id)),
    value: ListingEntry,
  }),
];
