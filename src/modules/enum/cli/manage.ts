/** The owner's commands on a registered number: set, transfer, renew, reattest; and `challenge`. */
import { decodeAddress } from "../../../crypto/address.js";
import type { CliContext } from "../../../module/interface.js";
import { parseE164 } from "../../../telephony/e164.js";
import { recordsToSsz } from "../records.js";
import { ReattestPayload, RenewPayload, SetPayload, TransferPayload } from "../schemas.js";
import type { NaptrRecord } from "../types.js";
import { type AttestOptions, attestationSource } from "./attest.js";
import { type Globals, nodeStatus, numberPath, ownerOf, progressFor } from "./common.js";
import type { NumberView } from "./show.js";
import { VerifierClient } from "./verifier-client.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

interface Submitted {
  number: string;
  tx: string;
  status: string;
  height?: number;
}

async function submitKind(
  ctx: CliContext,
  g: Globals,
  from: string,
  kind: string,
  payload: Uint8Array,
  number: string,
  wait: boolean,
): Promise<Submitted> {
  const res = await ctx.submit({ from, module: "enum", kind, payload, apiUrl: g.api, wait });
  return {
    number,
    tx: res.hash,
    status: res.status,
    ...(res.height !== undefined ? { height: res.height } : {}),
  };
}

async function entryAfter(ctx: CliContext, g: Globals, digits: string): Promise<NumberView> {
  return (await ctx.get(g.api, numberPath(digits))) as NumberView;
}

export async function setRecords(
  ctx: CliContext,
  g: Globals,
  a: { number: string; from: string; records: NaptrRecord[]; wait: boolean },
) {
  const n = parseE164(a.number, "ENUM_BAD_NUMBER");
  const payload = SetPayload.serialize({ number: utf8(n.text), records: recordsToSsz(a.records) });
  const res = await submitKind(ctx, g, a.from, "set", payload, n.text, a.wait);
  return { ...res, records: a.records };
}

export async function transferNumber(
  ctx: CliContext,
  g: Globals,
  a: { number: string; from: string; to: string; wait: boolean },
) {
  const n = parseE164(a.number, "ENUM_BAD_NUMBER");
  const payload = TransferPayload.serialize({ number: utf8(n.text), to: decodeAddress(a.to) });
  return { ...(await submitKind(ctx, g, a.from, "transfer", payload, n.text, a.wait)), to: a.to };
}

export async function renewNumber(
  ctx: CliContext,
  g: Globals,
  a: { number: string; from: string; wait: boolean },
) {
  const n = parseE164(a.number, "ENUM_BAD_NUMBER");
  const res = await submitKind(
    ctx,
    g,
    a.from,
    "renew",
    RenewPayload.serialize({ number: utf8(n.text) }),
    n.text,
    a.wait,
  );
  if (res.status !== "included") return res;
  return { ...res, expiresAt: (await entryAfter(ctx, g, n.digits)).expiresAt };
}

export async function reattestNumber(
  ctx: CliContext,
  g: Globals,
  a: AttestOptions & { number: string; from: string; wait: boolean },
) {
  const n = parseE164(a.number, "ENUM_BAD_NUMBER");
  const status = await nodeStatus(ctx, g.api);
  const owner = ownerOf(a.from, status.chainId);
  const source = await attestationSource({ chainId: status.chainId, number: n.text, owner }, a);
  const progress = progressFor(g);
  progress(`attestation from ${source.describe}`);
  const attestation = await source.obtain(progress);
  const payload = ReattestPayload.serialize({ number: utf8(n.text), attestation });
  const res = await submitKind(ctx, g, a.from, "reattest", payload, n.text, a.wait);
  return { ...res, attestedUntil: attestation.validUntil };
}

/** Asks a verifier for a code now, to answer later with `--challenge ID --code CODE`. */
export async function requestChallenge(
  ctx: CliContext,
  g: Globals,
  a: { number: string; from: string; verifier: string },
) {
  const n = parseE164(a.number, "ENUM_BAD_NUMBER");
  const status = await nodeStatus(ctx, g.api);
  const owner = ownerOf(a.from, status.chainId);
  const client = new VerifierClient(a.verifier);
  const c = await client.challenge(n.text, owner.address);
  return {
    number: n.text,
    owner: owner.address,
    challengeId: c.challengeId,
    expiresAt: c.expiresAt,
    channel: c.channel,
  };
}
