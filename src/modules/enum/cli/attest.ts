/**
 * Getting an attestation for (number, owner): on the dev chain without --verifier, signed
 * right here with the published dev verifier key; otherwise from a verifier service,
 * which sends a code to the number and signs once the code comes back.
 */
import { equalBytes } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import { verifyAttestationSignature } from "../attestation.js";
import { devVerifier } from "../dev-verifier.js";
import type { Attestation } from "../schemas.js";
import { DEFAULT_VALIDITY_SECONDS, signClaim } from "../verifier/claim.js";
import { DEV_CHAIN_ID, type Progress } from "./common.js";
import { readCode } from "./read-code.js";
import { VerifierClient } from "./verifier-client.js";

export interface AttestOptions {
  /** URL of a verifier service. */
  verifier?: string;
  /** An existing challenge (from `telchain enum challenge`), answered with `code`. */
  challenge?: string;
  code?: string;
}

export interface AttestRequest {
  chainId: string;
  number: string;
  owner: { address: string; publicKey: Uint8Array };
}

/** Obtains the attestation; `describe` says where it comes from (for the progress line). */
export interface AttestationSource {
  describe: string;
  obtain(progress: Progress): Promise<Attestation>;
}

/**
 * Picks the source and checks it before anything is sent to the chain: a verifier must
 * answer and sign for this chain; the dev key is used only on the dev chain.
 */
export async function attestationSource(req: AttestRequest, opts: AttestOptions): Promise<AttestationSource> {
  if (opts.code !== undefined && opts.challenge === undefined)
    throw new TelchainError(
      "BAD_ARGUMENT",
      "--code needs --challenge ID (from `telchain enum challenge`); without them the code is asked for once the verifier sent it",
    );
  if (opts.verifier === undefined) {
    if (opts.challenge !== undefined)
      throw new TelchainError("BAD_ARGUMENT", "--challenge needs --verifier URL");
    if (req.chainId !== DEV_CHAIN_ID)
      throw new TelchainError(
        "ENUM_VERIFIER_REQUIRED",
        `this node runs ${req.chainId}: give --verifier URL (the dev verifier signs only on ${DEV_CHAIN_ID})`,
      );
    return {
      describe: "the dev verifier",
      obtain: async () =>
        checked(
          req,
          signClaim({
            seed32: devVerifier().seed32,
            chainId: req.chainId,
            number: req.number,
            owner: req.owner.publicKey,
            now: Math.floor(Date.now() / 1000),
            validitySeconds: DEFAULT_VALIDITY_SECONDS,
          }),
        ),
    };
  }
  const client = new VerifierClient(opts.verifier);
  const info = await client.info();
  if (info.chainId !== req.chainId)
    throw new TelchainError(
      "ENUM_VERIFIER_WRONG_CHAIN",
      `the verifier at ${client.url} signs for ${info.chainId}, this node runs ${req.chainId}`,
    );
  return {
    describe: `the verifier at ${client.url} (${info.verifier})`,
    obtain: async (progress) => {
      let challengeId = opts.challenge;
      let code = opts.code;
      if (challengeId === undefined) {
        const c = await client.challenge(req.number, req.owner.address);
        challengeId = c.challengeId;
        progress(`    a code was sent to ${req.number} via the verifier's channel (${c.channel})`);
        code = await readCode(`code sent to ${req.number}: `);
      } else if (code === undefined) {
        code = await readCode(`code sent to ${req.number}: `);
      }
      return checked(req, await client.answer(challengeId, code ?? ""));
    },
  };
}

/** Refuses an attestation the chain would refuse for its content, before paying a fee for it. */
function checked(req: AttestRequest, a: Attestation): Attestation {
  const number = new TextDecoder().decode(a.number);
  if (number !== req.number || !equalBytes(a.owner, req.owner.publicKey))
    throw new TelchainError(
      "ENUM_ATTESTATION_MISMATCH",
      `the verifier attested ${number.slice(0, 16)} for another claim than ${req.number} owned by ${req.owner.address}`,
    );
  if (!verifyAttestationSignature(req.chainId, a))
    throw new TelchainError(
      "ENUM_BAD_ATTESTATION",
      `the verifier's signature does not verify for chain ${req.chainId}`,
    );
  return a;
}
