/** Entry point of the `telchain` command (bin/telchain.js imports this file). */
// First: libp2p 3 needs Promise.withResolvers, which Node 20 lacks.
import "../p2p/polyfill.js";
import { CommanderError } from "commander";
import { usageError, wantsJson } from "./errors-out.js";
import { printError } from "./output.js";
import { buildProgram } from "./program.js";

const json = wantsJson(process.argv.slice(2));
const program = buildProgram({ json });
try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError && e.exitCode === 0) {
    // --help or --version: already printed.
  } else {
    printError(e instanceof CommanderError ? usageError(e) : e, json);
    process.exitCode = 1;
  }
}
