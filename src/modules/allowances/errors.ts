/** Every code the allowances module refuses with (kinds, routes and CLI). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const ALLOWANCES_ERRORS = defineErrors("allowances", {
  ALLOWANCES_BAD_ID: is("invalid", "Not a grant id (a whole number from 1 to 2^53 − 1)."),
  ALLOWANCES_BAD_AMOUNT: is(
    "invalid",
    "A limit or a pull's amount is 0 (or, in the CLI, not a whole number from 1 to 2^64 − 1).",
  ),
  ALLOWANCES_BAD_PERIOD: is("invalid", "A period is 1 to 100,000,000 blocks."),
  ALLOWANCES_BAD_EXPIRY: is(
    "invalid",
    "A grant's expiry height is not above the block that grants it (0 means no expiry), or past 2^53 − 1.",
  ),
  ALLOWANCES_BAD_GRANTEE: is("invalid", "The grantee is the payer itself or the all-zero address."),
  ALLOWANCES_BAD_RECIPIENTS: is(
    "invalid",
    "The recipients list names an address twice or the all-zero address, or has more than 8.",
  ),
  ALLOWANCES_TOO_MANY: is(
    "conflict",
    "The payer already has the most open grants allowed (100): revoke one, or wait for one to end.",
  ),
  ALLOWANCES_NO_GRANT: is(
    "not-found",
    "No open grant has this id (never made, revoked, exhausted, or expired and pruned).",
  ),
  ALLOWANCES_NOT_PAYER: is("forbidden", "Only the grant's payer may change or revoke it."),
  ALLOWANCES_NOT_GRANTEE: is("forbidden", "Only the grant's grantee may pull from it."),
  ALLOWANCES_STALE_LIMIT: is(
    "conflict",
    "Compare-and-set: the grant's current limit is not the expected limit the change names.",
  ),
  ALLOWANCES_EXPIRED: is("gone", "The grant has expired: no pull or change at or after its expiry height."),
  ALLOWANCES_PERIOD_LIMIT: is(
    "conflict",
    "The amount is above what is left of the grant's limit this period.",
  ),
  ALLOWANCES_CAP_EXCEEDED: is("conflict", "The amount is above what is left of the grant's total cap."),
  ALLOWANCES_RECIPIENT_NOT_ALLOWED: is(
    "forbidden",
    "The pull pays an address that is not in the grant's recipients list.",
  ),
});
