/**
 * The vouchers module's provable records (Module.proofs, src/module/proof.ts): a voucher class
 * and a direct offer by id, and a holder's balance of a class by "CLASS/ADDRESS" (7/tel1…).
 * Browser-safe: the SDK bundles it.
 */
import { addressArgument } from "../../cli/arguments.js";
import { decodeAddress, encodeAddress } from "../../crypto/address.js";
import { idParam, idParser } from "../../module/ids.js";
import { defineProof, splitPair } from "../../module/proof.js";
import { BalanceEntry, ClassEntry, OfferEntry } from "./schemas.js";
import { balanceKey, classKey, offerKey } from "./store.js";

const parseId = idParser("VOUCHERS_BAD_ID");

/** "CLASS/ADDRESS" → [class id, holder]; the canonical id is "<class>/<tel1…>". */
function parseBalanceId(raw: string): [number, Uint8Array] {
  const [classId, holder] = splitPair(raw, "VOUCHERS_BAD_ID", "CLASS/ADDRESS (7/tel1…)");
  return [parseId(classId, "the class id"), addressArgument(holder, "the holder")];
}

export const voucherProofs = [
  defineProof({
    record: "class",
    about: "a voucher class by id: issuer, terms, supply, expiry, status",
    param: idParam(parseId, "class"),
    key: (id) => classKey(Number(id)),
    value: ClassEntry,
  }),
  defineProof({
    record: "balance",
    about: 'a holder\'s balance of a class, by "CLASS/ADDRESS" (7/tel1…): units held',
    param: {
      help: "CLASS/ADDRESS, e.g. 7/tel1… (the / may be sent as %2F)",
      maxLength: 160,
      parse: (raw) => {
        const [classId, holder] = parseBalanceId(raw);
        return `${classId}/${encodeAddress(holder)}`;
      },
    },
    key: (id) => {
      const [classId, holder] = splitPair(id, "VOUCHERS_BAD_ID", "CLASS/ADDRESS");
      return balanceKey([Number(classId), decodeAddress(holder)]);
    },
    value: BalanceEntry,
  }),
  defineProof({
    record: "offer",
    about: "a direct voucher offer by id: class, price, quantity, window, publishers",
    param: idParam(parseId, "offer"),
    key: (id) => offerKey(Number(id)),
    value: OfferEntry,
  }),
];
