/**
 * Block rules that need no state: version, size, proof of work (the header's, checked first),
 * then transaction count, each transaction's stateless checks and the transaction root. A
 * block failing these is never stored.
 */

import { equalBytes, toHex } from "../bytes.js";
import { txHashOfBytes } from "../codec/hashing.js";
import type { Block, Header } from "../codec/schema.js";
import { isTelchainError, TelchainError } from "../errors.js";
import type { ModuleRegistry } from "../module/registry.js";
import { type CheckedTx, checkTxStateless } from "./execute.js";
import { merkleRoot } from "./merkle.js";
import type { ChainParams } from "./params.js";
import { checkProofOfWork } from "./pow.js";

export const BLOCK_VERSION = 1;

/** Re-throws a transaction's refusal with its position, keeping the rule's code. */
export function txError(e: unknown, index: number, hash: Uint8Array): never {
  if (isTelchainError(e))
    throw new TelchainError(e.code, `tx ${index} (${toHex(hash)}): ${e.message}`, e.details);
  throw e;
}

/**
 * The rules a block's header and encoded size settle, before any transaction is looked at:
 * version, size, proof of work. Cheap (one hash compare), so they run first.
 */
export function checkBlockHeader(h: Header, hash: Uint8Array, size: number, params: ChainParams): void {
  if (h.version !== BLOCK_VERSION) {
    throw new TelchainError("BLOCK_BAD_VERSION", `block version ${h.version}, expected ${BLOCK_VERSION}`);
  }
  if (size > params.maxBlockBytes) {
    throw new TelchainError("BLOCK_OVERSIZE", `block is ${size} bytes, limit ${params.maxBlockBytes}`);
  }
  if (!checkProofOfWork(hash, h.bits)) {
    throw new TelchainError(
      "BLOCK_BAD_POW",
      `block hash ${toHex(hash)} does not meet its target bits 0x${h.bits.toString(16)}`,
    );
  }
}

/**
 * The rules on a block's transactions that need no state: their count, no duplicate, each
 * transaction's stateless checks and the tx root. `txBytes` are the transactions' encodings
 * (slices of the block's bytes when the block came encoded).
 */
export function checkBlockTxs(
  block: Block,
  txBytes: Uint8Array[],
  params: ChainParams,
  modules: ModuleRegistry,
  /** The transactions' hashes (txHashOfBytes of txBytes) when the caller made them already. */
  txHashes?: readonly Uint8Array[],
): CheckedTx[] {
  const h = block.header;
  if (block.txs.length > params.maxBlockTxs) {
    throw new TelchainError(
      "BLOCK_TOO_MANY_TXS",
      `block has ${block.txs.length} txs, limit ${params.maxBlockTxs}`,
    );
  }
  const checked: CheckedTx[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < block.txs.length; i++) {
    const bytes = txBytes[i];
    const txh = txHashes ? txHashes[i] : txHashOfBytes(bytes);
    const key = Buffer.from(txh.buffer, txh.byteOffset, txh.length).toString("latin1");
    if (seen.has(key)) throw new TelchainError("BLOCK_DUPLICATE_TX", `tx ${i} (${toHex(txh)}) appears twice`);
    seen.add(key);
    try {
      checked.push(checkTxStateless(block.txs[i], bytes, txh, params, modules));
    } catch (e) {
      txError(e, i, txh);
    }
  }
  const root = merkleRoot(checked.map((c) => c.hash));
  if (!equalBytes(root, h.txRoot)) {
    throw new TelchainError(
      "BLOCK_BAD_TX_ROOT",
      `tx root ${toHex(h.txRoot)} does not match the transactions (${toHex(root)})`,
    );
  }
  return checked;
}

/** Both of the above: every rule that needs no state (`size` is the block's encoded size). */
export function validateBlockStateless(
  block: Block,
  hash: Uint8Array,
  size: number,
  txBytes: Uint8Array[],
  params: ChainParams,
  modules: ModuleRegistry,
): CheckedTx[] {
  checkBlockHeader(block.header, hash, size, params);
  return checkBlockTxs(block, txBytes, params, modules);
}
