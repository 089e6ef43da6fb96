/**
 * Signature checks of transactions, in the worker pool, skipping transactions already
 * verified (when they entered the mempool, or in an earlier block on a side branch).
 */
import { toHex } from "../bytes.js";
import { bodyOfTxBytes } from "../codec/decode.js";
import { txSigningDigestOfBody } from "../codec/hashing.js";
import type { Tx } from "../codec/schema.js";
import type { SigCache } from "../crypto/sig-cache.js";
import type { VerifyPool } from "../crypto/verify-pool.js";
import { TelchainError } from "../errors.js";

export class TxSignatureVerifier {
  constructor(
    private readonly chainId: string,
    private readonly pool: VerifyPool,
    readonly cache: SigCache,
  ) {}

  /** Index of the first transaction whose signature is invalid, or -1. Valid ones are cached. */
  async firstInvalid(txs: { tx: Tx; bytes: Uint8Array; hash: Uint8Array }[]): Promise<number> {
    const todo: number[] = [];
    const keys: string[] = [];
    for (let i = 0; i < txs.length; i++) {
      const key = toHex(txs[i].hash);
      keys.push(key);
      if (!this.cache.has(key)) todo.push(i);
    }
    if (todo.length === 0) return -1;
    const results = await this.pool.verifyBatch(
      todo.map((i) => ({
        pub: txs[i].tx.body.sender,
        msg: txSigningDigestOfBody(this.chainId, bodyOfTxBytes(txs[i].bytes)),
        sig: txs[i].tx.signature,
      })),
    );
    let bad = -1;
    for (let j = 0; j < todo.length; j++) {
      if (results[j]) this.cache.add(keys[todo[j]]);
      else if (bad === -1) bad = todo[j];
    }
    return bad;
  }

  /** Resolves when every signature of a block's transactions is valid; else BLOCK_BAD_SIGNATURE for the first bad one. */
  async checkBlock(txs: { tx: Tx; bytes: Uint8Array; hash: Uint8Array }[]): Promise<void> {
    const bad = await this.firstInvalid(txs);
    if (bad >= 0) {
      throw new TelchainError(
        "BLOCK_BAD_SIGNATURE",
        `tx ${bad} (${toHex(txs[bad].hash)}) has an invalid signature`,
      );
    }
  }
}
