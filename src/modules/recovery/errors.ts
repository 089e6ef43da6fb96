/** Every code the recovery module refuses with (kinds, routes and CLI). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const RECOVERY_ERRORS = defineErrors("recovery", {
  RECOVERY_BAD_GUARDIANS: is("invalid", "A guardian list has 1 to 10 entries."),
  RECOVERY_BAD_GUARDIAN: is(
    "invalid",
    "A guardian is an address whose key can sign (a usable Ed25519 public key) or a carrier id (3 to 8 of A-Z 0-9), not both.",
  ),
  RECOVERY_DUPLICATE_GUARDIAN: is(
    "invalid",
    "The same address or carrier is named twice among the guardians.",
  ),
  RECOVERY_UNKNOWN_CARRIER: is("not-found", "No carrier is registered with this id."),
  RECOVERY_BAD_THRESHOLD: is("invalid", "The threshold is from 1 to the number of guardians."),
  RECOVERY_BAD_DELAY: is("invalid", "The delay (blocks) is outside the chain's [minDelay, maxDelay]."),
  RECOVERY_UNCHANGED: is(
    "conflict",
    "The guardians, threshold and delay are already these (in force or pending).",
  ),
  RECOVERY_NO_PENDING: is("not-found", "The account has no pending guardian change to cancel."),
  RECOVERY_NO_GUARDIANS: is("not-found", "The account has set no guardians."),
  RECOVERY_NOT_GUARDIAN: is(
    "forbidden",
    "The sender is not one of the account's guardians (nor an operator of a carrier that is one).",
  ),
  RECOVERY_NOT_OWNER: is("forbidden", "Only the account itself (signed by its authorising key) may do this."),
  RECOVERY_BAD_KEY: is(
    "invalid",
    "The proposed key is not a usable Ed25519 public key (not canonical, small order or not on the curve).",
  ),
  RECOVERY_SAME_KEY: is("conflict", "The proposed key already signs for the account."),
  RECOVERY_ALREADY_APPROVED: is("conflict", "This guardian already approves this key for the account."),
  RECOVERY_IN_PROGRESS: is(
    "conflict",
    "A recovery of the account has started: it is executed after its delay or vetoed by the account first.",
  ),
  RECOVERY_NONE: is("not-found", "The account has no started recovery (execute) or nothing to veto."),
  RECOVERY_TOO_EARLY: is(
    "conflict",
    "The recovery's delay has not passed: it is executable from a later height.",
  ),
  RECOVERY_LOCKED: is("conflict", "The account is locked already: a lock is not extended while it holds."),
  RECOVERY_NOT_LOCKED: is("conflict", "The account is not locked."),
  RECOVERY_BAD_OPTION: is("invalid", "CLI: a missing, conflicting or malformed option."),
});
