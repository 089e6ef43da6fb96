/** The devices module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction } from "../../client/module-actions.js";
import { deviceLookup, devicesList } from "./routes.js";

/** GET /v1/devices/:imei: clean, stolen or unregistered, the flag, the owner, an open offer, the history. */
export const getDevice = lookupAction(deviceLookup, "devices");

/** GET /v1/devices?owner=: a page of the devices an address owns, in IMEI order. */
export const listDevices = listAction(devicesList, "devices");
