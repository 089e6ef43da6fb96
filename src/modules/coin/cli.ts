/** `telchain send`: a coin transfer from a named key. */
import type { Command } from "commander";
import { signedCommand } from "../../cli/signed-command.js";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { coinCalls } from "./index.js";

export function parseAmount(s: string): bigint {
  const n = /^[0-9]{1,20}$/.test(s) ? BigInt(s) : 0n;
  if (n === 0n || n >= 1n << 64n)
    throw new TelchainError(
      "COIN_BAD_AMOUNT",
      `amount must be a whole number of base units from 1 to 2^64-1, got "${s}"`,
    );
  return n;
}

export function coinCli(program: Command, ctx: CliContext): void {
  signedCommand(program, ctx, {
    name: "send",
    description: "send coins (base units) from a key to an address; waits for inclusion",
    options: (cmd) =>
      cmd
        .requiredOption("--to <address>", "recipient address (tel1...)")
        .requiredOption("--amount <n>", "amount in base units"),
    build: (_args, o) =>
      coinCalls.transfer({ to: decodeAddress(o.to as string), amount: parseAmount(o.amount as string) }),
    show: async (r, _args, o) => ({
      json: { hash: r.hash },
      human: r.status === "included" ? `sent ${o.amount} to ${o.to}` : undefined,
    }),
  });
}
