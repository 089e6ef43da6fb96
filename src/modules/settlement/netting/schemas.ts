/** SSZ schemas of collateral and netting: the collateral payloads, a balance, a statement, a cycle summary. */
import type { ValueOf } from "@chainsafe/ssz";
import { container, Uint32, Uint64, Uint128 } from "../../../codec/schema.js";
import { CarrierId } from "../schemas.js";

// Sums of a cycle's amounts (10,000 pairs of up to 2^64 − 1 each) are Uint128, so a statement
// or a summary can always be written, whatever the amounts.

/** collateral-deposit and collateral-withdraw: the carrier and the amount (base units). */
export const CollateralPayload = container("SettlementCollateral", { carrier: CarrierId, amount: Uint64 });
export type CollateralPayload = ValueOf<typeof CollateralPayload>;

/** A carrier's collateral, at c/<carrier>. */
export const CollateralEntry = container("SettlementCollateralEntry", { balance: Uint64 });
export type CollateralEntry = ValueOf<typeof CollateralEntry>;

/**
 * A carrier's statement of a netted cycle, at s/<cycle>/<carrier>. Gross amounts include the
 * arrears brought forward; net = grossReceivable − grossPayable; what was settled is
 * net − carriedReceivable + carriedPayable = received − paid.
 */
export const Statement = container("SettlementStatement", {
  grossReceivable: Uint128,
  grossPayable: Uint128,
  /** Of the gross: carried to the next cycle (the carrier or its counterparty defaulted). */
  carriedReceivable: Uint128,
  carriedPayable: Uint128,
  /** Of the gross: brought forward from the previous cycle (what that cycle carried). */
  arrearsReceivable: Uint128,
  arrearsPayable: Uint128,
  /** Taken from (paid) or put into (received) its collateral by the netting. */
  paid: Uint64,
  received: Uint64,
  /** Disputed amounts outstanding when the cycle was netted (kept out of it). */
  withheldReceivable: Uint64,
  withheldPayable: Uint64,
  /** The round in which it was found uncovered and its amounts carried; 0 = it was not. */
  defaultRound: Uint32,
  collateralAfter: Uint64,
});
export type Statement = ValueOf<typeof Statement>;

/** The summary of a netted cycle, at y/<cycle> (not written for a cycle without amounts). */
export const CycleSummary = container("SettlementCycleSummary", {
  /** Every obligation of the cycle, arrears included. */
  grossVolume: Uint128,
  /** Of which settled in the cycle, and carried to the next. */
  settledVolume: Uint128,
  carriedVolume: Uint128,
  /** What moved between collaterals: the sum of the positive settled nets. */
  netVolume: Uint128,
  carriers: Uint32,
  defaulters: Uint32,
  /** How many times the positions were computed: 1 = nobody defaulted. */
  rounds: Uint32,
});
export type CycleSummary = ValueOf<typeof CycleSummary>;
