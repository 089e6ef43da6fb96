/**
 * The vouchers module's provable records (Module.proofs, src/module/proof.ts): a voucher class
 * and a direct offer by id, and a holder's balance of a class by "CLASS/ADDRESS" (7/tel1…).
 * Browser-safe: the SDK bundles it.
 */
import { addressArgument } from "../../cli/arguments.js";
import { decodeAddress, encodeAddress } from "../../crypto/address.js";
import { idParser } from "../../module/ids.js";
import { defineProof, proofById, splitPair } from "../../module/proof.js";
import { BalanceEntry, ClassEntry, OfferEntry } from "./schemas.js";
import { balanceKey, classKey, offerKey } from "./store.js";

const parseId = idParser("VOUCHERS_BAD_ID");

/** "CLASS/ADDRESS" → [class id, holder]; the canonical id is "<class>/<tel1…>". */
function parseBalanceId(raw: string): [number, Uint8Array] {
  const [classId, holder] = splitPair(raw, "VOUCHERS_BAD_ID", "CLASS/ADDRESS (7/tel1…)");
  return [parseId(classId, "the class id"), addressArgument(holder, "the holder")];
}

export const voucherProofs = [
  proofById({
    record: "class",
    about: "a voucher class by id: issuer, unit, expiry, cap, issued, redeemed, holders",
    code: "VOUCHERS_BAD_ID",
    what: "class",
    key: classKey,
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
  proofById({
    record: "offer",
    about: "a direct voucher offer by id: class, units, price, stock, sold, end, publishers",
    code: "VOUCHERS_BAD_ID",
    what: "offer",
    key: offerKey,
    value: OfferEntry,
  }),
];
