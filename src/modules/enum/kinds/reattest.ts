/** enum/reattest: the owner presents a fresh attestation (possibly from another verifier). */
import type { TxKind } from "../../../module/interface.js";
import { acceptAttestation } from "../attestation-check.js";
import { ReattestPayload } from "../schemas.js";
import { readParams, writeNumber } from "../store.js";
import { attestationJson, ownedEntry, payloadNumber, safeText } from "./common.js";

export const reattest: TxKind<ReattestPayload> = {
  payload: ReattestPayload,
  check(p) {
    payloadNumber(p.number);
  },
  apply(ctx, p) {
    const params = readParams(ctx.state);
    const n = payloadNumber(p.number);
    const entry = ownedEntry(ctx, params, n);
    acceptAttestation(ctx, params, p.attestation, n.text, entry.owner);
    writeNumber(ctx.state, n.digits, {
      ...entry,
      verifier: p.attestation.verifier,
      attestedUntil: p.attestation.validUntil,
    });
  },
  toJSON: (p) => ({ number: safeText(p.number), attestation: attestationJson(p.attestation) }),
};
