/**
 * `telchain enum register`: the whole commit → reveal flow.
 *   1/4 commit the salted hash of number+owner (nobody watching the mempool learns the number)
 *   2/4 wait until the commit is old enough (commitMinAge blocks)
 *   3/4 get an attestation that the owner controls the number
 *   4/4 reveal: number, salt, records and attestation
 * The salt lives only in memory; it is shown (and in every later error) so that a reveal
 * that failed can be understood and the commit's fee is not silently lost.
 */
import { randomBytes } from "node:crypto";
import { toHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import { parseE164 } from "../../../telephony/e164.js";
import { commitHash } from "../commit-hash.js";
import { recordsToSsz } from "../records.js";
import { CommitPayload, RegisterPayload } from "../schemas.js";
import type { NaptrRecord } from "../types.js";
import { type AttestOptions, attestationSource } from "./attest.js";
import { type Globals, nodeStatus, numberPath, ownerOf, progressFor, waitForHeight } from "./common.js";

export interface RegisterInput extends AttestOptions {
  number: string;
  from: string;
  records: NaptrRecord[];
  wait: boolean;
}

export interface RegisterResult {
  number: string;
  owner: string;
  commitTx: string;
  registerTx: string;
  salt: string;
  status: string;
  height?: number;
  expiresAt?: number;
}

interface NumberView {
  status: string;
  owner: string;
  expiresAt: number;
}

export async function registerNumber(
  ctx: CliContext,
  g: Globals,
  input: RegisterInput,
): Promise<RegisterResult> {
  const number = parseE164(input.number, "ENUM_BAD_NUMBER").digits;
  const text = `+${number}`;
  const progress = progressFor(g);
  const status = await nodeStatus(ctx, g.api);
  const owner = ownerOf(input.from, status.chainId);
  await refuseIfTaken(ctx, g.api, number);
  const source = await attestationSource({ chainId: status.chainId, number: text, owner }, input);

  const salt = new Uint8Array(randomBytes(32));
  const hash = commitHash(text, owner.publicKey, salt);
  process.stderr.write(g.json ? "" : "1/4 committing (salted hash of number+owner)… ");
  const commit = await ctx.submit({
    from: input.from,
    module: "enum",
    kind: "commit",
    payload: CommitPayload.serialize({ hash }),
    apiUrl: g.api,
    wait: true,
  });
  progress(`included at height ${commit.height}`);
  progress(`    salt ${toHex(salt)} (commit ${toHex(hash)})`);

  // From here on the commit is on chain: every failure names the salt.
  try {
    const c = (await ctx.get(g.api, `/v1/enum/commits/${toHex(hash)}?sender=${owner.address}`)) as {
      matureAt: number;
    };
    // The reveal is checked against the next block, so it may go once head + 1 reaches matureAt.
    const target = c.matureAt - 1;
    const blocks = Math.max(0, target - (await nodeStatus(ctx, g.api)).height);
    process.stderr.write(
      g.json ? "" : `2/4 waiting ${blocks} block${blocks === 1 ? "" : "s"} for the commit to mature… `,
    );
    const reached = await waitForHeight(ctx, g.api, target);
    progress(`height ${reached}`);

    progress(`3/4 attestation from ${source.describe}`);
    const attestation = await source.obtain(progress);

    process.stderr.write(g.json ? "" : "4/4 revealing… ");
    const reveal = await ctx.submit({
      from: input.from,
      module: "enum",
      kind: "register",
      payload: RegisterPayload.serialize({
        number: new TextEncoder().encode(text),
        salt,
        records: recordsToSsz(input.records),
        attestation,
      }),
      apiUrl: g.api,
      wait: input.wait,
    });
    const result: RegisterResult = {
      number: text,
      owner: owner.address,
      commitTx: commit.hash,
      registerTx: reveal.hash,
      salt: toHex(salt),
      status: reveal.status,
    };
    if (reveal.status !== "included") {
      progress(`submitted ${reveal.hash} (${reveal.status})`);
      return result;
    }
    const entry = (await ctx.get(g.api, numberPath(number))) as NumberView;
    progress(`registered at height ${reveal.height}, expires at height ${entry.expiresAt}`);
    return { ...result, height: reveal.height, expiresAt: entry.expiresAt };
  } catch (e) {
    if (!g.json) process.stderr.write("\n");
    if (e instanceof TelchainError)
      throw new TelchainError(
        e.code,
        `${e.message} (the commit ${commit.hash} is on chain; its salt was ${toHex(salt)})`,
        e.details,
      );
    throw e;
  }
}

/** A registered number that has not expired cannot be registered: say so before paying for a commit. */
async function refuseIfTaken(ctx: CliContext, api: string, digits: string): Promise<void> {
  let entry: NumberView;
  try {
    entry = (await ctx.get(api, numberPath(digits))) as NumberView;
  } catch (e) {
    if (e instanceof TelchainError && e.code === "NOT_FOUND") return;
    throw e;
  }
  if (entry.status !== "expired")
    throw new TelchainError(
      "ENUM_TAKEN",
      `+${digits} is registered to ${entry.owner} until height ${entry.expiresAt} (status ${entry.status})`,
    );
}
