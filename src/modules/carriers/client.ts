/** The carriers module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction } from "../../client/module-actions.js";
import { carrierLookup, carriersList } from "./routes.js";

/** GET /v1/carriers/:id: a carrier's name, operators, routing prefixes and SIP ingress. */
export const getCarrier = lookupAction(carrierLookup, "carriers");

/** GET /v1/carriers: a page of the carriers, in id order. */
export const listCarriers = listAction(carriersList, "carriers");
