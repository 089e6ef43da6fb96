/**
 * enum/commit publishes H(number, owner, salt); enum/register is the reveal. The reveal
 * needs the sender's own commit of (number, sender, salt) aged commitMinAge..commitMaxAge
 * blocks, a free number, a valid attestation that the sender controls the number, and the
 * registration fee (burned). It consumes the commit.
 */
import { toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import { defineKind } from "../../../module/kind.js";
import { commitHash } from "../attestation.js";
import { CommitEntry, CommitPayload, RegisterPayload } from "../schemas.js";
import { isFree } from "../status.js";
import { commitKey, readCommit, readNumber, readParams, writeNumber } from "../store.js";
import { acceptAttestation } from "./attestation-check.js";
import { attestationJson, fitRecords, parseNumber } from "./common.js";

export const commit = defineKind({
  payload: CommitPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const existing = readCommit(ctx.state, p.hash, ctx.sender);
    // A stale commit may be replaced; a live one would only move its maturity.
    if (existing && ctx.block.height - existing.height <= params.commitMaxAge)
      throw new TelchainError(
        "ENUM_COMMIT_EXISTS",
        `this commit was already made at height ${existing.height}`,
      );
    ctx.state.set(commitKey(p.hash, ctx.sender), CommitEntry.serialize({ height: ctx.block.height }));
  },
  toJSON: (p) => ({ hash: toHex(p.hash) }),
});

export const register = defineKind({
  payload: RegisterPayload,
  parse: (p) => parseNumber(p),
  apply(ctx, a) {
    const params = readParams(ctx.state);
    const { n, records, attestation } = a;
    fitRecords(records, params);
    const hash = commitHash(n.text, ctx.sender, a.salt);
    const c = readCommit(ctx.state, hash, ctx.sender);
    if (!c)
      throw new TelchainError(
        "ENUM_NO_COMMIT",
        `no commit by the sender for ${n.text} with this salt (commit ${toHex(hash)} first)`,
      );
    const age = ctx.block.height - c.height;
    if (age < params.commitMinAge)
      throw new TelchainError(
        "ENUM_COMMIT_IMMATURE",
        `commit is ${age} blocks old; reveal at height ${c.height + params.commitMinAge} or later`,
      );
    if (age > params.commitMaxAge)
      throw new TelchainError(
        "ENUM_COMMIT_EXPIRED",
        `commit is ${age} blocks old, more than commitMaxAge ${params.commitMaxAge}; commit again`,
      );
    const existing = readNumber(ctx.state, n.digits);
    if (!isFree(existing, params, ctx.block.height))
      throw new TelchainError(
        "ENUM_TAKEN",
        `${n.text} is registered until height ${existing?.expiresAt} (+ grace)`,
      );
    acceptAttestation(ctx, params, attestation, n.text, ctx.sender);
    ctx.accounts.debit(ctx.sender, params.registrationFee); // burned: credited to nobody
    ctx.state.delete(commitKey(hash, ctx.sender));
    writeNumber(ctx.state, n.digits, {
      owner: ctx.sender,
      verifier: attestation.verifier,
      registeredAt: ctx.block.height,
      expiresAt: ctx.block.height + params.registrationPeriod,
      attestedUntil: attestation.validUntil,
      records,
    });
  },
  toJSON: (p) => ({ ...p, salt: toHex(p.salt), attestation: attestationJson(p.attestation) }),
});
