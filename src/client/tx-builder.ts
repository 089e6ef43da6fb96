/**
 * Builds and signs transactions, and submits module calls for the CLI
 * (the implementation of CliContext.submit).
 */

import type { AccountView } from "../api/schemas.js";
import { toHex } from "../bytes.js";
import { txHash, txSigningDigest } from "../codec/hashing.js";
import { Tx, type TxBody } from "../codec/schema.js";
import { decodeAddress, encodeAddress } from "../crypto/address.js";
import { sign } from "../crypto/ed25519.js";
import { utf8 } from "../crypto/hash.js";
import { TelchainError } from "../errors.js";
import type { SubmitCallInput, SubmitCallResult } from "../module/interface.js";
import { getAccount } from "./actions/accounts.js";
import { getStatus } from "./actions/chain.js";
import { getTx, submitTx } from "./actions/txs.js";
import { ApiClient } from "./api-client.js";
import { resolveSigner, type Signer, type SignerOptions } from "./signer.js";

const MAX_UINT64 = (1n << 64n) - 1n;
const ZERO_SIGNATURE = new Uint8Array(64);

export interface BuildTxInput {
  chainId: string;
  seed32: Uint8Array;
  publicKey: Uint8Array;
  /** The sending address when the key signs for another account (after a rotation); default its own. */
  sender?: Uint8Array;
  nonce: number;
  feePerByte: bigint;
  module: string;
  kind: string;
  payload: Uint8Array;
  /** Last height at which the transaction may be included; 0 = never expires. */
  expiry?: number;
}

export interface BuiltTx {
  tx: Tx;
  bytes: Uint8Array;
  /** Transaction id, hex. */
  hash: string;
}

/**
 * Builds a transaction paying feePerByte × its encoded size, and signs it for `chainId`.
 * The fee is a fixed-width uint64, so the size does not depend on the fee's value: one
 * encoding with a zero fee gives the size.
 */
export function buildAndSign(input: BuildTxInput): BuiltTx {
  const body: TxBody = {
    sender: input.sender ?? input.publicKey,
    nonce: input.nonce,
    fee: 0n,
    expiry: input.expiry ?? 0,
    module: utf8(input.module),
    kind: utf8(input.kind),
    payload: input.payload,
  };
  const size = Tx.serialize({ body, signature: ZERO_SIGNATURE }).length;
  const fee = input.feePerByte * BigInt(size);
  if (input.feePerByte < 0n || fee > MAX_UINT64) {
    throw new TelchainError(
      "TX_BAD_FEE",
      `fee of ${input.feePerByte} per byte × ${size} bytes is out of range`,
    );
  }
  body.fee = fee;
  const tx: Tx = { body, signature: sign(input.seed32, txSigningDigest(input.chainId, body)) };
  return { tx, bytes: Tx.serialize(tx), hash: toHex(txHash(tx)) };
}

export type { SubmitCallInput, SubmitCallResult } from "../module/interface.js";

export interface SubmitCallOptions extends SignerOptions {
  /** How long to wait for inclusion (default 120 s). */
  timeoutMs?: number;
  /** Time between polls (default 1 s). */
  pollMs?: number;
  /** Where progress dots go; default: stderr, only when it is a terminal. */
  progress?: { write(s: string): unknown } | null;
}

/** Signs a module call as `from`, submits it and, when `wait` is set, waits until it is in a block. */
export async function submitCall(
  input: SubmitCallInput,
  opts: SubmitCallOptions = {},
): Promise<SubmitCallResult> {
  const api = new ApiClient(input.apiUrl);
  const status = await getStatus(api);
  const signer = await resolveSigner(input.from, status.chainId, opts);
  const address = signer.account ?? encodeAddress(signer.publicKey);
  const account = await getAccount(api, { address });
  checkAuthorises(signer, account);
  const built = buildAndSign({
    chainId: status.chainId,
    seed32: signer.seed32,
    publicKey: signer.publicKey,
    sender: decodeAddress(address),
    nonce: account.pendingNonce,
    feePerByte: BigInt(status.minFeePerByte),
    module: input.module,
    kind: input.kind,
    payload: input.payload,
  });
  signer.seed32.fill(0);
  const { hash } = await submitTx(api, { tx: toHex(built.bytes) });
  if (!input.wait) return { hash, status: "pending" };
  return waitForInclusion(api, hash, opts);
}

/**
 * Refuses, before signing, a key that the node says does not sign for the account: rotated
 * away (by the owner or a guardian recovery), or never made its authorising key. Says which
 * key does and how to sign with it, instead of a bare bad-signature refusal.
 */
function checkAuthorises(signer: Signer, account: AccountView): void {
  const key = encodeAddress(signer.publicKey);
  if (account.authorisingKey === key) return;
  if (signer.account === undefined) {
    throw new TelchainError(
      "SIGNER_KEY_ROTATED",
      `wallet ${signer.name}'s key no longer signs for its account ${account.address}: the account's authorising key is now ${account.authorisingKey} (rotated). Sign with the wallet that holds that key (\`telchain wallet set-account NAME ${account.address}\` makes it sign for this account).`,
    );
  }
  throw new TelchainError(
    "SIGNER_KEY_ROTATED",
    `wallet ${signer.name} (key ${key}) does not sign for ${account.address}: the account's authorising key is ${account.authorisingKey}${account.rotated ? " (rotated since)" : ""}`,
  );
}

async function waitForInclusion(
  api: ApiClient,
  hash: string,
  opts: SubmitCallOptions,
): Promise<SubmitCallResult> {
  const timeoutMs = opts.timeoutMs ?? 120_000;
  const pollMs = opts.pollMs ?? 1_000;
  const progress =
    opts.progress === undefined ? (process.stderr.isTTY ? process.stderr : null) : opts.progress;
  const deadline = Date.now() + timeoutMs;
  let last = "pending";
  let dots = 0;
  try {
    for (;;) {
      try {
        const tx = await getTx(api, { hash });
        last = tx.status;
        if (tx.status === "included") return { hash, status: tx.status, height: tx.height };
      } catch (e) {
        // Briefly unknown (e.g. a reorg put it back in flight): keep waiting until the deadline.
        if (!(e instanceof TelchainError) || e.code !== "NOT_FOUND") throw e;
        last = "unknown";
      }
      if (Date.now() + pollMs > deadline) break;
      progress?.write(".");
      dots++;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    if (dots > 0) progress?.write("\n");
  }
  throw new TelchainError(
    "TX_WAIT_TIMEOUT",
    `transaction ${hash} was not included within ${Math.round(timeoutMs / 1000)} s (last status: ${last})`,
  );
}
