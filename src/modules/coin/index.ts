/** The native coin: balances live in core account state; coin/transfer and `telchain send` move them. */
import { signedCommand } from "../../cli/signed-command.js";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { Module } from "../../module/interface.js";
import { calls } from "../../module/kind.js";
import { COIN_ERRORS } from "./errors.js";
import { transfer } from "./kinds/transfer.js";

const kinds = { transfer };
export const coinCalls = calls("coin", kinds);

export function parseAmount(s: string): bigint {
  const n = /^[0-9]{1,20}$/.test(s) ? BigInt(s) : 0n;
  if (n > 0n && n < 1n << 64n) return n;
  throw new TelchainError("COIN_BAD_AMOUNT", `amount must be base units from 1 to 2^64-1: "${s}"`);
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
        coinCalls.transfer({ to: decodeAddress(o.to as string), amount: parseAmount(o.amount as string) }),
      show: async (r, _args, o) => ({
        json: { hash: r.hash },
        human: r.status === "included" ? `sent ${o.amount} to ${o.to}` : undefined,
      }),
    }),
};
