/** What the device kinds share: the registered device, ownership, the flag reason, JSON forms. */
import { equalBytes, toHex } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { payloadImei } from "../../../telephony/imei.js";
import { type DeviceEntry, type FlagPayload, REASONS, type Reason } from "../schemas.js";
import { readDevice } from "../store.js";

export const NO_EVIDENCE = new Uint8Array(32);

export function reasonName(index: number): Reason {
  const r = REASONS[index];
  if (r === undefined)
    throw new TelchainError(
      "DEVICES_BAD_REASON",
      `reason ${index} is unknown: 0 (lost), 1 (stolen) or 2 (fraud)`,
    );
  return r;
}

/** Stateless checks of report-stolen and flag payloads. */
export function checkFlagPayload(p: FlagPayload): void {
  payloadImei(p.imei, "DEVICES_BAD_IMEI");
  reasonName(p.reason);
}

/** The entry of a registered device (DEVICES_NOT_FOUND otherwise). */
export function registeredDevice(ctx: TxContext, imei: string): DeviceEntry {
  const entry = readDevice(ctx.state, imei);
  if (!entry) throw new TelchainError("DEVICES_NOT_FOUND", `device ${imei} is not registered`);
  return entry;
}

export function isOwner(ctx: TxContext, entry: DeviceEntry): boolean {
  return equalBytes(entry.owner, ctx.sender);
}

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

export function flaggedByText(entry: DeviceEntry): string {
  return entry.flaggedBy.length === 0 ? "its owner" : `carrier ${safeText(entry.flaggedBy)}`;
}

/** Refuses a transfer or accept of a flagged device (DEVICES_FLAGGED). */
export function ensureNotFlagged(imei: string, entry: DeviceEntry): void {
  if (entry.flagged)
    throw new TelchainError(
      "DEVICES_FLAGGED",
      `device ${imei} is reported ${REASONS[entry.reason] ?? "stolen"} by ${flaggedByText(entry)} at height ${entry.since}`,
    );
}

export function safeText(b: Uint8Array): string {
  return new TextDecoder().decode(b);
}

export const imeiJson = (p: { imei: Uint8Array }) => ({ imei: safeText(p.imei) });

export function flagJson(p: FlagPayload): unknown {
  return {
    imei: safeText(p.imei),
    reason: REASONS[p.reason] ?? p.reason,
    evidence: equalBytes(p.evidence, NO_EVIDENCE) ? null : toHex(p.evidence),
  };
}
