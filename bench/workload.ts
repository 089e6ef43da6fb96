/**
 * The import workload: a genesis with many funded senders and a run of blocks full of signed
 * coin transfers, built and mined by a producer TestChain (each block imported there so the
 * next one builds on it). Blocks are handed over as bytes, as a peer would send them.
 */

import { toHex, u64be } from "../src/bytes.js";
import type { GenesisConfig } from "../src/chain/genesis.js";
import { txHash } from "../src/codec/hashing.js";
import { Block, type Tx } from "../src/codec/schema.js";
import { publicKeyFromSeed } from "../src/crypto/ed25519.js";
import { sha256, utf8 } from "../src/crypto/hash.js";
import { sigCacheKey } from "../src/crypto/sig-cache.js";
import { TestChain, type TestKey, testGenesis, transferTx } from "../src/testing/chain-harness.js";
import { progress } from "./progress.js";

export interface WorkloadSize {
  blocks: number;
  txsPerBlock: number;
  /** Funded senders; each sends at most ceil(blocks * txsPerBlock / senders) transfers. */
  senders: number;
}

export interface Workload {
  genesis: GenesisConfig;
  /** Serialized blocks at heights 1..n, in order. */
  blockBytes: Uint8Array[];
  txCount: number;
  /** Hex hashes of every transaction. */
  txHashes: string[];
  /** SigCache keys (transaction, sender's key) of every transaction: a SigCache holding them skips every signature. */
  sigCacheKeys: string[];
}

export function benchKey(i: number): TestKey {
  const seed = sha256(utf8("telchain/bench/sender"), u64be(i));
  return { seed, pub: publicKeyFromSeed(seed) };
}

export function benchGenesis(senders: TestKey[], txsPerBlock: number): GenesisConfig {
  const g = testGenesis({ maxBlockTxs: txsPerBlock, maxBlockBytes: txsPerBlock * 256 + 4096 });
  return { ...g, alloc: senders.map((k) => ({ address: k.pub, balance: 1_000_000_000n })) };
}

export async function buildWorkload(size: WorkloadSize): Promise<Workload> {
  progress(`workload: deriving ${size.senders} sender keys`);
  const senders = Array.from({ length: size.senders }, (_, i) => benchKey(i));
  const nonces = new Array<number>(size.senders).fill(0);
  const genesis = benchGenesis(senders, size.txsPerBlock);
  const producer = TestChain.create(genesis);
  const blockBytes: Uint8Array[] = [];
  const txHashes: string[] = [];
  const sigCacheKeys: string[] = [];
  try {
    let next = 0;
    for (let b = 0; b < size.blocks; b++) {
      progress(`workload: signing and mining block ${b + 1}/${size.blocks} (${size.txsPerBlock} transfers)`);
      const txs: Tx[] = [];
      for (let t = 0; t < size.txsPerBlock; t++) {
        const from = next++ % size.senders;
        // Pay another funded account, so every transfer touches two existing accounts.
        const to = senders[(from + 1 + b) % size.senders].pub;
        txs.push(transferTx(senders[from], nonces[from]++, to, 1n));
      }
      const raw = txs.map((tx) => txHash(tx));
      const hashes = raw.map((h) => toHex(h));
      const keys = raw.map((h, i) => sigCacheKey(h, txs[i].body.sender));
      // The producer made these transactions itself: no need to verify them on its import.
      for (const k of keys) producer.chain.signatures.cache.add(k);
      const block = await producer.extend(txs);
      if (block.txs.length !== txs.length) throw new Error(`block ${b + 1} holds ${block.txs.length} txs`);
      blockBytes.push(Block.serialize(block));
      txHashes.push(...hashes);
      sigCacheKeys.push(...keys);
    }
  } finally {
    await producer.close();
  }
  return { genesis, blockBytes, txCount: txHashes.length, txHashes, sigCacheKeys };
}
