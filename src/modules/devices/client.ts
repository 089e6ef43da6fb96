/** The devices module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction } from "../../client/module-actions.js";
import type { DeviceView } from "./lookup.js";
import { deviceLookup, devicesList } from "./routes.js";

/** GET /v1/devices/:imei: clean, stolen or unregistered, the flag, the owner, an open offer, the history. */
export const getDevice = lookupAction<DeviceView, "imei">(deviceLookup, "devices");

/** GET /v1/devices?owner=: a page of the devices an address owns, in IMEI order. */
export const listDevices = listAction<DeviceView, { owner: string }>(devicesList, "devices");
