/**
 * One helper for every signed CLI command of a module: it declares `--from` and
 * `--no-wait`, builds the module call from the arguments (checked before anything is
 * sent), signs it (the fee is computed from the size), submits it, waits for inclusion
 * unless --no-wait, then shows what changed: one JSON object with --json, else the `tx` and
 * `height` lines followed by the module's own text.
 *
 *   signedCommand(cmd, ctx, {
 *     name: "release <e164>",
 *     description: "give up a number you hold",
 *     build: ([raw]) => numbersCalls.release({ number: parseNumber(raw).text }),
 *     show: async (r) => ({ json: { number: ... }, human: `${...} released` }),
 *   });
 */
import type { Command } from "commander";
import type { CliContext } from "../module/interface.js";
import type { ModuleCall } from "../module/kind.js";
import { globals, keyValues } from "./output.js";

export const FROM_HELP = "key name (wallet) or dev0..dev9 on the dev chain";

export interface SubmitOutcome {
  hash: string;
  status: string;
  height?: number;
  /** The node's API URL (for follow-up reads). */
  api: string;
}

export interface SignedCommandSpec {
  /** Commander syntax, e.g. "claim <e164>". */
  name: string;
  description: string;
  /** Adds the command's own options. */
  options?(cmd: Command): Command;
  /** The module call from the arguments and options; throws a TelchainError before anything is sent. */
  build(args: string[], opts: Record<string, unknown>, api: string): ModuleCall | Promise<ModuleCall>;
  /**
   * What to show after the submission (also with --no-wait, where status is "pending"):
   * `json` fields are merged into the JSON result, `human` lines follow the tx lines.
   */
  show?(
    outcome: SubmitOutcome,
    args: string[],
    opts: Record<string, unknown>,
  ): Promise<{ json?: Record<string, unknown>; human?: string }>;
}

export function signedCommand(parent: Command, ctx: CliContext, spec: SignedCommandSpec): Command {
  const cmd = parent
    .command(spec.name)
    .description(spec.description)
    .requiredOption("--from <name>", FROM_HELP)
    .option("--no-wait", "return once the node accepted the transaction");
  (spec.options?.(cmd) ?? cmd).action(async (...all: unknown[]) => {
    const c = all[all.length - 1] as Command;
    const opts = all[all.length - 2] as Record<string, unknown> & { from: string; wait: boolean };
    const args = all.slice(0, -2) as string[];
    const g = globals(c);
    const call = await spec.build(args, opts, g.api);
    const res = await ctx.submit({ from: opts.from, ...call, apiUrl: g.api, wait: opts.wait });
    const outcome: SubmitOutcome = { hash: res.hash, status: res.status, height: res.height, api: g.api };
    const shown = (await spec.show?.(outcome, args, opts)) ?? {};
    const out = { tx: res.hash, status: res.status, height: res.height, ...shown.json };
    ctx.print(g.json, out, () =>
      [
        keyValues([
          ["tx", res.hash],
          ["height", res.status === "included" ? res.height : `(${res.status})`],
        ]),
        ...(shown.human ? [shown.human] : []),
      ].join("\n"),
    );
  });
  return cmd;
}
