/**
 * The owner's kinds on a registered number (active, lapsed or in grace):
 *   enum/set       replace the NAPTR records
 *   enum/transfer  hand the number to another address. The attestation vouched for the OLD
 *                  owner, so it ends with the transfer (attestedUntil = block time): records
 *                  stay served for attestationGrace seconds, a handover window in which the
 *                  new owner reattests
 *   enum/renew     pay renewFee (burned) to extend the registration by registrationPeriod
 *                  blocks from max(expiresAt, height); only when less than one period remains
 *                  (so nobody books decades ahead)
 *   enum/reattest  present a fresh attestation (possibly from another verifier)
 */
import { encodeAddress } from "../../../crypto/address.js";
import { TelchainError } from "../../../errors.js";
import { ReattestPayload, RenewPayload, SetPayload, TransferPayload } from "../schemas.js";
import { acceptAttestation } from "./attestation-check.js";
import { attestationJson, ownerKind } from "./common.js";

export const set = ownerKind(
  SetPayload,
  (_ctx, a, entry) => ({ ...entry, records: a.records }),
  (p) => p,
);

export const transfer = ownerKind(
  TransferPayload,
  (ctx, a, entry) => ({
    ...entry,
    owner: a.to,
    attestedUntil: Math.min(entry.attestedUntil, ctx.block.timestamp),
  }),
  (p) => ({ number: p.number, to: encodeAddress(p.to) }),
  (a) => [a.to],
);

export const renew = ownerKind(
  RenewPayload,
  (ctx, a, entry, params) => {
    const height = ctx.block.height;
    if (entry.expiresAt - height >= params.registrationPeriod)
      throw new TelchainError(
        "ENUM_RENEW_TOO_EARLY",
        `${a.n.text} runs until height ${entry.expiresAt}; renew when less than ${params.registrationPeriod} blocks remain`,
      );
    ctx.accounts.debit(ctx.sender, params.renewFee);
    return { ...entry, expiresAt: Math.max(entry.expiresAt, height) + params.registrationPeriod };
  },
  (p) => p,
);

export const reattest = ownerKind(
  ReattestPayload,
  (ctx, a, entry, params) => {
    acceptAttestation(ctx, params, a.attestation, a.n.text, entry.owner);
    return { ...entry, verifier: a.attestation.verifier, attestedUntil: a.attestation.validUntil };
  },
  (p) => ({ number: p.number, attestation: attestationJson(p.attestation) }),
);
