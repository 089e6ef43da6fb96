/**
 * The carriers module's provable record (Module.proofs, src/module/proof.ts): a carrier by id.
 * Browser-safe: the SDK bundles it.
 */
import { defineProof } from "../../module/proof.js";
import { CarrierEntry, CarrierId } from "./schemas.js";
import { carrierKey } from "./store.js";

export const carrierProofs = [
  defineProof({
    record: "carrier",
    about: "a carrier by id: name, operator keys, routing prefixes, SIP ingress",
    param: {
      help: "3 to 8 upper-case letters or digits",
      maxLength: 16,
      parse: (raw) => CarrierId.check(raw),
    },
    key: carrierKey,
    value: CarrierEntry,
  }),
];
