/**
 * numbers/port: the holder of an active number asks to move it to another registered
 * carrier. portFee is burned (it pays for the request whether or not the carrier accepts).
 * The gaining carrier has portDeadline blocks to accept; the losing carrier has no say. One
 * pending port at a time (NUMBERS_PORT_PENDING); a lapsed one may be replaced.
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { PortPayload } from "../schemas.js";
import { readParams, readPort, writePort } from "../store.js";
import { heldRecord, parseNumber, registeredCarrier } from "./common.js";

export const port = defineKind({
  payload: PortPayload,
  parse: (p) => ({ n: parseNumber(p.number), to: p.toCarrier }),
  apply(ctx, { n, to }) {
    const r = heldRecord(ctx, n);
    if (!r.active)
      throw new TelchainError("NUMBERS_NOT_ACTIVE", `${n.text} waits for its carrier's confirmation`);
    registeredCarrier(ctx, to);
    if (to === r.carrier)
      throw new TelchainError("NUMBERS_SAME_CARRIER", `${n.text} is already with carrier ${to}`);
    const pending = readPort(ctx.state, n.digits);
    const height = ctx.block.height;
    if (pending && height <= pending.deadline)
      throw new TelchainError(
        "NUMBERS_PORT_PENDING",
        `a port of ${n.text} to ${pending.toCarrier} is pending until height ${pending.deadline}`,
      );
    const params = readParams(ctx.state);
    ctx.accounts.debit(ctx.sender, params.portFee); // burned
    writePort(ctx.state, n.digits, {
      toCarrier: to,
      requestedAt: height,
      deadline: height + params.portDeadline,
    });
  },
  toJSON: (p) => p,
});
