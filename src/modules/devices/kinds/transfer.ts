/**
 * The sale of a device, in two steps so that nobody gets a device pushed on them:
 *   transfer        the owner offers it to an address (a new offer replaces an open one)
 *   accept          that address takes it: it becomes the owner
 *   cancel-transfer the owner withdraws the offer
 * A flagged device can be neither offered nor accepted (DEVICES_FLAGGED).
 */
import { equalBytes } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { payloadImei } from "../../../telephony/imei.js";
import { eventIndex, ImeiPayload, TransferPayload } from "../schemas.js";
import { appendEvent, deletePending, readPending, writeDevice, writePending } from "../store.js";
import { ensureNotFlagged, imeiJson, ownedDevice, registeredDevice, safeText } from "./common.js";

export const transfer: TxKind<TransferPayload> = {
  payload: TransferPayload,
  check(p, tx) {
    payloadImei(p.imei, "DEVICES_BAD_IMEI");
    if (equalBytes(p.to, tx.sender))
      throw new TelchainError("DEVICES_SELF_TRANSFER", "a device cannot be transferred to its own owner");
  },
  apply(ctx, p) {
    const imei = payloadImei(p.imei, "DEVICES_BAD_IMEI");
    const entry = ownedDevice(ctx, imei);
    ensureNotFlagged(imei, entry);
    writePending(ctx.state, imei, { to: p.to, height: ctx.block.height });
  },
  toJSON: (p) => ({ imei: safeText(p.imei), to: encodeAddress(p.to) }),
};

function openOffer(ctx: Parameters<TxKind["apply"]>[0], imei: string) {
  const pending = readPending(ctx.state, imei);
  if (!pending)
    throw new TelchainError("DEVICES_NO_PENDING_TRANSFER", `device ${imei} has no open transfer offer`);
  return pending;
}

export const accept: TxKind<ImeiPayload> = {
  payload: ImeiPayload,
  check(p) {
    payloadImei(p.imei, "DEVICES_BAD_IMEI");
  },
  apply(ctx, p) {
    const imei = payloadImei(p.imei, "DEVICES_BAD_IMEI");
    const entry = registeredDevice(ctx, imei);
    ensureNotFlagged(imei, entry);
    const pending = openOffer(ctx, imei);
    if (!equalBytes(pending.to, ctx.sender))
      throw new TelchainError(
        "DEVICES_NOT_BUYER",
        `the transfer of device ${imei} is offered to ${encodeAddress(pending.to)}, not to the sender`,
      );
    deletePending(ctx.state, imei);
    const next = appendEvent(ctx.state, imei, entry, {
      event: eventIndex("transferred"),
      height: ctx.block.height,
      reason: 0,
      by: new Uint8Array(0),
    });
    writeDevice(ctx.state, imei, { ...next, owner: ctx.sender });
  },
  toJSON: imeiJson,
};

export const cancelTransfer: TxKind<ImeiPayload> = {
  payload: ImeiPayload,
  check(p) {
    payloadImei(p.imei, "DEVICES_BAD_IMEI");
  },
  apply(ctx, p) {
    const imei = payloadImei(p.imei, "DEVICES_BAD_IMEI");
    ownedDevice(ctx, imei);
    openOffer(ctx, imei);
    deletePending(ctx.state, imei);
  },
  toJSON: imeiJson,
};
