/**
 * The genesis section `modules.services`: { "params": { ... } }, every field optional with the
 * defaults below (a 10 s chain: an hour of heartbeat period, a day of withdrawal delay). Without
 * a section nothing is written and the defaults apply. The dev chain (2 s blocks) uses a minute
 * for both, so a listing that stops its heartbeats drops out of search within a minute.
 */
import { Type } from "@sinclair/typebox";
import { Amount, Blocks, parseParamsSection } from "../../module/genesis-params.js";
import type { GenesisContext } from "../../module/interface.js";
import type { StateReader } from "../../state/view.js";
import { ParamsEntry, type ServicesParams } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

export const Params = Type.Object({
  minBond: Amount(100_000_000_000n, "the least bond a listing locks (base units; default 100 coins)"),
  heartbeatPeriod: Blocks(
    360,
    "a listing is live (found by search) while the height is at most its last heartbeat's + this",
  ),
  withdrawDelay: Blocks(
    8_640,
    "blocks from a listing's last live height (last heartbeat + heartbeatPeriod) until its bond can be withdrawn",
  ),
  maxListingsPerProvider: Type.Integer({
    minimum: 1,
    maximum: 10_000,
    default: 16,
    description: "listings one provider may have at once (lapsed ones count until withdrawn)",
  }),
});

export const parseServicesGenesis = (config: unknown): ServicesParams =>
  parseParamsSection("services", Params, config);

export const DEFAULT_PARAMS: ServicesParams = parseServicesGenesis({});

/** The dev chain's section: 1 coin of bond, a minute (30 blocks of 2 s) of period and of delay. */
export const devServicesGenesis = () => ({
  params: { minBond: "1000000000", heartbeatPeriod: 30, withdrawDelay: 30, maxListingsPerProvider: 16 },
});

export function servicesGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseServicesGenesis(config)));
}

/** The parameters in force: the genesis's, else the defaults. */
export function paramsOf(state: StateReader): ServicesParams {
  const raw = state.get(PARAMS_KEY);
  return raw ? ParamsEntry.deserialize(raw) : DEFAULT_PARAMS;
}
