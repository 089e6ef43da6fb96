/** The numbers module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction } from "../../client/module-actions.js";
import { numberLookup, numbersList } from "./routes.js";

/** GET /v1/numbers/:e164: the portability dip: holder, carrier, routing number, pending port, history. */
export const getNumber = lookupAction(numberLookup, "numbers");

/** GET /v1/numbers?holder=|carrier=: a page of the numbers an address holds or a carrier serves (give one). */
export const listNumbers = listAction(numbersList, "numbers");
