/**
 * The settlement module's provable records (Module.proofs, src/module/proof.ts): a carrier's
 * statement of a netted cycle by "CARRIER/CYCLE", a cycle's summary, a carrier's collateral, an
 * agreement and an open offer. Browser-safe: the SDK bundles it.
 */
import { defineProof, proofById, splitPair } from "../../module/proof.js";
import { AgreementEntry, OfferEntry } from "./agreements/schemas.js";
import { agreementKey, offerKey } from "./agreements/store.js";
import { parseCarrier, parseCycle } from "./netting/ids.js";
import { CollateralEntry, CycleSummary, Statement } from "./netting/schemas.js";
import { collateralKey, statementKey, summaryKey } from "./netting/store.js";

const SHAPE = "CARRIER/CYCLE (CARA/12)";
const carrierParam = {
  help: "carrier id: 3 to 8 upper-case letters or digits",
  maxLength: 16,
  parse: parseCarrier,
};

export const settlementProofs = [
  defineProof({
    record: "statement",
    about:
      'a carrier\'s statement of a netted cycle, by "CARRIER/CYCLE" (CARA/12): gross, carried and arrears amounts, paid, received, default',
    param: {
      help: "CARRIER/CYCLE, e.g. CARA/12 (the / may be sent as %2F)",
      maxLength: 64,
      parse: (raw) => {
        const [carrier, cycle] = splitPair(raw, "SETTLEMENT_BAD_CARRIER", SHAPE);
        return `${parseCarrier(carrier)}/${parseCycle(cycle)}`;
      },
    },
    key: (id) => {
      const [carrier, cycle] = splitPair(id, "SETTLEMENT_BAD_CARRIER", SHAPE);
      return statementKey([Number(cycle), carrier]);
    },
    value: Statement,
  }),
  defineProof({
    record: "cycle",
    about: "the summary of a netted cycle by number: volumes, carriers, defaulters, rounds",
    param: { help: "cycle number (0, 1, 2, …)", maxLength: 40, parse: (raw) => String(parseCycle(raw)) },
    key: (id) => summaryKey(Number(id)),
    value: CycleSummary,
  }),
  defineProof({
    record: "collateral",
    about: "a carrier's collateral by carrier id: its balance",
    param: carrierParam,
    key: collateralKey,
    value: CollateralEntry,
  }),
  proofById({
    record: "agreement",
    about: "a bilateral agreement by id: seller, buyer, terms, deck versions, status",
    code: "SETTLEMENT_BAD_ID",
    what: "agreement",
    key: agreementKey,
    value: AgreementEntry,
  }),
  proofById({
    record: "offer",
    about: "an open agreement offer by id: seller, deck, terms",
    code: "SETTLEMENT_BAD_ID",
    what: "offer",
    key: offerKey,
    value: OfferEntry,
  }),
];
