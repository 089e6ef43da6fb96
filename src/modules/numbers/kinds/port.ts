/**
 * numbers/port: the holder of an active number asks to move it to another registered
 * carrier. portFee is burned (it pays for the request whether or not the carrier accepts).
 * The gaining carrier has portDeadline blocks to accept; the losing carrier has no say. One
 * pending port at a time (NUMBERS_PORT_PENDING); a lapsed one may be replaced.
 */
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { payloadCarrier, payloadNumber } from "../number-args.js";
import { PortPayload, PortRequest } from "../schemas.js";
import { portKey, readParams, readPort } from "../store.js";
import { heldRecord, registeredCarrier, text } from "./common.js";

export const port: TxKind<PortPayload> = {
  payload: PortPayload,
  check(p) {
    payloadNumber(p.number);
    payloadCarrier(p.toCarrier);
  },
  apply(ctx, p) {
    const n = payloadNumber(p.number);
    const r = heldRecord(ctx, n);
    if (!r.active)
      throw new TelchainError("NUMBERS_NOT_ACTIVE", `${n.text} waits for its carrier's confirmation`);
    const to = payloadCarrier(p.toCarrier);
    registeredCarrier(ctx, to);
    if (to === text(r.carrier))
      throw new TelchainError("NUMBERS_SAME_CARRIER", `${n.text} is already with carrier ${to}`);
    const pending = readPort(ctx.state, n.digits);
    const height = ctx.block.height;
    if (pending && height <= pending.deadline)
      throw new TelchainError(
        "NUMBERS_PORT_PENDING",
        `a port of ${n.text} to ${text(pending.toCarrier)} is pending until height ${pending.deadline}`,
      );
    const params = readParams(ctx.state);
    ctx.accounts.debit(ctx.sender, params.portFee); // burned
    ctx.state.set(
      portKey(n.digits),
      PortRequest.serialize({
        toCarrier: p.toCarrier,
        requestedAt: height,
        deadline: height + params.portDeadline,
      }),
    );
  },
  toJSON: (p) => ({ number: text(p.number), toCarrier: text(p.toCarrier) }),
};
