/**
 * devices/register: a new device gets a token owned by the sender — its maker at shipment,
 * or its first owner. First come, first served; an IMEI is registered once (DEVICES_EXISTS).
 */
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { eventIndex, ImeiPayload } from "../schemas.js";
import { appendEvent, readDevice, writeDevice } from "../store.js";
import { imeiArgs, NO_EVIDENCE } from "./common.js";

export const register = defineKind({
  payload: ImeiPayload,
  parse: imeiArgs,
  apply(ctx, { imei }) {
    const existing = readDevice(ctx.state, imei);
    if (existing)
      throw new TelchainError(
        "DEVICES_EXISTS",
        `device ${imei} is already registered (owner ${encodeAddress(existing.owner)}, since height ${existing.registeredAt})`,
      );
    const height = ctx.block.height;
    const entry = appendEvent(
      ctx.state,
      imei,
      {
        owner: ctx.sender,
        registeredAt: height,
        flagged: false,
        reason: 0,
        flaggedBy: "",
        evidence: NO_EVIDENCE,
        since: height,
        events: 0,
      },
      { event: eventIndex("registered"), height, reason: 0, by: "" },
    );
    writeDevice(ctx.state, imei, entry);
  },
});
