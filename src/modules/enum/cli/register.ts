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
import type { GlobalOptions } from "../../../cli/output.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import type { E164 } from "../../../telephony/e164.js";
import { commitHash } from "../attestation.js";
import { enumCalls } from "../kinds/index.js";
import type { EnumCommitView, EnumNumberView } from "../routes.js";
import type { NaptrRecord } from "../schemas.js";
import { type AttestOptions, nodeStatus, prepareAttestation, progressFor } from "./attest.js";

/** Polls /v1/status until the head reaches `height`. */
async function waitForHeight(ctx: CliContext, api: string, height: number, timeoutMs = 10 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await nodeStatus(ctx, api);
    if (status.height >= height) return status.height;
    if (Date.now() > deadline)
      throw new TelchainError(
        "ENUM_WAIT_TIMEOUT",
        `the chain did not reach height ${height} in time (head ${status.height}): is the node mining or synced?`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A registered number that has not expired cannot be registered: say so before paying for a commit. */
async function refuseIfTaken(ctx: CliContext, api: string, n: E164): Promise<void> {
  const entry = (await ctx.get(api, `/v1/enum/${n.digits}`).catch((e) => {
    if (e instanceof TelchainError && e.code === "NOT_FOUND") return undefined;
    throw e;
  })) as EnumNumberView | undefined;
  if (entry && entry.status !== "expired")
    throw new TelchainError(
      "ENUM_TAKEN",
      `${n.text} is registered to ${entry.owner} until height ${entry.expiresAt} (status ${entry.status})`,
    );
}

export async function registerNumber(
  ctx: CliContext,
  g: GlobalOptions,
  n: E164,
  input: AttestOptions & { from: string; records: NaptrRecord[]; wait: boolean },
) {
  const progress = progressFor(g.json);
  const step = (text: string) => process.stderr.write(g.json ? "" : text);
  const source = await prepareAttestation(ctx, g.api, input.from, n.text, input);
  const owner = source.owner;
  await refuseIfTaken(ctx, g.api, n);

  const salt = new Uint8Array(randomBytes(32));
  const hash = commitHash(n.text, owner.publicKey, salt);
  step("1/4 committing (salted hash of number+owner)… ");
  const submit = (call: { module: string; kind: string; payload: Uint8Array }, wait: boolean) =>
    ctx.submit({ from: input.from, ...call, apiUrl: g.api, wait });
  const commit = await submit(enumCalls.commit({ hash }), true);
  progress(`included at height ${commit.height}`);
  progress(`    salt ${toHex(salt)} (commit ${toHex(hash)})`);

  // From here on the commit is on chain: every failure names the salt.
  try {
    const c = (await ctx.get(
      g.api,
      `/v1/enum/commits/${toHex(hash)}?sender=${owner.address}`,
    )) as EnumCommitView;
    // The reveal is checked against the next block, so it may go once head + 1 reaches matureAt.
    const target = c.matureAt - 1;
    const blocks = Math.max(0, target - (await nodeStatus(ctx, g.api)).height);
    step(`2/4 waiting ${blocks} block${blocks === 1 ? "" : "s"} for the commit to mature… `);
    progress(`height ${await waitForHeight(ctx, g.api, target)}`);

    progress(`3/4 attestation from ${source.describe}`);
    const attestation = await source.obtain(progress);

    step("4/4 revealing… ");
    const reveal = await submit(
      enumCalls.register({ number: n.text, salt, records: input.records, attestation }),
      input.wait,
    );
    const result = {
      number: n.text,
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
    const entry = (await ctx.get(g.api, `/v1/enum/${n.digits}`)) as EnumNumberView;
    progress(`registered at height ${reveal.height}, expires at height ${entry.expiresAt}`);
    return { ...result, height: reveal.height, expiresAt: entry.expiresAt };
  } catch (e) {
    step("\n");
    if (e instanceof TelchainError)
      throw new TelchainError(
        e.code,
        `${e.message} (the commit ${commit.hash} is on chain; its salt was ${toHex(salt)})`,
        e.details,
      );
    throw e;
  }
}
