/**
 * The devices module's provable records (Module.proofs, src/module/proof.ts): a device and an
 * open transfer offer, each by IMEI. Browser-safe: the SDK bundles it.
 */
import { defineProof } from "../../module/proof.js";
import { imeiParam } from "../../telephony/imei.js";
import { DeviceEntry, PendingTransfer } from "./schemas.js";
import { deviceKey, pendingKey } from "./store.js";

const param = imeiParam("DEVICES_BAD_IMEI");

export const deviceProofs = [
  defineProof({
    record: "device",
    about: "a device by IMEI: owner, stolen flag with its reason and evidence, event count",
    param,
    key: deviceKey,
    value: DeviceEntry,
  }),
  defineProof({
    record: "transfer",
    about: "an open transfer offer of a device by IMEI: to whom, since which height",
    param,
    key: pendingKey,
    value: PendingTransfer,
  }),
];
