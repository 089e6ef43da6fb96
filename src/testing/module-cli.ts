/**
 * Test support: runs a module's CLI commands in process against a fake node, to see the calls
 * they would submit (nothing is signed or sent) and what they print.
 *
 *   const { sent } = await runModuleCli(numbersModule, ["number", "claim", "+15551230000", "--carrier", "AAA"]);
 */

import { Command } from "commander";
import { callByName } from "../cli/context.js";
import { TelchainError } from "../errors.js";
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
    callByName,
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

/** What a CLI run submitted and printed (the human text, or "" with --json). */
export interface CliRun {
  sent: ModuleCall[];
  printed: { json: boolean; value: unknown; text: string }[];
}

/**
 * Runs a module's CLI commands in process against the routes under test: every GET goes to
 * `get` (a route's status and JSON body; a refusal is thrown as its TelchainError, as the real
 * client does), every signed call to `submit` (default: recorded and answered "pending"; a test
 * may mine it instead). Pass `--json` in `args` before the module's command.
 */
export async function runCliOverRoutes(
  module: Module,
  args: string[],
  get: (path: string) => Promise<{ status: number; body: { error?: { code: string; message: string } } }>,
  submit?: CliContext["submit"],
): Promise<CliRun> {
  const run: CliRun = { sent: [], printed: [] };
  const ctx: CliContext = {
    callByName,
    async submit(input) {
      run.sent.push({ module: input.module, kind: input.kind, payload: input.payload });
      return submit ? submit(input) : { hash: "00", status: "pending" };
    },
    async get(_api, path) {
      const r = await get(path);
      if (r.status !== 200 && r.body.error) throw new TelchainError(r.body.error.code, r.body.error.message);
      return r.body;
    },
    print: (json, value, human) => run.printed.push({ json, value, text: json ? "" : human() }),
  };
  const program = new Command()
    .option("--api <url>", "", "http://127.0.0.1:1")
    .option("--json")
    .exitOverride();
  module.cli?.(program, ctx);
  await program.parseAsync(args, { from: "user" });
  return run;
}
