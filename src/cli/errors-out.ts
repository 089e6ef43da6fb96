/**
 * Usage errors (unknown command or option, missing argument, bad option value) as
 * TelchainErrors, so that they are printed like every other error: `error [CODE]: message`
 * on stderr, or `{"error":{"code","message"}}` with --json. Exit code 1 for every error.
 */
import type { CommanderError } from "commander";
import { TelchainError } from "../errors.js";

/** --json anywhere before a "--" (decided from the raw arguments, so even a parse error knows it). */
export function wantsJson(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--json");
}

const CODES: Record<string, string> = {
  "commander.unknownCommand": "UNKNOWN_COMMAND",
  "commander.help": "UNKNOWN_COMMAND",
  "commander.unknownOption": "UNKNOWN_OPTION",
  "commander.missingArgument": "MISSING_ARGUMENT",
  "commander.optionMissingArgument": "MISSING_ARGUMENT",
  "commander.missingMandatoryOptionValue": "MISSING_ARGUMENT",
  "commander.excessArguments": "TOO_MANY_ARGUMENTS",
};

export function usageError(e: CommanderError): TelchainError {
  const code = CODES[e.code] ?? "BAD_ARGUMENT";
  const message =
    e.code === "commander.help"
      ? "a command is needed: see --help for the list"
      : e.message.replace(/^error: /, "").trim();
  return new TelchainError(code, message);
}
