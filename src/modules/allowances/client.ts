/** The allowances module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction, routeAction } from "../../client/module-actions.js";
import { getCreated, grantLookup, grantsList, TAG } from "./routes.js";

/** GET /v1/allowances/:id: a grant and what is left of it for the next block. */
export const getAllowance = lookupAction(grantLookup, TAG);

/** GET /v1/allowances?payer=|grantee=: a page of the grants a payer gave or a grantee holds (give one). */
export const listAllowances = listAction(grantsList, TAG);

/** GET /v1/allowances/created/:tx: the grant an included `grant` transaction created. */
export const getAllowancesCreated = routeAction(getCreated.route);
