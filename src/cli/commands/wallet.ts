/** `telchain wallet ...`: keys in the local keystore (encrypted with a passphrase). */

import type { Command } from "commander";
import { fromHexOrUndefined } from "../../bytes.js";
import { walletMemoKey } from "../../client/memo.js";
import { promptHidden } from "../../client/prompt.js";
import { DEV_CHAIN_ID } from "../../client/signer.js";
import { decodeAddress } from "../../crypto/address.js";
import { Keystore, passphraseFromEnv } from "../../crypto/keystore.js";
import { encodeViewKey } from "../../crypto/memo.js";
import { TelchainError } from "../../errors.js";
import { addressArgument } from "../arguments.js";
import { globals, keyValues, print } from "../output.js";

/** A passphrase for a new key: TELCHAIN_PASSPHRASE, else typed twice at the terminal. */
async function newPassphrase(name: string): Promise<string> {
  const fromEnv = passphraseFromEnv();
  if (fromEnv !== undefined) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new TelchainError(
      "PASSPHRASE_REQUIRED",
      `a passphrase is needed to encrypt wallet "${name}": set TELCHAIN_PASSPHRASE (there is no terminal to ask on)`,
    );
  }
  const first = await promptHidden(`new passphrase for wallet "${name}": `);
  if (first === "") throw new TelchainError("PASSPHRASE_EMPTY", "the passphrase must not be empty");
  const again = await promptHidden("repeat the passphrase: ");
  if (again !== first) throw new TelchainError("PASSPHRASE_MISMATCH", "the two passphrases differ");
  return first;
}

const VIEW_KEY_WARNING =
  "Anyone with this view key can read ALL payments and memos of this account, past and future; it cannot spend or sign. Give it only to whom may see them (an accountant, an auditor).";

const MNEMONIC_WARNING =
  "Write the mnemonic down and keep it offline. It is the only way to recover this key; anyone who has it controls the funds.";

export function registerWalletCommands(program: Command): void {
  const wallet = program
    .command("wallet")
    .description("manage keys in the local keystore ($TELCHAIN_HOME/keystore)");

  wallet
    .command("new <name>")
    .description("create a key from a new random mnemonic")
    .action(async (name: string, _opts, cmd: Command) => {
      const { json } = globals(cmd);
      const keystore = new Keystore();
      if (keystore.has(name))
        throw new TelchainError("KEYSTORE_EXISTS", `a key named ${name} already exists`);
      const created = keystore.create(name, await newPassphrase(name));
      print(json, created, () =>
        [
          `created wallet ${created.name}`,
          keyValues([
            ["address", created.address],
            ["mnemonic", created.mnemonic],
          ]),
          "",
          MNEMONIC_WARNING,
        ].join("\n"),
      );
    });

  wallet
    .command("import <name>")
    .description("store an existing key, from its mnemonic or its 32-byte seed")
    .option("--mnemonic <words>", "BIP-39 mnemonic (account 0 is imported)")
    .option("--seed <hex>", "32-byte Ed25519 seed as 64 hex digits")
    .action(async (name: string, opts: { mnemonic?: string; seed?: string }, cmd: Command) => {
      const { json } = globals(cmd);
      if ((opts.mnemonic === undefined) === (opts.seed === undefined)) {
        throw new TelchainError("BAD_ARGUMENT", 'give exactly one of --mnemonic "words" or --seed HEX');
      }
      let source: { mnemonic?: string; seed?: Uint8Array };
      if (opts.seed !== undefined) {
        const seed = fromHexOrUndefined(opts.seed);
        if (seed?.length !== 32)
          throw new TelchainError("BAD_ARGUMENT", "--seed must be 64 hex digits (32 bytes)");
        source = { seed };
      } else {
        source = { mnemonic: (opts.mnemonic ?? "").trim().split(/\s+/).join(" ") };
      }
      const keystore = new Keystore();
      if (keystore.has(name))
        throw new TelchainError("KEYSTORE_EXISTS", `a key named ${name} already exists`);
      const created = keystore.create(name, await newPassphrase(name), source);
      const shown = { name: created.name, address: created.address };
      print(json, shown, () => `imported wallet ${shown.name}\n${keyValues([["address", shown.address]])}`);
    });

  wallet
    .command("list")
    .description("list the stored keys (names and addresses)")
    .action(async (_opts, cmd: Command) => {
      const { json } = globals(cmd);
      const keystore = new Keystore();
      const wallets = keystore.list();
      print(json, { wallets }, () =>
        wallets.length === 0
          ? `no wallets in ${keystore.dir} (create one with \`telchain wallet new NAME\`)`
          : keyValues(
              wallets.map((w) => [w.name, w.account ? `${w.address} (signs for ${w.account})` : w.address]),
            ),
      );
    });

  wallet
    .command("export-view-key <name>")
    .description(
      "print the wallet's view key: it reads all the account's payments and memos (`history ADDRESS --view-key KEY`) and cannot spend or sign",
    )
    .action(async (name: string, _opts, cmd: Command) => {
      const { json } = globals(cmd);
      // dev0..dev9 are the dev chain's; any other name is a keystore wallet (its passphrase).
      const own = await walletMemoKey(name, DEV_CHAIN_ID);
      const viewKey = encodeViewKey({ address: decodeAddress(own.account), secret: own.secret });
      own.secret.fill(0);
      print(json, { account: own.account, viewKey, warning: VIEW_KEY_WARNING }, () =>
        [
          keyValues([
            ["account", own.account],
            ["view key", viewKey],
          ]),
          "",
          VIEW_KEY_WARNING,
        ].join("\n"),
      );
    });

  wallet
    .command("show <name>")
    .description("show a key's address (never its secrets)")
    .action(async (name: string, _opts, cmd: Command) => {
      const { json } = globals(cmd);
      const info = new Keystore().info(name);
      const shown = {
        name: info.name,
        address: info.address,
        ...(info.account ? { account: info.account } : {}),
      };
      print(json, shown, () =>
        keyValues([
          ["name", shown.name],
          ["address", shown.address],
          ["signs for", shown.account],
        ]),
      );
    });

  wallet
    .command("set-account <name> [address]")
    .description(
      "make a wallet sign for ADDRESS: an account whose authorising key is this wallet's key after a rotation or a guardian recovery (without ADDRESS: its own address again)",
    )
    .action(async (name: string, address: string | undefined, _opts, cmd: Command) => {
      const { json } = globals(cmd);
      if (address !== undefined) addressArgument(address, "<address>");
      const keystore = new Keystore();
      keystore.setAccount(name, address);
      const info = keystore.info(name);
      const shown = { name: info.name, address: info.address, account: info.account ?? info.address };
      print(json, shown, () =>
        shown.account === shown.address
          ? `wallet ${name} signs for its own address ${shown.address}`
          : `wallet ${name} (key ${shown.address}) now signs for ${shown.account}`,
      );
    });
}
