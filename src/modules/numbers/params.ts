/**
 * The genesis section `modules.numbers`: { "params": { ... } }, every field optional with the
 * defaults of the schema below (amounts in base units). Without a section nothing is written
 * and the defaults apply, so adding the module leaves existing genesis states unchanged.
 */
import { type Static, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { parseGenesisAmount } from "../../chain/genesis.js";
import { TelchainError } from "../../errors.js";
import type { GenesisContext } from "../../module/interface.js";
import { type NumbersParams, ParamsEntry } from "./schemas.js";
import { PARAMS_KEY } from "./store.js";

const Amount = (d: string, description: string) =>
  Type.Union([Type.String(), Type.Integer()], { default: d, description });
const Blocks = (d: number, description: string) =>
  Type.Integer({ minimum: 1, maximum: 100_000_000, default: d, description });
const Params = Type.Object({
  claimDeposit: Amount("10000000000", "locked while the number is claimed or held"),
  portFee: Amount("1000000000", "burned by every port request"),
  confirmDeadline: Blocks(5_000, "blocks the claim's carrier has to confirm"),
  portDeadline: Blocks(1_000, "blocks the gaining carrier has to accept a port"),
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
  const p = Value.Default(Params, { ...(config as Static<typeof Section>).params }) as Static<typeof Params>;
  const amount = (k: "claimDeposit" | "portFee") => parseGenesisAmount(p[k], `params.${k}`, fail);
  return { ...p, claimDeposit: amount("claimDeposit"), portFee: amount("portFee") };
}

export const DEFAULT_PARAMS = parseNumbersGenesis({});

export function numbersGenesis(ctx: GenesisContext, config: unknown): void {
  if (config !== undefined) ctx.state.set(PARAMS_KEY, ParamsEntry.serialize(parseNumbersGenesis(config)));
}
