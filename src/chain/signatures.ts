/**
 * Signature checks of transactions in the worker pool, each against the key the caller expects
 * to authorise its sender (CheckedTx.signer: the sender's authorising key in the head state),
 * skipping (transaction, key) pairs already verified — on entry to the mempool, or in an earlier
 * block on a side branch. Whether that key is still the one in force where the transaction
 * applies is execution's business (applyTx), which verifies again itself when it is not.
 */
import { toHex } from "../bytes.js";
import { bodyOfTxBytes } from "../codec/decode.js";
import { txSigningDigestPrefix } from "../codec/hashing.js";
import type { Tx } from "../codec/schema.js";
import { type SigCache, sigCacheKey } from "../crypto/sig-cache.js";
import type { VerifyPool } from "../crypto/verify-pool.js";
import { TelchainError } from "../errors.js";

export interface SignedTx {
  tx: Tx;
  bytes: Uint8Array;
  hash: Uint8Array;
  /** The key to verify against; the sender's own key when absent. */
  signer?: Uint8Array;
  signatureCheck?: "outside" | "here";
}

export class TxSignatureVerifier {
  private readonly digestPrefix: Uint8Array;

  constructor(
    chainId: string,
    private readonly pool: VerifyPool,
    readonly cache: SigCache,
  ) {
    this.digestPrefix = txSigningDigestPrefix(chainId);
  }

  /** Indexes (ascending) of the transactions whose signature does not verify under their signer. Valid ones are cached. */
  async failures(txs: SignedTx[]): Promise<number[]> {
    const todo: number[] = [];
    const keys: string[] = [];
    for (let i = 0; i < txs.length; i++) {
      const key = sigCacheKey(txs[i].hash, txs[i].signer ?? txs[i].tx.body.sender);
      keys.push(key);
      if (!this.cache.has(key)) todo.push(i);
    }
    if (todo.length === 0) return [];
    // The workers hash each body into its signing digest (SHA-256(prefix || body)): this thread
    // only hands over the bodies, so verification starts sooner and runs beside execution.
    const results = await this.pool.verifyBatch(
      todo.map((i) => ({
        pub: txs[i].signer ?? txs[i].tx.body.sender,
        msg: bodyOfTxBytes(txs[i].bytes),
        sig: txs[i].tx.signature,
      })),
      this.digestPrefix,
    );
    const bad: number[] = [];
    for (let j = 0; j < todo.length; j++) {
      if (results[j]) this.cache.add(keys[todo[j]]);
      else bad.push(todo[j]);
    }
    return bad;
  }

  /** Index of the first transaction whose signature is invalid, or -1. */
  async firstInvalid(txs: SignedTx[]): Promise<number> {
    const bad = await this.failures(txs);
    return bad.length > 0 ? bad[0] : -1;
  }
}

/**
 * After a block executed: BLOCK_BAD_SIGNATURE for the first transaction whose outside check
 * failed and that execution did not verify itself (against a key rotated in the meantime).
 * A transaction execution never reached counts as relying on the outside check.
 */
export function throwOnBadSignature(txs: SignedTx[], failures: number[]): void {
  const bad = failures.find((i) => txs[i].signatureCheck !== "here");
  if (bad !== undefined) {
    throw new TelchainError(
      "BLOCK_BAD_SIGNATURE",
      `tx ${bad} (${toHex(txs[bad].hash)}) has an invalid signature`,
    );
  }
}
