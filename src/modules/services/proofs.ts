/**
 * The services module's provable record (Module.proofs, src/module/proof.ts): a service listing
 * by id (absent once withdrawn). Browser-safe: the SDK bundles it.
 */
import { proofById } from "../../module/proof.js";
import { ListingEntry } from "./schemas.js";
import { listingKey } from "./store.js";

export const serviceProofs = [
  proofById({
    record: "listing",
    about: "a service listing by id: provider, kind, region, price, endpoint, bond, ratings",
    code: "SERVICES_BAD_ID",
    what: "listing",
    key: listingKey,
    value: ListingEntry,
  }),
];
