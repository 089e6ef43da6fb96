/** The `telchain` command line: global options, core commands and every module's commands. */
import { Command, Option } from "commander";
import { allModules } from "../modules/index.js";
import { VERSION } from "../version.js";
import { registerDevnetCommand } from "./commands/devnet.js";
import { registerNodeCommand } from "./commands/node.js";
import { registerQueryCommands } from "./commands/query.js";
import { registerVerifyCommand } from "./commands/verify.js";
import { registerWalletCommands } from "./commands/wallet.js";
import { createCliContext } from "./context.js";
import { registerListCommand } from "./list-command.js";
import { print } from "./output.js";
import { registerShowCommand } from "./show-command.js";

export const DEFAULT_API_URL = "http://127.0.0.1:8645";

/**
 * Usage errors are printed by main.ts like every error (`error [CODE]: …`, or JSON with
 * `json`), so commander's own error line is silenced; the help it shows after one is kept,
 * except with `json` (stderr then holds only the JSON error). exitOverride makes commander
 * throw instead of exiting; subcommands inherit both settings.
 */
export function buildProgram(opts: { json?: boolean } = {}): Command {
  const program = new Command("telchain")
    .description("telchain: a proof-of-work blockchain for telephony — node, wallet and queries")
    .addOption(
      new Option("--api <url>", "URL of the node's HTTP API").env("TELCHAIN_API").default(DEFAULT_API_URL),
    )
    .option("--json", "print exactly one JSON object instead of human-readable text")
    .option("-V, --version", 'print the version (with --json: {"version": ...})')
    .showHelpAfterError()
    .exitOverride();
  program.configureOutput(
    opts.json ? { writeErr: () => {}, outputError: () => {} } : { outputError: () => {} },
  );
  // Like commander's own --version (print, exit 0, wherever it appears), plus --json.
  program.on("option:version", () => {
    // rawArgs (the argv being parsed) is public in commander's JS but missing from its types.
    const argv = (program as unknown as { rawArgs: string[] }).rawArgs;
    print(argv.includes("--json"), { version: VERSION }, () => VERSION);
    process.exit(0);
  });

  registerNodeCommand(program);
  registerDevnetCommand(program);
  registerWalletCommands(program);
  registerQueryCommands(program);
  registerVerifyCommand(program);
  const ctx = createCliContext();
  for (const module of allModules()) {
    module.cli?.(program, ctx);
    for (const lookup of module.lookups ?? []) registerShowCommand(program, ctx, lookup);
    for (const list of module.lists ?? []) registerListCommand(program, ctx, list);
  }
  return program;
}
