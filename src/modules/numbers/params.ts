/**
 * Parameters of the numbers module and the genesis section `modules.numbers`:
 *
 *   { "params": { "claimDeposit": "10000000000", "portFee": "1000000000",
 *                 "confirmDeadline": 5000, "portDeadline": 1000 } }
 *
 * Every field is optional (defaults below); without a section nothing is written and the
 * defaults apply (so adding the module leaves existing genesis states unchanged).
 */
import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { parseGenesisAmount } from "../../chain/genesis.js";
import { TelchainError } from "../../errors.js";
import type { GenesisContext } from "../../module/interface.js";
import { type NumbersParams, ParamsEntry } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

export const DEFAULT_PARAMS: NumbersParams = {
  claimDeposit: 10_000_000_000n, // 10 coins, locked while the number is claimed or held
  portFee: 1_000_000_000n, // 1 coin, burned by every port request
  confirmDeadline: 5_000, // blocks the claim's carrier has to confirm
  portDeadline: 1_000, // blocks the gaining carrier has to accept a port
};

const Amount = Type.Union([Type.String(), Type.Integer()], { description: "base units" });
const Blocks = Type.Integer({ minimum: 1, maximum: 100_000_000 });
const Params = Type.Object({
  claimDeposit: Amount,
  portFee: Amount,
  confirmDeadline: Blocks,
  portDeadline: Blocks,
});
const Section = Type.Object(
  { params: Type.Optional(Type.Partial(Params, { additionalProperties: false })) },
  { additionalProperties: false },
);

const fail = (msg: string): never => {
  throw new TelchainError("GENESIS_INVALID", `genesis modules.numbers: ${msg}`);
};

export function parseNumbersGenesis(config: unknown): NumbersParams {
  const e = Value.Errors(Section, config).First();
  if (e) fail(`${e.path.slice(1).replaceAll("/", ".") || "the section"}: ${e.message}`);
  const p = (config as Static<typeof Section>).params ?? {};
  const amount = (k: "claimDeposit" | "portFee") =>
    p[k] === undefined ? DEFAULT_PARAMS[k] : parseGenesisAmount(p[k], `params.${k}`, fail);
  return { ...DEFAULT_PARAMS, ...p, claimDeposit: amount("claimDeposit"), portFee: amount("portFee") };
}

export function numbersGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseNumbersGenesis(config)));
}
