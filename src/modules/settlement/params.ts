/**
 * The genesis section `modules.settlement`: { "params": { ... } }, every field optional with the
 * defaults below. Without a section nothing is written and the defaults apply. The dev chain
 * (devGenesis) nets every 30 blocks (about a minute at 2 s blocks) and allows 60 s periods.
 */
import { Type } from "@sinclair/typebox";
import { Blocks, parseParamsSection } from "../../module/genesis-params.js";
import type { GenesisContext } from "../../module/interface.js";
import { ParamsEntry, type SettlementParams } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

export const Params = Type.Object({
  cycleBlocks: Blocks(720, "blocks per netting cycle: the last block of each cycle nets it"),
  minPeriodSeconds: Type.Integer({
    minimum: 1,
    maximum: 366 * 86_400,
    default: 3_600,
    description: "shortest usage period an agreement may have (seconds)",
  }),
});

export const parseSettlementGenesis = (config: unknown): SettlementParams =>
  parseParamsSection("settlement", Params, config);

export const DEFAULT_PARAMS = parseSettlementGenesis({});

/** The dev chain's section: a cycle about every minute, 60 s periods allowed. */
export const devSettlementGenesis = () => ({ params: { cycleBlocks: 30, minPeriodSeconds: 60 } });

export function settlementGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseSettlementGenesis(config)));
}
