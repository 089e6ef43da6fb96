/**
 * Test support: runs a module's CLI commands in process against a fake node, to see the calls
 * they would submit (nothing is signed or sent) and what they print.
 *
 *   const { sent } = await runModuleCli(numbersModule, ["number", "claim", "+15551230000", "--carrier", "AAA"]);
 */
import { Command } from "commander";
import type { CliContext, Module } from "../module/interface.js";
import type { ModuleCall } from "../module/kind.js";

export async function runModuleCli(
  module: Module,
  args: string[],
  /** What the fake node answers to GET requests (by path). */
  get: (path: string) => unknown = () => ({}),
): Promise<{ sent: ModuleCall[]; printed: unknown[] }> {
  const sent: ModuleCall[] = [];
  const printed: unknown[] = [];
  const ctx: CliContext = {
    async submit({ module, kind, payload }) {
      sent.push({ module, kind, payload });
      return { hash: "00", status: "pending" };
    },
    get: async (_api, path) => get(path),
    print: (_json, value) => printed.push(value),
  };
  const program = new Command()
    .option("--api <url>", "", "http://127.0.0.1:1")
    .option("--json")
    .exitOverride();
  module.cli?.(program, ctx);
  await program.parseAsync([...args, "--from", "dev1"], { from: "user" });
  return { sent, printed };
}
