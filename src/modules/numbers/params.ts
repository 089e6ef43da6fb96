/**
 * The genesis section `modules.numbers`: { "params": { ... } }, every field optional with the
 * defaults of the schema below (amounts in base units). Without a section nothing is written
 * and the defaults apply, so adding the module leaves existing genesis states unchanged.
 */
import { Type } from "@sinclair/typebox";
import { Amount, Blocks, parseParamsSection } from "../../module/genesis-params.js";
import type { GenesisContext } from "../../module/interface.js";
import { type NumbersParams, ParamsEntry } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

const Params = Type.Object({
  claimDeposit: Amount(10_000_000_000n, "locked while the number is claimed or held"),
  portFee: Amount(1_000_000_000n, "burned by every port request"),
  confirmDeadline: Blocks(5_000, "blocks the claim's carrier has to confirm"),
  portDeadline: Blocks(1_000, "blocks the gaining carrier has to accept a port"),
});

export const parseNumbersGenesis = (config: unknown): NumbersParams =>
  parseParamsSection("numbers", Params, config);

export const DEFAULT_PARAMS = parseNumbersGenesis({});

export function numbersGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseNumbersGenesis(config)));
}
