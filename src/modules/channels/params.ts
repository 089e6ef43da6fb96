/**
 * The genesis section `modules.channels`: { "params": { maxChannelLife, disputeWindow,
 * maxOpenPerPayer } }, every field optional with the defaults below. Without a section nothing is
 * written and the defaults apply. The dev chain's dispute window is 20 blocks (40 s at 2 s
 * blocks), long enough for its tests and short enough to try by hand.
 */
import { Type } from "@sinclair/typebox";
import { Blocks, parseParamsSection } from "../../module/genesis-params.js";
import type { GenesisContext } from "../../module/interface.js";
import type { StateReader } from "../../state/view.js";
import { type ChannelsParams, ParamsEntry } from "./records.js";
import { PARAMS_KEY } from "./store.js";

export const Params = Type.Object({
  maxChannelLife: Blocks(1_000_000, "the latest expiry an open or top-up may set: its block's height + this"),
  disputeWindow: Blocks(
    720,
    "blocks after a payer's early close during which the payee may still close with a higher voucher",
  ),
  maxOpenPerPayer: Type.Integer({
    minimum: 1,
    maximum: 100_000,
    default: 100,
    description: "channels (open or closing) one payer may have at once",
  }),
});

export const parseChannelsGenesis = (config: unknown): ChannelsParams =>
  parseParamsSection("channels", Params, config);

export const DEFAULT_PARAMS: ChannelsParams = parseChannelsGenesis({});

/** The dev chain's section: a 20-block dispute window. */
export const devChannelsGenesis = () => ({ params: { disputeWindow: 20 } });

export function channelsGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseChannelsGenesis(config)));
}

/** The parameters in force: the genesis's, else the defaults. */
export function paramsOf(state: StateReader): ChannelsParams {
  const raw = state.get(PARAMS_KEY);
  return raw ? ParamsEntry.deserialize(raw) : DEFAULT_PARAMS;
}
