/**
 * The genesis config (JSON) fixes the network: chain id, consensus parameters, initial
 * balances and module genesis state. The genesis block is derived from it.
 */
import { readFileSync } from "node:fs";
import { decodeAddress } from "../crypto/address.js";
import { TelchainError } from "../errors.js";
import { bitsToTarget } from "./compact.js";
import { parseGenesisAmount } from "./genesis-amount.js";
import type { ChainParams } from "./params.js";

export interface GenesisConfig {
  chainId: string;
  /** Seconds since the Unix epoch. */
  timestamp: number;
  /** Target of the first blocks, compact form. */
  bits: number;
  params: ChainParams;
  alloc: { address: Uint8Array; balance: bigint }[];
  /** Per-module genesis sections, keyed by module name. */
  modules: Record<string, unknown>;
}

function fail(msg: string): never {
  throw new TelchainError("GENESIS_INVALID", `genesis config: ${msg}`);
}

function int(v: unknown, what: string, min = 0): number {
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min)
    fail(`${what} must be an integer >= ${min}`);
  return n;
}

function big(v: unknown, what: string): bigint {
  return parseGenesisAmount(v, what, fail);
}

function bits(v: unknown, what: string): number {
  const n = typeof v === "string" ? Number(v) : v;
  if (typeof n !== "number" || !Number.isInteger(n) || n <= 0 || n > 0xffffffff)
    fail(`${what} must be compact bits`);
  try {
    bitsToTarget(n);
  } catch (e) {
    fail(`${what}: ${(e as Error).message}`);
  }
  return n;
}

/** Parses and checks a genesis config object (as read from JSON). */
export function parseGenesis(raw: unknown): GenesisConfig {
  if (typeof raw !== "object" || raw === null) fail("must be a JSON object");
  const r = raw as Record<string, unknown>;
  if (typeof r.chainId !== "string" || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(r.chainId)) {
    fail("chainId must be 1-64 lowercase letters, digits or dashes");
  }
  const p = (r.params ?? {}) as Record<string, unknown>;
  const params: ChainParams = {
    targetBlockTime: int(p.targetBlockTime, "params.targetBlockTime", 1),
    halfLife: int(p.halfLife, "params.halfLife", 1),
    powLimitBits: bits(p.powLimitBits, "params.powLimitBits"),
    initialReward: big(p.initialReward, "params.initialReward"),
    halvingInterval: int(p.halvingInterval ?? 0, "params.halvingInterval"),
    minFeePerByte: big(p.minFeePerByte, "params.minFeePerByte"),
    maxBlockBytes: int(p.maxBlockBytes, "params.maxBlockBytes", 1024),
    maxBlockTxs: int(p.maxBlockTxs, "params.maxBlockTxs", 1),
    maxFutureDrift: int(p.maxFutureDrift ?? 60, "params.maxFutureDrift", 1),
    medianTimeSpan: int(p.medianTimeSpan ?? 11, "params.medianTimeSpan", 1),
  };
  const startBits = bits(r.bits, "bits");
  if (bitsToTarget(startBits) > bitsToTarget(params.powLimitBits))
    fail("bits is easier than params.powLimitBits");
  if (!Array.isArray(r.alloc ?? [])) fail("alloc must be a list");
  const alloc = ((r.alloc ?? []) as Record<string, unknown>[]).map((a, i) => {
    if (typeof a?.address !== "string") fail(`alloc[${i}].address missing`);
    let address: Uint8Array;
    try {
      address = decodeAddress(a.address);
    } catch (e) {
      fail(`alloc[${i}].address: ${(e as Error).message}`);
    }
    return { address, balance: big(a.balance, `alloc[${i}].balance`) };
  });
  const modules = (r.modules ?? {}) as Record<string, unknown>;
  if (typeof modules !== "object" || Array.isArray(modules)) fail("modules must be an object");
  return {
    chainId: r.chainId,
    timestamp: int(r.timestamp, "timestamp"),
    bits: startBits,
    params,
    alloc,
    modules,
  };
}

export function readGenesisFile(path: string): GenesisConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new TelchainError("GENESIS_INVALID", `cannot read genesis file ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new TelchainError(
      "GENESIS_INVALID",
      `genesis file ${path} is not valid JSON: ${(e as Error).message}`,
    );
  }
  return parseGenesis(json);
}

/** The JSON form of a config (for writing test genesis files). */
export function genesisToJson(g: GenesisConfig, encodeAddress: (a: Uint8Array) => string): unknown {
  return {
    chainId: g.chainId,
    timestamp: g.timestamp,
    bits: `0x${g.bits.toString(16)}`,
    params: {
      ...g.params,
      powLimitBits: `0x${g.params.powLimitBits.toString(16)}`,
      initialReward: g.params.initialReward.toString(),
      minFeePerByte: g.params.minFeePerByte.toString(),
    },
    alloc: g.alloc.map((a) => ({ address: encodeAddress(a.address), balance: a.balance.toString() })),
    modules: g.modules,
  };
}
