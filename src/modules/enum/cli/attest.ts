/**
 * What `enum register` and `enum reattest` need before sending anything: the node's chain,
 * the owner behind --from, and where the attestation comes from. On the dev chain without
 * --verifier it is signed right here with the published dev verifier key; otherwise a
 * verifier service sends a code to the number and signs once the code comes back.
 */
import { createInterface } from "node:readline";
import { equalBytes } from "../../../bytes.js";
import { DEV_CHAIN_ID, resolveSigner } from "../../../client/signer.js";
import { decodeAddress } from "../../../crypto/address.js";
import { Keystore } from "../../../crypto/keystore.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import type { NodeStatus } from "../../../node/types.js";
import { DEFAULT_VALIDITY_SECONDS, signClaim, verifyAttestationSignature } from "../attestation.js";
import { devVerifier } from "../dev-verifier.js";
import type { Attestation } from "../schemas.js";
import { VerifierClient } from "./verifier-client.js";

export interface AttestOptions {
  /** URL of a verifier service. */
  verifier?: string;
  /** An existing challenge (from `telchain enum challenge`), answered with `code`. */
  challenge?: string;
  code?: string;
}

/** Progress lines on stderr in human mode; nothing with --json (stdout stays one object). */
export type Progress = (line: string) => void;
export const progressFor = (json: boolean): Progress =>
  json ? () => {} : (line) => process.stderr.write(`${line}\n`);

export function nodeStatus(ctx: CliContext, api: string): Promise<NodeStatus> {
  return ctx.get(api, "/v1/status") as Promise<NodeStatus>;
}

export type Owner = { address: string; publicKey: Uint8Array };

/**
 * The address that --from signs as (the rules of resolveSigner), found without unlocking
 * anything: the passphrase is asked once per transaction, by ctx.submit.
 */
export async function ownerOf(from: string, chainId: string): Promise<Owner> {
  const keystore = new Keystore();
  const info = (name: string) => {
    const { address } = keystore.info(name);
    return { name, address, publicKey: decodeAddress(address), seed32: new Uint8Array(32) };
  };
  const { address, publicKey } = await resolveSigner(from, chainId, {
    // has/notFoundError: an unknown name is refused as by every signed command (wallets listed).
    keystore: {
      unlock: info,
      has: (name) => keystore.has(name),
      notFoundError: (name, also) => keystore.notFoundError(name, also),
    },
    passphrase: async () => "",
  });
  return { address, publicKey };
}

/** Reads the verifier's code from the user: a prompt on a terminal, else one line of stdin. */
function readCode(question: string): Promise<string> {
  if (process.stdin.isTTY === true) process.stderr.write(question);
  return new Promise((resolve, reject) => {
    const rl = createInterface({ input: process.stdin, terminal: false });
    let done = false;
    rl.once("line", (line) => {
      done = true;
      rl.close();
      // An open stdin pipe would keep the process alive after the command is done.
      process.stdin.pause();
      (process.stdin as { unref?: () => void }).unref?.();
      resolve(line.trim());
    });
    rl.once("close", () => {
      if (!done)
        reject(
          new TelchainError(
            "ENUM_CODE_REQUIRED",
            "no code was entered: type it at the prompt, pipe it on stdin, or pass --challenge ID --code CODE",
          ),
        );
    });
  });
}

export interface Attesting {
  chainId: string;
  owner: Owner;
  /** Where the attestation comes from (for the progress line). */
  describe: string;
  obtain(progress: Progress): Promise<Attestation>;
}

/**
 * The chain, the owner and the attestation source, checked before anything is sent to the
 * chain: a verifier must answer and sign for this chain; the dev key is used only on the dev chain.
 */
export async function prepareAttestation(
  ctx: CliContext,
  api: string,
  from: string,
  number: string,
  opts: AttestOptions,
): Promise<Attesting> {
  const { chainId } = await nodeStatus(ctx, api);
  const owner = await ownerOf(from, chainId);
  /** Refuses an attestation the chain would refuse for its content, before paying a fee for it. */
  const checked = (a: Attestation): Attestation => {
    if (a.number !== number || !equalBytes(a.owner, owner.publicKey))
      throw new TelchainError(
        "ENUM_ATTESTATION_MISMATCH",
        `the verifier attested ${a.number.slice(0, 16)} for another claim than ${number} owned by ${owner.address}`,
      );
    if (!verifyAttestationSignature(chainId, a))
      throw new TelchainError(
        "ENUM_BAD_ATTESTATION",
        `the verifier's signature does not verify for chain ${chainId}`,
      );
    return a;
  };
  if (opts.code !== undefined && opts.challenge === undefined)
    throw new TelchainError(
      "BAD_ARGUMENT",
      "--code needs --challenge ID (from `telchain enum challenge`); without them the code is asked for once the verifier sent it",
    );
  if (opts.verifier === undefined) {
    if (opts.challenge !== undefined)
      throw new TelchainError("BAD_ARGUMENT", "--challenge needs --verifier URL");
    if (chainId !== DEV_CHAIN_ID)
      throw new TelchainError(
        "ENUM_VERIFIER_REQUIRED",
        `this node runs ${chainId}: give --verifier URL (the dev verifier signs only on ${DEV_CHAIN_ID})`,
      );
    const claim = { seed32: devVerifier().seed32, chainId, number, owner: owner.publicKey };
    return {
      chainId,
      owner,
      describe: "the dev verifier",
      obtain: async () =>
        checked(
          signClaim({
            ...claim,
            now: Math.floor(Date.now() / 1000),
            validitySeconds: DEFAULT_VALIDITY_SECONDS,
          }),
        ),
    };
  }
  const client = new VerifierClient(opts.verifier);
  const info = await client.info();
  if (info.chainId !== chainId)
    throw new TelchainError(
      "ENUM_VERIFIER_WRONG_CHAIN",
      `the verifier at ${client.url} signs for ${info.chainId}, this node runs ${chainId}`,
    );
  return {
    chainId,
    owner,
    describe: `the verifier at ${client.url} (${info.verifier})`,
    obtain: async (progress) => {
      let challengeId = opts.challenge;
      if (challengeId === undefined) {
        const c = await client.challenge(number, owner.address);
        challengeId = c.challengeId;
        progress(`    a code was sent to ${number} via the verifier's channel (${c.channel})`);
      }
      const code = opts.code ?? (await readCode(`code sent to ${number}: `));
      return checked(await client.answer(challengeId, code));
    },
  };
}
