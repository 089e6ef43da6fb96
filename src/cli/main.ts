/** Entry point of the `telchain` command (bin/telchain.js imports this file). */
import { printError } from "./output.js";
import { buildProgram } from "./program.js";

const program = buildProgram();
try {
  await program.parseAsync(process.argv);
} catch (e) {
  printError(e, program.opts().json === true);
  process.exitCode = 1;
}
