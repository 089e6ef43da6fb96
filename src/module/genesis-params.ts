/**
 * A module's parameters, declared once as a TypeBox object whose fields carry their default,
 * bounds and description, and read from the module's genesis section `{ "params": {...} }`:
 * every field optional, unknown fields refused, amounts (base units, as decimal strings or
 * integers) turned into bigints. Refusals are GENESIS_INVALID naming the field.
 *
 *   const Params = Type.Object({
 *     portFee: Amount(1_000_000_000n, "burned by every port request"),
 *     portDeadline: Blocks(1_000, "blocks the gaining carrier has to accept a port"),
 *   });
 *   const params = parseParamsSection("numbers", Params, config); // { portFee: bigint, portDeadline: number }
 */
import { type Static, type TObject, Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { parseGenesisAmount } from "../chain/genesis-amount.js";
import { TelchainError } from "../errors.js";

/** An amount in base units (uint64): a decimal string or an integer in the genesis file. */
export const Amount = (byDefault: bigint, description: string) =>
  Type.Union([Type.String(), Type.Integer()], { default: byDefault.toString(), description, amount: true });

/** A number of blocks, from `min` (default 1) to 100,000,000. */
export const Blocks = (byDefault: number, description: string, min = 1) =>
  Type.Integer({ minimum: min, maximum: 100_000_000, default: byDefault, description });

/** The parsed parameters: amounts as bigint, everything else as its schema says. */
export type ParsedParams<S extends TObject> = {
  [K in keyof Static<S>]: string extends Static<S>[K] ? bigint : Static<S>[K];
};

function failer(module: string) {
  return (msg: string): never => {
    throw new TelchainError("GENESIS_INVALID", `genesis modules.${module}: ${msg}`);
  };
}

/** The `params` object of a genesis section (undefined = all defaults). */
export function parseParams<S extends TObject>(module: string, schema: S, raw: unknown): ParsedParams<S> {
  const fail = failer(module);
  const given = raw ?? {};
  const e = Value.Errors(Type.Partial(schema, { additionalProperties: false }), given).First();
  if (e) fail(`params${e.path.replaceAll("/", ".")}: ${e.message}`);
  const p = Value.Default(schema, structuredClone(given)) as Record<string, unknown>;
  for (const [k, field] of Object.entries(schema.properties))
    if ((field as { amount?: boolean }).amount) p[k] = parseGenesisAmount(p[k], `params.${k}`, fail);
  return p as ParsedParams<S>;
}

/** A genesis section that holds only `params`: `{ "params": {...} }`. */
export function parseParamsSection<S extends TObject>(
  module: string,
  schema: S,
  config: unknown,
): ParsedParams<S> {
  const fail = failer(module);
  if (typeof config !== "object" || config === null || Array.isArray(config))
    fail("the section must be an object");
  for (const k of Object.keys(config as object)) if (k !== "params") fail(`${k}: unknown field`);
  return parseParams(module, schema, (config as { params?: unknown }).params);
}
