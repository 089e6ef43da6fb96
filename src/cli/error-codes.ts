/**
 * Codes of the command line (scope "cli") and of the HTTP client and signer it uses
 * (scope "client": thrown in src/client/, declared here while that package is owned elsewhere).
 */
import { defineErrors } from "../errors.js";

export const CLI_ERRORS = defineErrors("cli", {
  BAD_ARGUMENT: {
    class: "invalid",
    description: "A command-line argument or option is not in the expected form (the message shows one).",
  },
  UNKNOWN_COMMAND: {
    class: "invalid",
    description: "No such command (or none given): `telchain --help` lists them.",
  },
  UNKNOWN_OPTION: { class: "invalid", description: "The command has no such option: see its --help." },
  MISSING_ARGUMENT: {
    class: "invalid",
    description: "A required argument, option or option value is missing: see the command's --help.",
  },
  TOO_MANY_ARGUMENTS: { class: "invalid", description: "The command takes fewer arguments than given." },
  CONFIG_UNREADABLE: { class: "invalid", description: "The --config file cannot be read." },
  CONFIG_INVALID: {
    class: "invalid",
    description: "The --config file is not valid TOML (or JSON for a .json file), or not a table of keys.",
  },
  CONFIG_UNKNOWN_KEY: {
    class: "invalid",
    description:
      "The --config file has a key that is no flag of `telchain node` (docs/operating.md lists them).",
  },
  CONFIG_BAD_VALUE: {
    class: "invalid",
    description:
      "A value in the --config file has the wrong type or form for its key (the message names it).",
  },
  PASSPHRASE_EMPTY: { class: "invalid", description: "The passphrase entered is empty." },
  PASSPHRASE_MISMATCH: { class: "invalid", description: "The two passphrases entered differ." },
  DEVNET_START_FAILED: { class: "unavailable", description: "A node of the local devnet did not start." },
});

export const CLIENT_ERRORS = defineErrors("client", {
  API_URL_INVALID: { class: "invalid", description: "The --api URL is not an http:// or https:// URL." },
  NODE_UNREACHABLE: {
    class: "upstream",
    description: "The node's API cannot be reached: is `telchain node` running?",
  },
  NODE_TIMEOUT: { class: "upstream", description: "The node did not answer within the client's timeout." },
  API_BAD_RESPONSE: { class: "upstream", description: "The node answered without a JSON body." },
  TX_BAD_FEE: {
    class: "invalid",
    description: "The fee per byte times the transaction size is out of range.",
  },
  TX_WAIT_TIMEOUT: {
    class: "unavailable",
    description: "The transaction was not included within the wait time (it may still be).",
  },
  PASSPHRASE_REQUIRED: {
    class: "unauthorized",
    description: "A passphrase is needed and there is no terminal to ask on: set TELCHAIN_PASSPHRASE.",
  },
  CANCELLED: { class: "invalid", description: "The user cancelled a prompt (Ctrl-C)." },
  SIGNER_NEEDS_KEY: {
    class: "invalid",
    description: "--from needs a wallet name, not an address: signing needs the key.",
  },
  SIGNER_KEY_ROTATED: {
    class: "forbidden",
    description:
      "The wallet's key does not sign for the account any more (its key was rotated, by its owner or a guardian recovery): sign with the wallet that holds the new key.",
  },
  SIGNER_DEV_ACCOUNT: {
    class: "invalid",
    description: "A built-in development account was used on a chain other than the dev chain.",
  },
});
