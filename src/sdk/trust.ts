/**
 * What a light client takes on trust, and the node answers it starts from: GET /v1/chain (the
 * chain's id, genesis and consensus parameters), the genesis header, or a checkpoint with the
 * headers before it. Also the small parsers of node answers (SDK_BAD_RESPONSE on a bad shape).
 */
import type { ChainInfo } from "../api/schemas.js";
import { equalBytes, fromHexOrUndefined, toHex } from "../bytes.js";
import { STATUS_VALID, workToBytes } from "../chain/chain-store.js";
import { workForBits } from "../chain/pow.js";
import type { ApiClient } from "../client/api-client.js";
import { HEADER_BYTES } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import { type CheckedHeader, decodeHeaderHex, HeaderChain } from "./header-chain.js";

/** GET /v1/chain: what a light client needs to check headers (the route's own schema). */
export type { ChainInfo };

/** A block the client trusts without checking what precedes it. */
export interface Checkpoint {
  height: number;
  /** Block hash, hex. */
  hash: string;
  /** ASERT anchor time of the checkpoint's branch (block 1's timestamp minus the block time). */
  anchorTime: number;
  /** Cumulative work up to and including the checkpoint, decimal. */
  work: string;
}

export type Trust = { genesisHash: string } | { checkpoint: Checkpoint };

export function bad(message: string): TelchainError {
  return new TelchainError("SDK_BAD_RESPONSE", message);
}

export function int(v: unknown, what: string): number {
  if (typeof v !== "number" || !Number.isSafeInteger(v) || v < 0)
    throw bad(`${what} is not a non-negative integer`);
  return v;
}

export function hexBits(v: unknown, what: string): number {
  if (typeof v !== "string" || !/^(0x)?[0-9a-fA-F]{1,8}$/.test(v))
    throw bad(`${what} is not compact bits in hex`);
  return Number.parseInt(v.replace(/^0x/, ""), 16);
}

export function hash32(v: unknown, what: string): string {
  const b = typeof v === "string" ? fromHexOrUndefined(v) : undefined;
  if (b?.length !== 32) throw bad(`${what} is not a 32-byte hex hash`);
  return toHex(b);
}

export function parseChainInfo(raw: unknown): ChainInfo {
  const o = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>;
  const p = (typeof o.params === "object" && o.params !== null ? o.params : {}) as Record<string, unknown>;
  if (typeof o.chainId !== "string") throw bad("GET /v1/chain: chainId is not a string");
  hexBits(o.genesisBits, "genesisBits");
  hexBits(p.powLimitBits, "params.powLimitBits");
  return {
    chainId: o.chainId,
    genesisHash: hash32(o.genesisHash, "genesisHash"),
    genesisBits: String(o.genesisBits),
    params: {
      targetBlockTime: int(p.targetBlockTime, "params.targetBlockTime"),
      halfLife: int(p.halfLife, "params.halfLife"),
      powLimitBits: String(p.powLimitBits),
      medianTimeSpan: int(p.medianTimeSpan, "params.medianTimeSpan"),
      maxFutureDrift: int(p.maxFutureDrift, "params.maxFutureDrift"),
    },
  };
}

export async function genesisHeader(
  api: ApiClient,
  genesisHash: string,
  genesisBits: number,
): Promise<CheckedHeader> {
  const res = await api.get<{ headers?: unknown[] }>("/v1/headers?from=0&count=1");
  const first = Array.isArray(res?.headers) ? res.headers[0] : undefined;
  const { header, hash } = decodeHeaderHex(first);
  if (toHex(hash) !== genesisHash || header.height !== 0) {
    throw new TelchainError(
      "SDK_CHAIN_MISMATCH",
      `the genesis header served hashes to ${toHex(hash)}, not ${genesisHash}`,
    );
  }
  if (header.bits !== genesisBits)
    throw new TelchainError("SDK_CHAIN_MISMATCH", "genesisBits is not the genesis header's bits");
  return HeaderChain.genesisRecord(header, hash);
}

/**
 * The checkpoint and the medianTimeSpan - 1 headers before it (the median time past of the
 * next block needs them), linked back from the checkpoint's hash; taken on trust otherwise.
 */
export async function checkpointHeaders(
  api: ApiClient,
  cp: Checkpoint,
  span: number,
): Promise<CheckedHeader[]> {
  const hash = fromHexOrUndefined(typeof cp?.hash === "string" ? cp.hash : "");
  let work: bigint;
  try {
    work = BigInt(cp.work);
  } catch {
    work = -1n;
  }
  if (
    hash?.length !== 32 ||
    !Number.isSafeInteger(cp.height) ||
    cp.height < 0 ||
    work < 0n ||
    !Number.isSafeInteger(cp.anchorTime)
  ) {
    throw new TelchainError(
      "SDK_BAD_TRUST",
      "a checkpoint is { height, hash (32-byte hex), anchorTime, work (decimal) }",
    );
  }
  const from = Math.max(0, cp.height - span + 1);
  const res = await api.get<{ headers?: unknown[] }>(
    `/v1/headers?from=${from}&count=${cp.height - from + 1}`,
  );
  const list = (Array.isArray(res?.headers) ? res.headers : []).map((h) => decodeHeaderHex(h));
  if (list.length !== cp.height - from + 1 || !equalBytes(list[list.length - 1].hash, hash)) {
    throw new TelchainError(
      "SDK_CHAIN_MISMATCH",
      `the node does not serve the checkpoint ${cp.hash} at height ${cp.height}`,
    );
  }
  const out: CheckedHeader[] = [];
  for (let i = list.length - 1; i >= 0; i--) {
    const { header, hash: h } = list[i];
    if (i < list.length - 1 && !equalBytes(list[i + 1].header.parent, h)) {
      throw new TelchainError(
        "SDK_BAD_HEADER",
        `the headers before the checkpoint do not link (height ${header.height})`,
      );
    }
    out.unshift({
      hash: toHex(h),
      record: {
        header,
        work: workToBytes(work),
        anchorTime: cp.anchorTime,
        status: STATUS_VALID,
        size: HEADER_BYTES,
      },
      work,
    });
    work -= workForBits(header.bits);
  }
  return out;
}
