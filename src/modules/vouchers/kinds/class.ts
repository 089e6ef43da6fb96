/**
 * class-create: an operator of a registered carrier creates a class that carrier issues. The
 * expiry is a height from the creating block (a class may live one block) to 100,000,000 blocks
 * later; the optional cap bounds every unit ever issued (redeemed units make no room).
 */
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { CreateClassPayload, PRUNE_KINDS, UNITS } from "../schemas.js";
import { nextId, queuePrune, recordCreated, writeClass } from "../store.js";
import { positive, senderCarrier } from "./common.js";

/** The longest a class may live, in blocks from the one that creates it. */
export const MAX_LIFETIME_BLOCKS = 100_000_000;

export const createClass = defineKind({
  payload: CreateClassPayload,
  parse(p) {
    if (UNITS[p.unit] === undefined)
      throw new TelchainError(
        "VOUCHERS_BAD_UNIT",
        `unit ${p.unit} is unknown: 0 (minute), 1 (message) or 2 (megabyte)`,
      );
    if (!Number.isSafeInteger(p.expiry))
      throw new TelchainError("VOUCHERS_BAD_EXPIRY", `the expiry height ${p.expiry} is past 2^53 − 1`);
    if (p.cap.length > 0) positive(p.cap[0], "a cap");
    return p;
  },
  apply(ctx, p) {
    const issuer = senderCarrier(ctx);
    const height = ctx.block.height;
    if (p.expiry < height || p.expiry > height + MAX_LIFETIME_BLOCKS)
      throw new TelchainError(
        "VOUCHERS_BAD_EXPIRY",
        `the expiry height ${p.expiry} must be from ${height} (this block) to ${height + MAX_LIFETIME_BLOCKS}`,
      );
    const id = nextId(ctx.state, "class");
    writeClass(ctx.state, id, {
      id,
      issuer,
      ...p,
      issued: 0n,
      redeemed: 0n,
      pruned: 0n,
      custody: 0n,
      holders: 0,
      createdAt: height,
      creator: ctx.sender,
      prunedAt: 0,
    });
    queuePrune(ctx.state, p.expiry, { kind: PRUNE_KINDS.indexOf("class"), id });
    recordCreated(ctx.state, ctx.txHash, "class", id);
  },
  toJSON: (p) => ({
    unit: UNITS[p.unit] ?? p.unit,
    name: p.name,
    description: p.description,
    expiry: p.expiry,
    transferable: p.transferable,
    cap: p.cap.length > 0 ? p.cap[0].toString() : null,
  }),
});
