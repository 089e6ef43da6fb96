/**
 * The numbers module's provable records (Module.proofs, src/module/proof.ts): a number (holder,
 * serving carrier, routing number: its portability state) and its pending port, each by E.164
 * number (+15551234567 or its digits; the id is the digits). Browser-safe: the SDK bundles it.
 */
import { defineProof } from "../../module/proof.js";
import { e164Param } from "../../telephony/e164.js";
import { NumberRecord, PortRequest } from "./schemas.js";
import { numberKey, portKey } from "./store.js";

const param = e164Param("NUMBERS_BAD_NUMBER");

export const numberProofs = [
  defineProof({
    record: "number",
    about:
      "a number by E.164 (its portability state): holder, serving carrier, routing number, ported, confirmed",
    param,
    key: numberKey,
    value: NumberRecord,
  }),
  defineProof({
    record: "port",
    about: "a number's pending port by E.164: the carrier it moves to, when asked, its deadline",
    param,
    key: portKey,
    value: PortRequest,
  }),
];
