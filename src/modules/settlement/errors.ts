/** Every code the settlement module refuses with (kinds, routes, CLI and the offline tools). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const SETTLEMENT_ERRORS = defineErrors("settlement", {
  SETTLEMENT_BAD_CARRIER: is("invalid", "Not a carrier id (3 to 8 upper-case letters or digits)."),
  SETTLEMENT_OVERFLOW: is("invalid", "An amount would pass 2^64 − 1 base units."),
  // Rating and usage files (rating/, offline): a whole file refused, or one record rejected.
  SETTLEMENT_BAD_DECK: is(
    "invalid",
    "The rate deck has errors, each reported with its line (header, field, duplicate service and prefix); an offer's inline deck also when empty or not UTF-8.",
  ),
  SETTLEMENT_BAD_USAGE_FILE: is(
    "invalid",
    "The usage file's first line is not the header record_id,service,start_utc,quantity,calling,called.",
  ),
  SETTLEMENT_FILE_UNREADABLE: is(
    "invalid",
    "A deck or usage file cannot be read (missing, a folder, no access).",
  ),
  SETTLEMENT_BAD_PERIOD: is(
    "invalid",
    "--period-seconds must be a whole number ≥ 1 given with --anchor (a UTC time such as 2025-01-01T00:00:00Z); a period number is a whole number from 0.",
  ),
  SETTLEMENT_BAD_RECORD: is(
    "invalid",
    "A usage record has a malformed field (the reason names it): it is rejected, not committed; as dispute evidence, also one that starts outside its period.",
  ),
  SETTLEMENT_DUPLICATE_RECORD: is(
    "conflict",
    "A usage record repeats the record_id of an earlier line; the earlier line stands, this one is rejected.",
  ),
  SETTLEMENT_NO_RATE: is(
    "invalid",
    "No deck line of the record's service matches its called number; the record is rejected.",
  ),
  SETTLEMENT_BEFORE_ANCHOR: is(
    "invalid",
    "A usage record starts before the period anchor, so it belongs to no period; it is rejected.",
  ),
  SETTLEMENT_RECORD_NOT_FOUND: is(
    "not-found",
    "No accepted record of the usage file (in that period) has the record_id asked for.",
  ),
  SETTLEMENT_CYCLE_FULL: is(
    "conflict",
    "The netting cycle already holds its most carrier pairs; wait for the next cycle.",
  ),
  // collateral and netting (netting/)
  SETTLEMENT_NOT_OPERATOR: is(
    "forbidden",
    "The sender is not an operator of the carrier named (or of any registered carrier).",
  ),
  SETTLEMENT_BAD_AMOUNT: is("invalid", "An amount is not a whole number from 1 to 2^64 − 1 base units."),
  SETTLEMENT_NOT_WITHDRAWABLE: is(
    "conflict",
    "More than the collateral's withdrawable part: the open cycle's net debit stays locked.",
  ),
  SETTLEMENT_BAD_CYCLE: is("invalid", "Not a cycle number (a whole number from 0)."),
  SETTLEMENT_CYCLE_OPEN: is("not-found", "The cycle has not ended yet: it has no statement or summary."),
  SETTLEMENT_NO_STATEMENT: is("not-found", "The carrier had no amounts in that cycle, or is not registered."),
  // agreements, offers, usage commitments, reconciliation and disputes (agreements/)
  SETTLEMENT_UNKNOWN_CARRIER: is("not-found", "No carrier is registered with this id."),
  SETTLEMENT_SELF_AGREEMENT: is("invalid", "Seller and buyer are the same carrier."),
  SETTLEMENT_BAD_PERIOD_LENGTH: is(
    "invalid",
    "The period length is below the chain's minPeriodSeconds or above 366 days.",
  ),
  SETTLEMENT_BAD_TOLERANCE: is("invalid", "The tolerance is above 10,000 basis points (100 %)."),
  SETTLEMENT_BAD_TERMS: is(
    "invalid",
    "Anchor after 9999-12-31, commit deadline not 1 s to 366 days, or dispute window above 366 days.",
  ),
  SETTLEMENT_BAD_ID: is("invalid", "Not an agreement or offer id (a whole number from 1)."),
  SETTLEMENT_NO_AGREEMENT: is("not-found", "No agreement has this id."),
  SETTLEMENT_NOT_SELLER: is("forbidden", "Only an operator of the agreement's seller may do this."),
  SETTLEMENT_NOT_BUYER: is("forbidden", "Only an operator of the agreement's buyer may do this."),
  SETTLEMENT_NOT_PARTY: is("forbidden", "The sender operates neither the seller nor the buyer."),
  SETTLEMENT_NOT_PROPOSED: is("conflict", "The agreement is not a proposal waiting for its buyer."),
  SETTLEMENT_DECK_MISMATCH: is("conflict", "The deck hash is not the one proposed (or in force)."),
  SETTLEMENT_AGREEMENT_INACTIVE: is(
    "conflict",
    "The agreement is not in force: still a proposal, or cancelled before acceptance.",
  ),
  SETTLEMENT_TERMINATED: is("conflict", "The agreement is already terminated."),
  SETTLEMENT_BAD_VERSION: is(
    "invalid",
    "A new deck takes effect from a future period, after the last version's first period.",
  ),
  SETTLEMENT_NO_VERSION_PENDING: is("conflict", "No new deck version with this hash and period is proposed."),
  SETTLEMENT_TOO_MANY_VERSIONS: is("conflict", "The agreement already has its most deck versions (32)."),
  SETTLEMENT_NO_OFFER: is("not-found", "No open offer has this id (never published, or withdrawn)."),
  SETTLEMENT_NOT_PUBLISHER: is(
    "forbidden",
    "Only an operator of the carrier that published the offer may withdraw it.",
  ),
  SETTLEMENT_OWN_OFFER: is("conflict", "A carrier cannot accept its own offer."),
  SETTLEMENT_BAD_COMMITMENT: is(
    "invalid",
    "An empty commitment (count 0) must have the empty root and zero totals.",
  ),
  SETTLEMENT_PERIOD_NOT_ENDED: is("conflict", "The period has not ended yet (block time before its end)."),
  SETTLEMENT_COMMIT_LATE: is(
    "gone",
    "The period's commit deadline has passed (or it was settled without this side).",
  ),
  SETTLEMENT_ALREADY_COMMITTED: is("conflict", "This side already committed for the period."),
  SETTLEMENT_PERIOD_TERMINATED: is("conflict", "The period starts after the agreement's termination."),
  SETTLEMENT_NO_DISPUTE: is("not-found", "The period has no dispute."),
  SETTLEMENT_DISPUTE_CLOSED: is("conflict", "The dispute is already resolved."),
  SETTLEMENT_FIGURE_OUT_OF_RANGE: is("invalid", "The figure is outside the disputed range [low, high]."),
  SETTLEMENT_NO_PROPOSAL: is("conflict", "The other side has proposed no figure."),
  SETTLEMENT_OWN_PROPOSAL: is("conflict", "A side cannot accept its own proposal."),
  SETTLEMENT_FIGURE_MISMATCH: is("conflict", "The figure is not the one the other side proposed."),
  SETTLEMENT_NOT_ARBITER: is(
    "forbidden",
    "Only the agreement's arbiter decides (and this agreement may name none).",
  ),
  SETTLEMENT_WINDOW_OPEN: is("conflict", "The arbiter decides only once the dispute window has ended."),
  SETTLEMENT_EVIDENCE_CLOSED: is("conflict", "Evidence is taken only while the dispute window is open."),
  SETTLEMENT_EVIDENCE_INVALID: is(
    "invalid",
    "The Merkle proof does not lead from the record to the side's committed root and count.",
  ),
  SETTLEMENT_EVIDENCE_DUPLICATE: is("conflict", "This record is already evidence in the dispute."),
  SETTLEMENT_EVIDENCE_FULL: is("conflict", "This side has already posted its most evidence records (16)."),
  SETTLEMENT_BAD_OPTION: is(
    "invalid",
    "CLI: a missing, conflicting or malformed option (file, hash, figure, time).",
  ),
});
