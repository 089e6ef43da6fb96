/**
 * The genesis section `modules.recovery`: { "params": { "minDelay": blocks, "maxDelay": blocks } },
 * the bounds of the delay an owner may choose. A missing field (or a missing section) is derived
 * from the chain's target block time: 1½ days for minDelay and 7 days for maxDelay, the range
 * Argent and Candide use (at 10 s blocks: 12,960 and 60,480 blocks). Without a section nothing is
 * written, so adding the module leaves existing genesis states unchanged. The dev chain (2 s
 * blocks) allows 30 blocks, about a minute, so the README's flow is quick.
 */
import { Type } from "@sinclair/typebox";
import type { ChainParams } from "../../chain/params.js";
import { TelchainError } from "../../errors.js";
import { parseParamsSection } from "../../module/genesis-params.js";
import type { GenesisContext } from "../../module/interface.js";
import type { StateReader } from "../../state/view.js";
import { ParamsEntry, type RecoveryParams } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

const DAY = 86_400;
const Delay = (description: string) => Type.Integer({ minimum: 1, maximum: 100_000_000, description });

export const Params = Type.Object({
  minDelay: Delay("the shortest delay an owner may choose (default: 1½ days of blocks)"),
  maxDelay: Delay("the longest delay an owner may choose (default: 7 days of blocks)"),
});

/** The bounds derived from the target block time: 1½ days and 7 days, in blocks (rounded up). */
export function defaultParams(chain: Pick<ChainParams, "targetBlockTime">): RecoveryParams {
  const blocks = (seconds: number) => Math.ceil(seconds / Math.max(1, chain.targetBlockTime));
  return { minDelay: blocks(1.5 * DAY), maxDelay: blocks(7 * DAY) };
}

export function parseRecoveryGenesis(
  config: unknown,
  chain: Pick<ChainParams, "targetBlockTime">,
): RecoveryParams {
  const given = parseParamsSection("recovery", Params, config) as Partial<RecoveryParams>;
  const p = { ...defaultParams(chain), ...given };
  if (p.minDelay > p.maxDelay)
    throw new TelchainError(
      "GENESIS_INVALID",
      `genesis modules.recovery: params.minDelay (${p.minDelay}) is more than params.maxDelay (${p.maxDelay})`,
    );
  return p;
}

/** The dev chain's section: a delay from 30 blocks (about a minute at 2 s blocks) to 7 days. */
export const devRecoveryGenesis = () => ({ params: { minDelay: 30, maxDelay: 302_400 } });

export function recoveryGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined)
    ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseRecoveryGenesis(config, ctx.params)));
}

/** The parameters in force: the genesis's, else derived from the chain's block time. */
export function paramsOf(state: StateReader, chain: Pick<ChainParams, "targetBlockTime">): RecoveryParams {
  const raw = state.get(PARAMS_KEY);
  return raw ? ParamsEntry.deserialize(raw) : defaultParams(chain);
}
