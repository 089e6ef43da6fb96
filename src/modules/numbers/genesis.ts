/** The genesis section `modules.numbers` (see params.ts): writes the parameters. */
import type { GenesisContext } from "../../module/interface.js";
import { parseNumbersGenesis } from "./params.js";
import { ParamsEntry } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

export function numbersGenesis(ctx: GenesisContext, config: unknown): void {
  if (config === undefined) return;
  ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseNumbersGenesis(config)));
}
