/**
 * The native coin: balances live in core account state; coin/transfer and `telchain send` move
 * them; coin/transfer-memo (`send --memo`) does the same with an encrypted memo (docs/wallet.md, "Encrypted memos and view keys").
 */
import { addressArgument, uint64Argument } from "../../cli/arguments.js";
import { signedCommand } from "../../cli/signed-command.js";
import { memoForTransfer } from "../../client/memo.js";
import type { Module } from "../../module/interface.js";
import { calls } from "../../module/kind.js";
import { COIN_ERRORS } from "./errors.js";
import { transfer, transferMemo } from "./kinds/transfer.js";

const kinds = { transfer, "transfer-memo": transferMemo };
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
          .requiredOption("--amount <n>", "amount in base units")
          .option(
            "--memo <text>",
            "a memo of up to 512 bytes, encrypted to the recipient and to you (the recipient must have published a memo key)",
          ),
      async build(_args, o, api) {
        const to = addressArgument(o.to as string, "--to");
        const amount = parseAmount(o.amount as string);
        if (o.memo === undefined) return coinCalls.transfer({ to, amount });
        const memo = await memoForTransfer(api, o.from as string, to, String(o.memo));
        return coinCalls["transfer-memo"]({ to, amount, memo });
      },
      show: async (r, _args, o) => ({
        json: { hash: r.hash },
        human:
          r.status === "included"
            ? `sent ${o.amount} to ${o.to}${o.memo === undefined ? "" : " with an encrypted memo"}`
            : undefined,
      }),
    }),
};
