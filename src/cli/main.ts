/** Entry point of the `telchain` command (bin/telchain.js imports this file). */
// First: libp2p 3 needs Promise.withResolvers, which Node 20 lacks.
import "../p2p/polyfill.js";
import { printError } from "./output.js";
import { buildProgram } from "./program.js";

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (e) {
  printError(e, program.opts().json === true);
  process.exitCode = 1;
}
