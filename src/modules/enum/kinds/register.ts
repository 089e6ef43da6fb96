/**
 * enum/register: the reveal. Needs the sender's own commit of (number, sender, salt) aged
 * commitMinAge..commitMaxAge blocks, a free number, a valid attestation that the sender
 * controls the number, and the registration fee (burned). Consumes the commit.
 */
import { toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { TxKind } from "../../../module/interface.js";
import { acceptAttestation } from "../attestation-check.js";
import { commitHash } from "../commit-hash.js";
import { validateSszRecords } from "../records.js";
import { RegisterPayload } from "../schemas.js";
import { isFree } from "../status.js";
import { commitKey, readCommit, readNumber, readParams, writeNumber } from "../store.js";
import { attestationJson, payloadNumber, recordsJson, safeText } from "./common.js";

export const register: TxKind<RegisterPayload> = {
  payload: RegisterPayload,
  check(p) {
    payloadNumber(p.number);
    validateSszRecords(p.records);
  },
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const n = payloadNumber(p.number);
    const records = validateSszRecords(p.records, params.maxRecords);
    const hash = commitHash(n.text, ctx.sender, p.salt);
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
    acceptAttestation(ctx, params, p.attestation, n.text, ctx.sender);
    ctx.accounts.debit(ctx.sender, params.registrationFee); // burned: credited to nobody
    ctx.state.delete(commitKey(hash, ctx.sender));
    writeNumber(ctx.state, n.digits, {
      owner: ctx.sender,
      verifier: p.attestation.verifier,
      registeredAt: ctx.block.height,
      expiresAt: ctx.block.height + params.registrationPeriod,
      attestedUntil: p.attestation.validUntil,
      records,
    });
  },
  toJSON: (p) => ({
    number: safeText(p.number),
    salt: toHex(p.salt),
    records: recordsJson(p.records),
    attestation: attestationJson(p.attestation),
  }),
};
