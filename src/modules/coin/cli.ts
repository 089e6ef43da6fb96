/** `telchain send`: a coin transfer from a named key. */
import type { Command } from "commander";
import { decodeAddress } from "../../crypto/address.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { TransferPayload } from "./transfer.js";

export function parseAmount(s: string): bigint {
  if (!/^[0-9]{1,20}$/.test(s)) {
    throw new TelchainError(
      "COIN_BAD_AMOUNT",
      `amount must be a positive whole number of base units, got "${s}"`,
    );
  }
  const n = BigInt(s);
  if (n === 0n || n >= 1n << 64n)
    throw new TelchainError("COIN_BAD_AMOUNT", `amount ${s} is out of range (1 to 2^64-1)`);
  return n;
}

export function coinCli(program: Command, ctx: CliContext): void {
  program
    .command("send")
    .description("send coins (base units) from a key to an address; waits for inclusion")
    .requiredOption("--from <name>", "key name (wallet) or dev0..dev9 on the dev chain")
    .requiredOption("--to <address>", "recipient address (tel1...)")
    .requiredOption("--amount <n>", "amount in base units")
    .option("--no-wait", "return once the node accepted the transaction")
    .action(async (opts, cmd: Command) => {
      const g = cmd.optsWithGlobals();
      const payload = TransferPayload.serialize({
        to: decodeAddress(opts.to),
        amount: parseAmount(opts.amount),
      });
      const res = await ctx.submit({
        from: opts.from,
        module: "coin",
        kind: "transfer",
        payload,
        apiUrl: g.api,
        wait: opts.wait,
      });
      ctx.print(g.json, res, () =>
        res.status === "included"
          ? `sent ${opts.amount} to ${opts.to}\ntx      ${res.hash}\nheight  ${res.height}`
          : `submitted ${res.hash} (${res.status})`,
      );
    });
}
