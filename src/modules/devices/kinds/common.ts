/** What the device kinds share: the IMEI argument, the registered device, ownership, the flag. */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { parseImei } from "../../../telephony/imei.js";
import type { ExpectedCarriers } from "../expected-keepers.js";
import { type DeviceEntry, REASONS } from "../schemas.js";
import { readDevice } from "../store.js";

export const NO_EVIDENCE = new Uint8Array(32);

/** parse of the kinds whose payload is just the device: the IMEI with its check digit. */
export const imeiArgs = (p: { imei: string }) => ({ imei: parseImei(p.imei, "DEVICES_BAD_IMEI") });

/** The entry of a registered device (DEVICES_NOT_FOUND otherwise). */
export function registeredDevice(ctx: TxContext, imei: string): DeviceEntry {
  const entry = readDevice(ctx.state, imei);
  if (!entry) throw new TelchainError("DEVICES_NOT_FOUND", `device ${imei} is not registered`);
  return entry;
}

export const isOwner = (ctx: TxContext, entry: DeviceEntry) => equalBytes(entry.owner, ctx.sender);

/** The entry of a device the sender owns (DEVICES_NOT_FOUND, DEVICES_NOT_OWNER). */
export function ownedDevice(ctx: TxContext, imei: string): DeviceEntry {
  const entry = registeredDevice(ctx, imei);
  if (!isOwner(ctx, entry))
    throw new TelchainError(
      "DEVICES_NOT_OWNER",
      `device ${imei} is owned by ${encodeAddress(entry.owner)}, not by the sender`,
    );
  return entry;
}

/** The id of the carrier the sender operates, or undefined (through the carriers keeper). */
export const senderCarrier = (ctx: TxContext) =>
  ctx.keeper<ExpectedCarriers>("carriers").carrierOfOperator(ctx.sender);

export const flaggedByText = (e: DeviceEntry) =>
  e.flaggedBy === "" ? "its owner" : `carrier ${e.flaggedBy}`;

/** Refuses a transfer or accept of a flagged device (DEVICES_FLAGGED). */
export function ensureNotFlagged(imei: string, entry: DeviceEntry): void {
  if (entry.flagged)
    throw new TelchainError(
      "DEVICES_FLAGGED",
      `device ${imei} is reported ${REASONS[entry.reason] ?? "stolen"} by ${flaggedByText(entry)} at height ${entry.since}`,
    );
}
