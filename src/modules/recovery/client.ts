/** The recovery module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction } from "../../client/module-actions.js";
import { guardedList, recoveryLookup } from "./views.js";

/** GET /v1/recovery/:address: an account's guardians, pending change, proposals, recovery, lock and vetoes. */
export const getRecovery = lookupAction(recoveryLookup, "recovery");

/** GET /v1/recovery?guardian=|carrier=: a page of the accounts an address or a carrier guards (give one). */
export const listGuardedAccounts = listAction(guardedList, "recovery");
