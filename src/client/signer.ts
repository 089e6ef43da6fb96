/**
 * Resolves the `--from NAME` of a CLI command to a signing key: `dev0`..`dev9` are the
 * published development accounts (only on the dev chain); any other name is a keystore
 * wallet, unlocked with TELCHAIN_PASSPHRASE or a passphrase typed at the terminal.
 */
import { isAddress } from "../crypto/address.js";
import { Keystore, passphraseFromEnv } from "../crypto/keystore.js";
import { DEV_ACCOUNT_COUNT, devAccount } from "../crypto/mnemonic.js";
import { TelchainError } from "../errors.js";
import { promptHidden } from "./prompt.js";

export const DEV_CHAIN_ID = "telchain-dev";
const DEV_NAME = /^dev([0-9]+)$/;

export interface Signer {
  name: string;
  address: string;
  /** The account the key signs for when not its own address (after a rotation or recovery). */
  account?: string;
  seed32: Uint8Array;
  publicKey: Uint8Array;
}

export interface SignerOptions {
  /**
   * Keystore to unlock wallets from (default: the one under TELCHAIN_HOME). With `has`, an
   * unknown name is refused before the passphrase is asked for.
   */
  keystore?: Pick<Keystore, "unlock"> & Partial<Pick<Keystore, "has" | "notFoundError">>;
  /** Source of the passphrase (default: TELCHAIN_PASSPHRASE, else a hidden prompt on a TTY). */
  passphrase?: (name: string) => Promise<string>;
}

export async function resolveSigner(
  from: string,
  chainId: string,
  opts: SignerOptions = {},
): Promise<Signer> {
  const dev = DEV_NAME.exec(from);
  if (dev && Number(dev[1]) < DEV_ACCOUNT_COUNT) {
    if (chainId !== DEV_CHAIN_ID) {
      throw new TelchainError(
        "SIGNER_DEV_ACCOUNT",
        `${from} is a development account: dev accounts exist only on the dev chain (${DEV_CHAIN_ID}), this node runs ${chainId}`,
      );
    }
    const account = devAccount(Number(dev[1]));
    return {
      name: account.name,
      address: account.address,
      seed32: account.seed32,
      publicKey: account.publicKey,
    };
  }
  if (isAddress(from)) {
    throw new TelchainError(
      "SIGNER_NEEDS_KEY",
      `--from needs a wallet name, not an address: signing needs the key (see \`telchain wallet list\`)`,
    );
  }
  const keystore = opts.keystore ?? new Keystore();
  // An unknown wallet is said before any passphrase is asked for, with the names that exist.
  if (keystore.has && !keystore.has(from)) {
    const dev =
      chainId === DEV_CHAIN_ID ? `on this dev chain also dev0..dev${DEV_ACCOUNT_COUNT - 1}` : undefined;
    throw (
      keystore.notFoundError?.(from, dev) ??
      new TelchainError("KEYSTORE_NOT_FOUND", `no wallet named ${JSON.stringify(from)}`)
    );
  }
  const passphrase = await (opts.passphrase ?? readPassphrase)(from);
  const unlocked = await keystore.unlock(from, passphrase);
  return {
    name: unlocked.name,
    address: unlocked.address,
    ...(unlocked.account ? { account: unlocked.account } : {}),
    seed32: unlocked.seed32,
    publicKey: unlocked.publicKey,
  };
}

/**
 * The account `from` signs for, without unlocking anything: a dev account's address, or a
 * wallet's recorded account (else its own address). Undefined for an unknown name.
 */
export function accountOfSigner(
  from: string,
  keystore: Pick<Keystore, "has" | "info"> = new Keystore(),
): string | undefined {
  const dev = DEV_NAME.exec(from);
  if (dev && Number(dev[1]) < DEV_ACCOUNT_COUNT) return devAccount(Number(dev[1])).address;
  if (!keystore.has(from)) return undefined;
  const info = keystore.info(from);
  return info.account ?? info.address;
}

/**
 * Passphrases typed at the terminal in this process, by wallet: a command that unlocks a wallet
 * twice (`send --memo` derives the wallet's memo key, then signs) asks once.
 */
const typed = new Map<string, string>();

/** TELCHAIN_PASSPHRASE if set, else a hidden prompt; refuses clearly without either. */
export async function readPassphrase(name: string): Promise<string> {
  const fromEnv = passphraseFromEnv();
  if (fromEnv !== undefined) return fromEnv;
  const known = typed.get(name);
  if (known !== undefined) return known;
  if (!process.stdin.isTTY) {
    throw new TelchainError(
      "PASSPHRASE_REQUIRED",
      `wallet "${name}" needs its passphrase: set TELCHAIN_PASSPHRASE (there is no terminal to ask on)`,
    );
  }
  const passphrase = await promptHidden(`passphrase for wallet "${name}": `);
  typed.set(name, passphrase);
  return passphrase;
}
