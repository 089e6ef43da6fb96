/** SSZ schemas of the settlement module's stored values (keys: store.ts) and payloads. */
import type { ValueOf } from "@chainsafe/ssz";
import { container, Uint53, Uint64 } from "../../codec/schema.js";
import { carrierIdText } from "../../telephony/carrier-id.js";

/** A carrier id as the carriers module registers it (3 to 8 upper-case letters or digits). */
export const CarrierId = carrierIdText("SETTLEMENT_BAD_CARRIER");

/** The module's parameters, fixed at genesis (params.ts). */
export const ParamsEntry = container("SettlementParams", { cycleBlocks: Uint53, minPeriodSeconds: Uint53 });
export type SettlementParams = ValueOf<typeof ParamsEntry>;

/** What a buyer carrier owes a seller carrier in one cycle (agreed or resolved amounts, summed). */
export const Obligation = container("SettlementObligation", {
  buyer: CarrierId,
  seller: CarrierId,
  amount: Uint64,
});
export type Obligation = ValueOf<typeof Obligation>;

/** A carrier's disputed amounts outstanding: withheld from netting until resolved. */
export const Withheld = container("SettlementWithheld", { payable: Uint64, receivable: Uint64 });
export type Withheld = ValueOf<typeof Withheld>;
