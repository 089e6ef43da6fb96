/**
 * Lost and stolen devices:
 *   report-stolen  the owner reports it (lost, stolen or fraud) with an optional evidence hash
 *   flag           an operator of a registered carrier flags it; the carrier's id is recorded
 *   recover        clears the report or flag
 * Reporting or flagging cancels an open transfer offer, and a flagged device can't be
 * offered or accepted until it is recovered.
 *
 * Who may recover (issue 9 item 8): a flag is cleared by whoever set it.
 *   - an owner's report: the owner only (DEVICES_NOT_OWNER otherwise);
 *   - a carrier's flag (fraud, non-payment, ...): only a current operator of THAT carrier,
 *     the one recorded in the flag — not another carrier, and not the owner
 *     (DEVICES_NOT_FLAGGER).
 * Every recovery is a history event naming who cleared it ("owner" or the carrier id).
 */
import { equalBytes, toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { TxContext } from "../../../module/interface.js";
import { defineKind, type ValueOf } from "../../../module/kind.js";
import {
  type DeviceEntry,
  eventIndex,
  FlagPayload,
  ImeiPayload,
  MAX_CARRIER_ID_BYTES,
  REASONS,
} from "../schemas.js";
import { appendEvent, deletePending, writeDevice } from "../store.js";
import {
  flaggedByText,
  imeiArgs,
  isOwner,
  NO_EVIDENCE,
  ownedDevice,
  registeredDevice,
  senderCarrier,
} from "./common.js";

type FlagArgs = { imei: string; reason: number; evidence: Uint8Array };

function parseFlag(p: ValueOf<typeof FlagPayload>): FlagArgs {
  const { imei } = imeiArgs(p);
  if (REASONS[p.reason] === undefined)
    throw new TelchainError(
      "DEVICES_BAD_REASON",
      `reason ${p.reason} is unknown: 0 (lost), 1 (stolen) or 2 (fraud)`,
    );
  return { imei, reason: p.reason, evidence: p.evidence };
}

function flagJson(p: ValueOf<typeof FlagPayload>): unknown {
  return {
    imei: p.imei,
    reason: REASONS[p.reason] ?? p.reason,
    evidence: equalBytes(p.evidence, NO_EVIDENCE) ? null : toHex(p.evidence),
  };
}

/** Marks the device flagged by `by` ("" = its owner), records the event, drops an open offer. */
function markFlagged(ctx: TxContext, entry: DeviceEntry, a: FlagArgs, by: string): void {
  if (entry.flagged)
    throw new TelchainError(
      "DEVICES_FLAGGED",
      `device ${a.imei} is already flagged by ${flaggedByText(entry)} since height ${entry.since}`,
    );
  const height = ctx.block.height;
  const event = eventIndex(by === "" ? "reported" : "flagged");
  const next = appendEvent(ctx.state, a.imei, entry, { event, height, reason: a.reason, by });
  writeDevice(ctx.state, a.imei, {
    ...next,
    flagged: true,
    reason: a.reason,
    flaggedBy: by,
    evidence: a.evidence,
    since: height,
  });
  deletePending(ctx.state, a.imei);
}

export const reportStolen = defineKind({
  payload: FlagPayload,
  parse: parseFlag,
  apply: (ctx, a) => markFlagged(ctx, ownedDevice(ctx, a.imei), a, ""),
  toJSON: flagJson,
});

export const flag = defineKind({
  payload: FlagPayload,
  parse: parseFlag,
  apply(ctx, a) {
    const carrier = senderCarrier(ctx);
    if (carrier === undefined)
      throw new TelchainError(
        "DEVICES_NOT_CARRIER",
        "only an operator of a registered carrier may flag a device (the sender operates none)",
      );
    if (Buffer.byteLength(carrier) > MAX_CARRIER_ID_BYTES)
      throw new TelchainError(
        "DEVICES_NOT_CARRIER",
        `carrier id "${carrier.slice(0, 32)}…" is longer than ${MAX_CARRIER_ID_BYTES} bytes, which a flag cannot record`,
      );
    markFlagged(ctx, registeredDevice(ctx, a.imei), a, carrier);
  },
  toJSON: flagJson,
});

export const recover = defineKind({
  payload: ImeiPayload,
  parse: imeiArgs,
  apply(ctx, { imei }) {
    const entry = registeredDevice(ctx, imei);
    if (!entry.flagged)
      throw new TelchainError("DEVICES_NOT_FLAGGED", `device ${imei} is not reported or flagged`);
    if (entry.flaggedBy === "" && !isOwner(ctx, entry))
      throw new TelchainError(
        "DEVICES_NOT_OWNER",
        `device ${imei} was reported by its owner: only the owner may clear it`,
      );
    if (entry.flaggedBy !== "" && senderCarrier(ctx) !== entry.flaggedBy)
      throw new TelchainError(
        "DEVICES_NOT_FLAGGER",
        `device ${imei} was flagged by ${flaggedByText(entry)}: only an operator of that carrier may clear it`,
      );
    const height = ctx.block.height;
    const next = appendEvent(ctx.state, imei, entry, {
      event: eventIndex("recovered"),
      height,
      reason: entry.reason,
      by: entry.flaggedBy,
    });
    writeDevice(ctx.state, imei, {
      ...next,
      flagged: false,
      reason: 0,
      flaggedBy: "",
      evidence: NO_EVIDENCE,
      since: height,
    });
  },
});
