/** What the enum commands share: the node's status, the owner behind --from, progress lines. */
import { decodeAddress, isAddress } from "../../../crypto/address.js";
import { Keystore } from "../../../crypto/keystore.js";
import { DEV_ACCOUNT_COUNT, devAccount } from "../../../crypto/mnemonic.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import type { NodeStatus } from "../../../node/types.js";

export const DEV_CHAIN_ID = "telchain-dev";

/** The options every enum command reads from the root program. */
export interface Globals {
  api: string;
  json: boolean;
}

export function globalsOf(cmd: { optsWithGlobals(): Record<string, unknown> }): Globals {
  const g = cmd.optsWithGlobals() as { api: string; json?: boolean };
  return { api: g.api, json: g.json === true };
}

/** Progress lines on stderr in human mode; nothing with --json (stdout stays one object). */
export type Progress = (line: string) => void;
export function progressFor(g: Globals): Progress {
  return g.json ? () => {} : (line) => process.stderr.write(`${line}\n`);
}

export function nodeStatus(ctx: CliContext, api: string): Promise<NodeStatus> {
  return ctx.get(api, "/v1/status") as Promise<NodeStatus>;
}

/**
 * The address that --from signs as, found without unlocking anything (the passphrase is
 * asked once per transaction by ctx.submit): dev0..dev9 on the dev chain, else a wallet.
 */
export function ownerOf(from: string, chainId: string): { address: string; publicKey: Uint8Array } {
  const dev = /^dev([0-9]+)$/.exec(from);
  if (dev && Number(dev[1]) < DEV_ACCOUNT_COUNT) {
    if (chainId !== DEV_CHAIN_ID)
      throw new TelchainError(
        "SIGNER_DEV_ACCOUNT",
        `${from} is a development account: dev accounts exist only on the dev chain (${DEV_CHAIN_ID}), this node runs ${chainId}`,
      );
    const a = devAccount(Number(dev[1]));
    return { address: a.address, publicKey: a.publicKey };
  }
  if (isAddress(from))
    throw new TelchainError(
      "SIGNER_NEEDS_KEY",
      "--from needs a wallet name, not an address: signing needs the key (see `telchain wallet list`)",
    );
  const { address } = new Keystore().info(from);
  return { address, publicKey: decodeAddress(address) };
}

/** Polls /v1/status until the head reaches `height`. */
export async function waitForHeight(
  ctx: CliContext,
  api: string,
  height: number,
  opts: { pollMs?: number; timeoutMs?: number } = {},
): Promise<number> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10 * 60_000);
  for (;;) {
    const status = await nodeStatus(ctx, api);
    if (status.height >= height) return status.height;
    if (Date.now() > deadline)
      throw new TelchainError(
        "ENUM_WAIT_TIMEOUT",
        `the chain did not reach height ${height} in time (head ${status.height}): is the node mining or synced?`,
      );
    await new Promise((r) => setTimeout(r, opts.pollMs ?? 500));
  }
}

/** The number in an API path: its digits ("+" is easily mangled in URLs; the route accepts both). */
export function numberPath(digits: string): string {
  return `/v1/enum/${digits}`;
}
