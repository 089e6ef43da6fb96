/** Every code the devices module refuses with (kinds, route and CLI). */
import { defineErrors } from "../../errors.js";

export const DEVICES_ERRORS = defineErrors("devices", {
  DEVICES_BAD_IMEI: { class: "invalid", description: "Not 15 digits ending in a Luhn check digit." },
  DEVICES_BAD_REASON: { class: "invalid", description: "Reason not lost, stolen or fraud (0, 1, 2)." },
  DEVICES_BAD_EVIDENCE: { class: "invalid", description: "CLI: bad --evidence hash or --evidence-file." },
  DEVICES_EXISTS: { class: "conflict", description: "The IMEI is already registered." },
  DEVICES_NOT_FOUND: { class: "not-found", description: "The IMEI is not registered." },
  DEVICES_NOT_OWNER: { class: "forbidden", description: "Only the device's owner may do this." },
  DEVICES_SELF_TRANSFER: { class: "invalid", description: "An offer to the owner's own address." },
  DEVICES_NO_PENDING_TRANSFER: { class: "conflict", description: "The device has no open offer." },
  DEVICES_NOT_BUYER: { class: "forbidden", description: "The open offer names another address." },
  DEVICES_FLAGGED: { class: "conflict", description: "The device is reported or flagged." },
  DEVICES_NOT_CARRIER: { class: "forbidden", description: "The sender operates no registered carrier." },
  DEVICES_NOT_FLAGGED: { class: "conflict", description: "The device is not reported or flagged." },
  DEVICES_NOT_FLAGGER: { class: "forbidden", description: "Only the flagging carrier may clear its flag." },
});
