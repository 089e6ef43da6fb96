/**
 * Figure `vouchers-import` (group `market`): voucher transfers per second through block import,
 * beside the coin-transfer import rate measured in the same run on the same shape of blocks.
 *
 * A producer chain registers a carrier, creates a class and issues units to every sender (setup
 * blocks, imported but not timed), then mines blocks full of `vouchers/transfer` transactions
 * (each sender pays another, as the coin workload does). A fresh node (new LMDB store, fresh
 * SigCache, a VerifyPool with one thread per core) imports them from bytes; only the importBlock
 * calls of the transfer blocks are timed. The reference is `runImport` of the coin workload of the
 * same size (bench/figures/import.ts): signatures verified the same way, so the ratio is what the
 * vouchers module's execution and state cost beside a coin transfer.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { toHex } from "../../src/bytes.js";
import { Chain } from "../../src/chain/chain.js";
import { TxSignatureVerifier } from "../../src/chain/signatures.js";
import { decodeBlock } from "../../src/codec/decode.js";
import { txHash } from "../../src/codec/hashing.js";
import { Block, type Tx } from "../../src/codec/schema.js";
import { SigCache } from "../../src/crypto/sig-cache.js";
import { VerifyPool } from "../../src/crypto/verify-pool.js";
import { calls, type ModuleCall } from "../../src/module/kind.js";
import { ModuleRegistry } from "../../src/module/registry.js";
import { allModules } from "../../src/modules/index.js";
import { vouchersCalls } from "../../src/modules/vouchers/index.js";
import { LmdbStore } from "../../src/storage/lmdb.js";
import { signedTx, TestChain, type TestKey } from "../../src/testing/chain-harness.js";
import { progress, secondsSince } from "../progress.js";
import { type Figure, figureAgainst, formatNumber } from "../report.js";
import { benchGenesis, benchKey, buildWorkload, type WorkloadSize } from "../workload.js";
import { runImport } from "./import.js";
import { signedItems } from "./verify-pool.js";

export interface VouchersImportOptions {
  quick: boolean;
}

interface VoucherWorkload {
  genesis: ReturnType<typeof benchGenesis>;
  /** Setup blocks (carrier, class, issues), then the transfer blocks, as bytes. */
  setup: Uint8Array[];
  transfers: Uint8Array[];
  txCount: number;
}

// biome-ignore lint/style/noNonNullAssertion: the module list has a carriers module
const carriers = calls("carriers", allModules().find((m) => m.name === "carriers")!.kinds) as Record<
  string,
  (p: unknown) => ModuleCall
>;

async function buildVoucherWorkload(size: WorkloadSize): Promise<VoucherWorkload> {
  progress(`vouchers-import: deriving ${size.senders} sender keys`);
  const senders = Array.from({ length: size.senders }, (_, i) => benchKey(i));
  const operator = benchKey(size.senders);
  const genesis = benchGenesis([...senders, operator], Math.max(size.txsPerBlock, 2));
  const producer = TestChain.create(genesis);
  const nonces = new Map<TestKey, number>();
  const sign = (key: TestKey, call: ModuleCall): Tx => {
    const nonce = nonces.get(key) ?? 0;
    nonces.set(key, nonce + 1);
    const tx = signedTx(key, nonce, call.module, call.kind, call.payload);
    producer.chain.signatures.cache.add(toHex(txHash(tx)));
    return tx;
  };
  const mineBlock = async (txs: Tx[]) => {
    const block = await producer.extend(txs);
    if (block.txs.length !== txs.length)
      throw new Error(`a block holds ${block.txs.length} of ${txs.length} txs`);
    return Block.serialize(block);
  };
  try {
    const setup: Uint8Array[] = [];
    setup.push(
      await mineBlock([
        sign(
          operator,
          carriers.register({ id: "BENCH", name: "Bench Mobile", routingPrefixes: ["1555"], sipIngress: [] }),
        ),
      ]),
    );
    setup.push(
      await mineBlock([
        sign(
          operator,
          vouchersCalls["class-create"]({
            unit: 2,
            name: "bench data",
            description: "",
            expiry: 1_000_000,
            transferable: true,
            cap: [],
          }),
        ),
      ]),
    );
    for (let i = 0; i < senders.length; i += size.txsPerBlock) {
      progress(
        `vouchers-import: issuing to senders ${i + 1}..${Math.min(senders.length, i + size.txsPerBlock)}`,
      );
      const batch = senders.slice(i, i + size.txsPerBlock);
      setup.push(
        await mineBlock(
          batch.map((s) =>
            sign(operator, vouchersCalls.issue({ classId: 1, to: s.pub, amount: 1_000_000n })),
          ),
        ),
      );
    }
    const transfers: Uint8Array[] = [];
    let next = 0;
    for (let b = 0; b < size.blocks; b++) {
      progress(
        `vouchers-import: signing and mining block ${b + 1}/${size.blocks} (${size.txsPerBlock} voucher transfers)`,
      );
      const txs: Tx[] = [];
      for (let t = 0; t < size.txsPerBlock; t++) {
        const from = next++ % size.senders;
        const to = senders[(from + 1 + b) % size.senders].pub;
        txs.push(sign(senders[from], vouchersCalls.transfer({ classId: 1, to, amount: 1n })));
      }
      transfers.push(await mineBlock(txs));
    }
    return { genesis, setup, transfers, txCount: size.blocks * size.txsPerBlock };
  } finally {
    await producer.close();
  }
}

/** Imports the setup blocks untimed, then the transfer blocks timed; returns transfers per second. */
async function importVouchers(work: VoucherWorkload): Promise<{ seconds: number; txPerSecond: number }> {
  const dir = mkdtempSync(join(tmpdir(), "telchain-bench-vouchers-"));
  const store = new LmdbStore(dir, { mapSize: 4 * 1024 ** 3 });
  const pool = new VerifyPool(availableParallelism());
  try {
    const chain = Chain.open({
      store,
      genesis: work.genesis,
      modules: new ModuleRegistry(allModules()),
      signatures: new TxSignatureVerifier(
        work.genesis.chainId,
        pool,
        new SigCache(Math.max(200_000, work.txCount * 2)),
      ),
    });
    await pool.verifyBatch(signedItems(64)); // a running node's workers are already up
    for (const bytes of work.setup) {
      const res = await chain.importBlock(decodeBlock(bytes), bytes);
      if (res.status !== "head") throw new Error(`vouchers-import: a setup block imported as ${res.status}`);
    }
    let seconds = 0;
    for (let i = 0; i < work.transfers.length; i++) {
      const bytes = work.transfers[i];
      const block = decodeBlock(bytes);
      const start = performance.now();
      const res = await chain.importBlock(block, bytes);
      seconds += secondsSince(start);
      if (res.status !== "head") throw new Error(`vouchers-import: block ${i + 1} imported as ${res.status}`);
      progress(`vouchers-import: imported ${i + 1}/${work.transfers.length} transfer blocks`);
    }
    return { seconds, txPerSecond: work.txCount / seconds };
  } finally {
    await pool.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function vouchersImportFigures(
  opts: VouchersImportOptions,
  sizeOverride?: WorkloadSize,
): Promise<Figure[]> {
  const size =
    sizeOverride ??
    (opts.quick
      ? { blocks: 2, txsPerBlock: 500, senders: 500 }
      : { blocks: 10, txsPerBlock: 2_000, senders: 2_000 });
  const shape = `${size.blocks} blocks x ${size.txsPerBlock}`;
  const vouchers = await importVouchers(await buildVoucherWorkload(size));
  progress(`vouchers-import: ${formatNumber(vouchers.txPerSecond)} transfers/s`);
  progress("vouchers-import: reference: coin transfers of the same shape");
  const coin = await runImport(await buildWorkload(size), "vouchers-import reference", false);
  return [
    figureAgainst(
      "vouchers-import",
      vouchers.txPerSecond,
      "tx/s",
      {
        name: "coin-transfer import",
        value: coin.txPerSecond,
        unit: "tx/s",
        notes: `${shape} coin transfers in ${coin.seconds.toFixed(2)} s`,
      },
      `${shape} vouchers/transfer (${vouchers.seconds.toFixed(2)} s), signatures verified in the pool`,
    ),
  ];
}
