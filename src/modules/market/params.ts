/**
 * The genesis section `modules.market`: { "params": { ... } }, every field optional with the
 * defaults below. Without a section nothing is written and the defaults apply. The limits bound
 * what an end-of-block step may have to do (docs/market.md, "Bounded work").
 */
import { Type } from "@sinclair/typebox";
import { TelchainError } from "../../errors.js";
import { Blocks, parseParamsSection } from "../../module/genesis-params.js";
import type { GenesisContext } from "../../module/interface.js";
import { type MarketParams, ParamsEntry } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

const Limit = (byDefault: number, max: number, description: string) =>
  Type.Integer({ minimum: 1, maximum: max, default: byDefault, description });

export const Params = Type.Object({
  defaultExpiryBlocks: Blocks(
    1_000,
    "an order that names no expiry rests until its block's height + this (0: only in its own block's clearing)",
    0,
  ),
  maxExpiryBlocks: Blocks(100_000, "the latest expiry an order may name: its block's height + this", 0),
  maxOpenOrdersPerAddress: Limit(100, 100_000, "open orders one address may have"),
  maxOrdersPerBook: Limit(20_000, 1_000_000, "orders one class's book may hold"),
  maxExpiriesPerBlock: Limit(10_000, 1_000_000, "orders that may expire at one height"),
  maxClearingOrdersPerBlock: Limit(
    40_000,
    10_000_000,
    "orders the clearing reads per block: books past it clear in the next block, first come first served",
  ),
});

export function parseMarketGenesis(config: unknown): MarketParams {
  const p = parseParamsSection("market", Params, config);
  if (p.defaultExpiryBlocks > p.maxExpiryBlocks)
    throw new TelchainError(
      "GENESIS_INVALID",
      `genesis modules.market: params.defaultExpiryBlocks (${p.defaultExpiryBlocks}) is more than params.maxExpiryBlocks (${p.maxExpiryBlocks})`,
    );
  return p;
}

export const DEFAULT_PARAMS: MarketParams = parseMarketGenesis({});

export function marketGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseMarketGenesis(config)));
}
