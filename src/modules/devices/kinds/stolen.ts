/**
 * Lost and stolen devices:
 *   report-stolen  the owner reports it (lost, stolen or fraud) with an optional evidence hash
 *   flag           an operator of a registered carrier flags it; the carrier's id is recorded
 *   recover        clears the report or flag
 * Reporting or flagging cancels an open transfer offer, and a flagged device can't be
 * offered or accepted until it is recovered.
 *
 * Who may recover (the issue: "cleared by its owner (and, for a carrier's flag, by that
 * carrier too)"):
 *   - an owner's report: the owner only;
 *   - a carrier's flag: the owner, or any current operator of THAT carrier (the one recorded
 *     in the flag), never another carrier.
 * Every recovery is a history event naming who cleared it ("owner" or the carrier id), so an
 * owner clearing a carrier's fraud flag stays visible to anyone checking the device.
 */
import { TelchainError } from "../../../errors.js";
import type { TxContext, TxKind } from "../../../module/interface.js";
import { payloadImei } from "../../../telephony/imei.js";
import { CARRIERS_MODULE, carriersReader } from "../expected-carriers.js";
import { type DeviceEntry, eventIndex, FlagPayload, ImeiPayload, MAX_CARRIER_ID_BYTES } from "../schemas.js";
import { appendEvent, deletePending, writeDevice } from "../store.js";
import {
  checkFlagPayload,
  flaggedByText,
  flagJson,
  imeiJson,
  isOwner,
  NO_EVIDENCE,
  ownedDevice,
  registeredDevice,
  safeText,
} from "./common.js";

const utf8 = (s: string) => new TextEncoder().encode(s);
const OWNER = new Uint8Array(0);

function ensureNotAlreadyFlagged(imei: string, entry: DeviceEntry): void {
  if (entry.flagged)
    throw new TelchainError(
      "DEVICES_FLAGGED",
      `device ${imei} is already flagged by ${flaggedByText(entry)} since height ${entry.since}`,
    );
}

/** Marks the device flagged by `by` (empty = owner), records the event, drops an open offer. */
function markFlagged(ctx: TxContext, imei: string, entry: DeviceEntry, p: FlagPayload, by: Uint8Array) {
  const height = ctx.block.height;
  const event = by.length === 0 ? "reported" : "flagged";
  const next = appendEvent(ctx.state, imei, entry, {
    event: eventIndex(event),
    height,
    reason: p.reason,
    by,
  });
  writeDevice(ctx.state, imei, {
    ...next,
    flagged: true,
    reason: p.reason,
    flaggedBy: by,
    evidence: p.evidence,
    since: height,
  });
  deletePending(ctx.state, imei);
}

/** The carrier id the sender operates (DEVICES_NOT_CARRIER otherwise). */
function senderCarrier(ctx: TxContext): string | undefined {
  return carriersReader(ctx.moduleState(CARRIERS_MODULE)).carrierOf(ctx.sender);
}

export const reportStolen: TxKind<FlagPayload> = {
  payload: FlagPayload,
  check: checkFlagPayload,
  apply(ctx, p) {
    const imei = payloadImei(p.imei, "DEVICES_BAD_IMEI");
    const entry = ownedDevice(ctx, imei);
    ensureNotAlreadyFlagged(imei, entry);
    markFlagged(ctx, imei, entry, p, OWNER);
  },
  toJSON: flagJson,
};

export const flag: TxKind<FlagPayload> = {
  payload: FlagPayload,
  check: checkFlagPayload,
  apply(ctx, p) {
    const imei = payloadImei(p.imei, "DEVICES_BAD_IMEI");
    const carrier = senderCarrier(ctx);
    if (carrier === undefined)
      throw new TelchainError(
        "DEVICES_NOT_CARRIER",
        "only an operator of a registered carrier may flag a device (the sender operates none)",
      );
    const id = utf8(carrier);
    if (id.length > MAX_CARRIER_ID_BYTES)
      throw new TelchainError(
        "DEVICES_NOT_CARRIER",
        `carrier id "${carrier.slice(0, 32)}…" is longer than ${MAX_CARRIER_ID_BYTES} bytes, which a flag cannot record`,
      );
    const entry = registeredDevice(ctx, imei);
    ensureNotAlreadyFlagged(imei, entry);
    markFlagged(ctx, imei, entry, p, id);
  },
  toJSON: flagJson,
};

export const recover: TxKind<ImeiPayload> = {
  payload: ImeiPayload,
  check(p) {
    payloadImei(p.imei, "DEVICES_BAD_IMEI");
  },
  apply(ctx, p) {
    const imei = payloadImei(p.imei, "DEVICES_BAD_IMEI");
    const entry = registeredDevice(ctx, imei);
    if (!entry.flagged)
      throw new TelchainError("DEVICES_NOT_FLAGGED", `device ${imei} is not reported or flagged`);
    let by: Uint8Array;
    if (isOwner(ctx, entry)) by = OWNER;
    else if (entry.flaggedBy.length > 0 && senderCarrier(ctx) === safeText(entry.flaggedBy))
      by = entry.flaggedBy;
    else
      throw new TelchainError(
        "DEVICES_NOT_OWNER",
        entry.flaggedBy.length === 0
          ? `device ${imei} was reported by its owner: only the owner may clear it`
          : `device ${imei} was flagged by ${flaggedByText(entry)}: only the owner or an operator of that carrier may clear it`,
      );
    const height = ctx.block.height;
    const next = appendEvent(ctx.state, imei, entry, {
      event: eventIndex("recovered"),
      height,
      reason: entry.reason,
      by,
    });
    writeDevice(ctx.state, imei, {
      ...next,
      flagged: false,
      reason: 0,
      flaggedBy: OWNER,
      evidence: NO_EVIDENCE,
      since: height,
    });
  },
  toJSON: imeiJson,
};
