/**
 * Header rules that depend on the parent and the clock: height, difficulty bits (aserti3-2d
 * anchored at block 1), median time past and future drift. Kept apart from block import so the
 * rules read in one place; the chain passes in its records, its genesis bits and its clock.
 */
import { toHex } from "../bytes.js";
import type { Header } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import { asertTarget } from "./asert.js";
import {
  type HeaderRecord,
  STATUS_INVALID,
  STATUS_STORED,
  workFromBytes,
  workToBytes,
} from "./chain-store.js";
import { bitsToTarget, targetToBits } from "./compact.js";
import type { ChainParams } from "./params.js";
import { workForBits } from "./pow.js";

/** The consensus parameters the header rules read (a light client has just these). */
export type HeaderParams = Pick<
  ChainParams,
  "targetBlockTime" | "halfLife" | "powLimitBits" | "medianTimeSpan" | "maxFutureDrift"
>;

/** What the header rules read: the consensus parameters, the genesis bits and stored header records. */
export interface HeaderContext {
  params: HeaderParams;
  /** The bits of the genesis block (and the ASERT anchor target). */
  genesisBits: number;
  record(hash: Uint8Array): HeaderRecord | undefined;
}

/** The bits a child of `parent` must carry (aserti3-2d anchored at block 1). */
export function expectedBits(ctx: HeaderContext, parent: HeaderRecord): number {
  if (parent.header.height === 0) return ctx.genesisBits;
  const { params } = ctx;
  const target = asertTarget(
    { height: 1, parentTime: parent.anchorTime, target: bitsToTarget(ctx.genesisBits) },
    parent.header.height,
    parent.header.timestamp,
    {
      spacing: params.targetBlockTime,
      halfLife: params.halfLife,
      powLimit: bitsToTarget(params.powLimitBits),
    },
  );
  return targetToBits(target);
}

/** Median of the timestamps of `parentHash` and its ancestors (medianTimeSpan of them). */
export function medianTimePast(ctx: HeaderContext, parentHash: Uint8Array): number {
  const times: number[] = [];
  let hash: Uint8Array | undefined = parentHash;
  while (hash && times.length < ctx.params.medianTimeSpan) {
    const rec = ctx.record(hash);
    if (!rec) break;
    times.push(rec.header.timestamp);
    hash = rec.header.height === 0 ? undefined : rec.header.parent;
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** The record of a new block `h` (encoded in `size` bytes) on `parent`: cumulative work and ASERT anchor. */
export function childRecord(
  params: HeaderParams,
  h: Header,
  parent: HeaderRecord,
  size: number,
): HeaderRecord {
  return {
    header: h,
    work: workToBytes(workFromBytes(parent.work) + workForBits(h.bits)),
    anchorTime: h.height === 1 ? h.timestamp - params.targetBlockTime : parent.anchorTime,
    status: STATUS_STORED,
    size,
  };
}

/** Checks `h` against its parent's record and the clock (`now`, seconds since the epoch). */
export function checkHeaderContext(ctx: HeaderContext, h: Header, parent: HeaderRecord, now: number): void {
  if (parent.status === STATUS_INVALID) {
    throw new TelchainError("BLOCK_INVALID_PARENT", `parent ${toHex(h.parent)} is invalid`);
  }
  if (h.height !== parent.header.height + 1) {
    throw new TelchainError("BLOCK_BAD_HEIGHT", `height ${h.height}, parent is at ${parent.header.height}`);
  }
  const bits = expectedBits(ctx, parent);
  if (h.bits !== bits) {
    throw new TelchainError(
      "BLOCK_BAD_DIFFICULTY",
      `bits 0x${h.bits.toString(16)}, expected 0x${bits.toString(16)}`,
    );
  }
  const mtp = medianTimePast(ctx, h.parent);
  if (h.timestamp <= mtp) {
    throw new TelchainError(
      "BLOCK_TIME_TOO_OLD",
      `timestamp ${h.timestamp} is not after the median time past ${mtp}`,
    );
  }
  const limit = now + ctx.params.maxFutureDrift;
  if (h.timestamp > limit) {
    throw new TelchainError(
      "BLOCK_TIME_TOO_NEW",
      `timestamp ${h.timestamp} is more than ${ctx.params.maxFutureDrift}s ahead (${limit})`,
    );
  }
}
