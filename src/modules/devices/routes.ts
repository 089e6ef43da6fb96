/**
 * What the devices module shows: one device by IMEI, for anyone (a shop checking a phone), and
 * the devices of an owner. PRIVACY (docs/registries.md, "The check route and the privacy
 * decision"): the current owner and an open offer's buyer, never past owners — history events
 * hold no address; the module does not store one.
 */
import { defineList } from "../../module/list.js";
import { defineLookup } from "../../module/lookup.js";
import { imeiParam } from "../../telephony/imei.js";
import { formatDevice } from "./format.js";
import { DeviceSchema, lookupDevice } from "./lookup.js";
import { byOwner } from "./store.js";

/** GET /v1/devices/:imei and `telchain device show <imei>`. */
export const deviceLookup = defineLookup({
  path: "/v1/devices/:imei",
  operationId: "getDevice",
  summary: "Check a device by IMEI",
  description:
    "Status of a device (clean, stolen or unregistered — a valid IMEI nobody registered is not a 404), " +
    "the flag with its reason, who set it and the evidence hash, the current owner, an open transfer " +
    "offer, and the latest 100 history events. Past owners are not shown. 400 DEVICES_BAD_IMEI.",
  param: imeiParam("DEVICES_BAD_IMEI"),
  schema: DeviceSchema,
  get: (q, imei) => lookupDevice(q.state(), imei),
  command: "device",
  notFound: (imei) => `${imei} is not registered`, // never: an unregistered IMEI is a status
  about: "check a device: CLEAN, STOLEN or UNREGISTERED, its owner and history",
  format: formatDevice,
});

/** GET /v1/devices?owner= and `telchain device list --owner`: current owners only, like the check route. */
export const devicesList = defineList({
  path: "/v1/devices",
  operationId: "listDevices",
  summary: "List the devices of an owner",
  noun: "devices",
  order: "IMEI order",
  command: "device",
  filters: { owner: { help: "that an address owns", address: byOwner.prefix } },
  schema: DeviceSchema,
  item: (q, imei) => lookupDevice(q.state(), imei),
  line: (v) => `${v.imei}  ${v.status}${v.pendingTransfer ? "  transfer offered" : ""}`,
});
