/**
 * enum/transfer: the owner hands a number to another address. The attestation vouched for
 * the OLD owner, so it ends with the transfer (attestedUntil = block time): records stay
 * served for attestationGrace seconds, a handover window in which the new owner reattests.
 */
import { encodeAddress } from "../../../crypto/address.js";
import type { TxKind } from "../../../module/interface.js";
import { TransferPayload } from "../schemas.js";
import { readParams, writeNumber } from "../store.js";
import { ownedEntry, payloadNumber, safeText } from "./common.js";

export const transfer: TxKind<TransferPayload> = {
  payload: TransferPayload,
  check(p) {
    payloadNumber(p.number);
  },
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const n = payloadNumber(p.number);
    const entry = ownedEntry(ctx, params, n);
    writeNumber(ctx.state, n.digits, {
      ...entry,
      owner: p.to,
      attestedUntil: Math.min(entry.attestedUntil, ctx.block.timestamp),
    });
  },
  toJSON: (p) => ({ number: safeText(p.number), to: encodeAddress(p.to) }),
};
