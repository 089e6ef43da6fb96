/**
 * The core's account module: key rotation (`account/rotate`) and memo keys (`account/memo-key`).
 * It is part of every node (ModuleRegistry adds it), since the signature rule it changes is the
 * core's: a transaction is valid only when signed by its sender's authorising key.
 * CLI: `telchain key rotate --to WALLET|ADDRESS --from NAME`, `telchain key memo --from NAME`
 * (publishes the wallet's memo key, src/crypto/memo.ts). Its codes are core codes
 * (./errors.ts, in CORE_ERROR_CATALOGUES).
 */
import { addressArgument } from "../cli/arguments.js";
import { signedCommand } from "../cli/signed-command.js";
import { getStatus } from "../client/actions/chain.js";
import { getTx } from "../client/actions/txs.js";
import { ApiClient } from "../client/api-client.js";
import { walletMemoKey } from "../client/memo.js";
import { accountOfSigner } from "../client/signer.js";
import { decodeAddress, encodeAddress, isAddress } from "../crypto/address.js";
import { Keystore } from "../crypto/keystore.js";
import { TelchainError } from "../errors.js";
import type { Module } from "../module/interface.js";
import { calls } from "../module/kind.js";
import { memoKey, rotate } from "./kinds.js";

const kinds = { rotate, "memo-key": memoKey };
export const accountCalls = calls("account", kinds);
export const ACCOUNT_MODULE = "account";

/**
 * A new key on the command line (`flag`, default `--to`): an address (tel1...) or the name of a
 * wallet in the keystore, whose key it is. Also the recovery module's `--new-key`.
 */
export function newKeyArgument(
  to: string,
  keystore: Keystore,
  flag = "--to",
): { key: Uint8Array; wallet?: string } {
  if (isAddress(to)) return { key: addressArgument(to, flag) };
  if (!keystore.has(to)) {
    throw new TelchainError(
      "BAD_ARGUMENT",
      `${flag} must be a key's address (tel1...) or the name of a wallet; there is no wallet named ${JSON.stringify(to)}`,
    );
  }
  return { key: decodeAddress(keystore.info(to).address), wallet: to };
}

export const accountModule: Module = {
  name: ACCOUNT_MODULE,
  kinds,
  accountControl: true,
  cli(program, ctx) {
    const key = program
      .command("key")
      .description(
        "the keys of an account: rotate the key that signs for it (the address stays); publish its memo key",
      );
    signedCommand(key, ctx, {
      name: "rotate",
      description:
        "make another key the account's authorising key: from then on only it signs for the address, which keeps everything it holds (the old key signs nothing any more, also not its pending transactions)",
      options: (c) =>
        c.requiredOption(
          "--to <wallet|address>",
          "the new key: a wallet name (it then signs for this account) or a key's address",
        ),
      build: (_args, o) => accountCalls.rotate({ key: newKeyArgument(o.to as string, new Keystore()).key }),
      show: async (r, _args, o) => {
        const keystore = new Keystore();
        const { key, wallet } = newKeyArgument(o.to as string, keystore);
        const account = accountOfSigner(o.from as string, keystore);
        // The new key's wallet learns which account it signs for now.
        if (r.status === "included" && wallet && account) keystore.setAccount(wallet, account);
        return {
          json: { account, authorisingKey: encodeAddress(key), ...(wallet ? { wallet } : {}) },
          human:
            r.status === "included"
              ? `${account} is now signed for by ${encodeAddress(key)}${wallet ? ` (wallet ${wallet}, which now signs for it)` : ""}; ${o.from} signs for it no more`
              : undefined,
        };
      },
    });
    signedCommand(key, ctx, {
      name: "memo",
      description:
        "publish the wallet's memo key (X25519, derived one way from its key), so that senders can encrypt memos to the account (send --memo)",
      async build(_args, o, api) {
        const { chainId } = await getStatus(new ApiClient(api));
        return accountCalls["memo-key"]({ key: (await walletMemoKey(o.from as string, chainId)).publicKey });
      },
      show: async (r) => {
        const tx = await getTx(new ApiClient(r.api), { hash: r.hash });
        const memoKey = (tx.payload as { key: string }).key;
        return {
          json: { account: tx.sender, memoKey },
          human:
            r.status === "included"
              ? `${tx.sender} publishes memo key ${memoKey}: senders can encrypt memos to it`
              : undefined,
        };
      },
    });
  },
};
