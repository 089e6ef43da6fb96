/**
 * Guardian recovery: an account names guardians (addresses, or carriers through their operator
 * keys), a threshold and a delay; guardians approve a new authorising key for a lost one, and after
 * the delay anyone executes the rotation, while the account's current key can veto (with a trace)
 * and guardians can lock the account against outgoing transfers. The address, and everything it
 * holds in every module, stays the same. docs/recovery.md.
 */
import type { Module } from "../../module/interface.js";
import { recoveryCli } from "./cli.js";
import { RECOVERY_ERRORS } from "./errors.js";
import { recoveryKinds } from "./kinds.js";
import { devRecoveryGenesis, recoveryGenesis } from "./params.js";
import { recoveryProofs } from "./proofs.js";
import { guardedList, recoveryLookup } from "./views.js";

export { recoveryCalls } from "./kinds.js";

export const recoveryModule: Module = {
  name: "recovery",
  proofs: recoveryProofs,
  kinds: recoveryKinds,
  errors: RECOVERY_ERRORS,
  accountControl: true,
  genesis: recoveryGenesis,
  devGenesis: devRecoveryGenesis,
  lookups: [recoveryLookup],
  lists: [guardedList],
  cli: recoveryCli,
};
