/** The native coin: balances live in core account state; coin/transfer and `telchain send` move them. */
import { addressArgument, uint64Argument } from "../../cli/arguments.js";
import { signedCommand } from "../../cli/signed-command.js";
import type { Module } from "../../module/interface.js";
import { calls } from "../../module/kind.js";
import { COIN_ERRORS } from "./errors.js";
import { transfer } from "./kinds/transfer.js";

const kinds = { transfer };
export const coinCalls = calls("coin", kinds);

/** --amount: base units from 1 to 2^64-1 (COIN_BAD_AMOUNT says which bound is broken). */
export function parseAmount(s: string): bigint {
  return uint64Argument(s, "--amount", { min: 1n, code: "COIN_BAD_AMOUNT", unit: "base units" });
}

export const coinModule: Module = {
  name: "coin",
  kinds,
  errors: COIN_ERRORS,
  cli: (program, ctx) =>
    signedCommand(program, ctx, {
      name: "send",
      description: "send coins (base units) from a key to an address; waits for inclusion",
      options: (c) =>
        c
          .requiredOption("--to <address>", "recipient address (tel1...)")
          .requiredOption("--amount <n>", "amount in base units"),
      build: (_args, o) =>
        coinCalls.transfer({
          to: addressArgument(o.to as string, "--to"),
          amount: parseAmount(o.amount as string),
        }),
      show: async (r, _args, o) => ({
        json: { hash: r.hash },
        human: r.status === "included" ? `sent ${o.amount} to ${o.to}` : undefined,
      }),
    }),
};
