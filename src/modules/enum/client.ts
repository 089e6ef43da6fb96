/** The ENUM module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction, routeAction } from "../../client/module-actions.js";
import { enumNumberLookup, enumNumbersList, getCommitRoute, listVerifiersRoute } from "./routes.js";

/** GET /v1/enum/:e164: a registered number: owner, verifier, expiry, status and NAPTR records. */
export const getEnumNumber = lookupAction(enumNumberLookup, "enum");

/** GET /v1/enum?owner=: a page of the numbers an address owns, in digit order. */
export const listEnumNumbers = listAction(enumNumbersList, "enum");

/** GET /v1/enum/verifiers: every verifier, active and revoked. */
export const listEnumVerifiers = routeAction(listVerifiersRoute);

/** GET /v1/enum/commits/:hash: a pending commit (`sender` picks the committer's own) and its reveal window. */
export const getEnumCommit = routeAction(getCommitRoute);
