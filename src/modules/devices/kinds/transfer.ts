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
import type { TxContext } from "../../../module/interface.js";
import { defineKind } from "../../../module/kind.js";
import { eventIndex, ImeiPayload, TransferPayload } from "../schemas.js";
import { appendEvent, deletePending, readPending, writeDevice, writePending } from "../store.js";
import { ensureNotFlagged, imeiArgs, ownedDevice, registeredDevice } from "./common.js";

export const transfer = defineKind({
  payload: TransferPayload,
  parse(p, tx) {
    const args = { ...imeiArgs(p), to: p.to };
    if (equalBytes(p.to, tx.sender))
      throw new TelchainError("DEVICES_SELF_TRANSFER", "a device cannot be transferred to its own owner");
    return args;
  },
  apply(ctx, { imei, to }) {
    ensureNotFlagged(imei, ownedDevice(ctx, imei));
    writePending(ctx.state, imei, { to, height: ctx.block.height });
  },
  toJSON: (p) => ({ imei: p.imei, to: encodeAddress(p.to) }),
  parties: (a) => [a.to],
});

function openOffer(ctx: TxContext, imei: string) {
  const pending = readPending(ctx.state, imei);
  if (!pending)
    throw new TelchainError("DEVICES_NO_PENDING_TRANSFER", `device ${imei} has no open transfer offer`);
  return pending;
}

export const accept = defineKind({
  payload: ImeiPayload,
  parse: imeiArgs,
  apply(ctx, { imei }) {
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
      by: "",
    });
    writeDevice(ctx.state, imei, { ...next, owner: ctx.sender });
  },
});

export const cancelTransfer = defineKind({
  payload: ImeiPayload,
  parse: imeiArgs,
  apply(ctx, { imei }) {
    ownedDevice(ctx, imei);
    openOffer(ctx, imei);
    deletePending(ctx.state, imei);
  },
});
