/** Every code the settlement module refuses with (kinds, routes, CLI and the offline tools). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const SETTLEMENT_ERRORS = defineErrors("settlement", {
  SETTLEMENT_BAD_CARRIER: is("invalid", "Not a carrier id (3 to 8 upper-case letters or digits)."),
  SETTLEMENT_OVERFLOW: is("invalid", "An amount would pass 2^64 − 1 base units."),
  // Rating and usage files (rating/, offline): a whole file refused, or one record rejected.
  SETTLEMENT_BAD_DECK: is(
    "invalid",
    "The rate deck has errors: each is reported with its line (header, field, duplicate service and prefix).",
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
    "--period-seconds must be a whole number ≥ 1 given with --anchor, a UTC time such as 2025-01-01T00:00:00Z.",
  ),
  SETTLEMENT_BAD_RECORD: is(
    "invalid",
    "A usage record has a malformed field (the reason names it); the record is rejected, not committed.",
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
  SETTLEMENT_NOT_OPERATOR: is("forbidden", "The sender is not an operator of the carrier named."),
  SETTLEMENT_BAD_AMOUNT: is("invalid", "An amount is not a whole number from 1 to 2^64 − 1 base units."),
  SETTLEMENT_NOT_WITHDRAWABLE: is(
    "conflict",
    "More than the collateral's withdrawable part: the open cycle's net debit stays locked.",
  ),
  SETTLEMENT_BAD_CYCLE: is("invalid", "Not a cycle number (a whole number from 0)."),
  SETTLEMENT_CYCLE_OPEN: is("not-found", "The cycle has not ended yet: it has no statement or summary."),
  SETTLEMENT_NO_STATEMENT: is("not-found", "The carrier had no amounts in that cycle, or is not registered."),
});
