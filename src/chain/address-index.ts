/**
 * The node-local index of each address's transactions (bucket `addrtx`), newest first:
 *
 *   key   = address (32) ‖ u64be(2^64 − 1 − height) ‖ u32be(2^32 − 1 − index in block)
 *   value = role (1) ‖ tx hash (32)
 *
 * so a scan of an address's prefix lists its transactions from the newest. The role is
 * ROLE_SENT for the sender, ROLE_RECEIVED for a party the kind names (TxKind.parties) and
 * ROLE_SELF for a sender that is also a party. The entries of a block are written with it
 * (ChainStore.commitSwitch) and deleted when a reorg disconnects it; a datadir made before the
 * index existed is indexed once when the chain opens (rebuildAddressIndex).
 */
import { concatBytes } from "../bytes.js";
import { txSlicesOfBlock } from "../codec/decode.js";
import { txHashOfBytes } from "../codec/hashing.js";
import { Block } from "../codec/schema.js";
import type { ModuleRegistry } from "../module/registry.js";
import type { ChainStore } from "./chain-store.js";
import { type CheckedTx, parseCall } from "./execute.js";

export const ROLE_SENT = 1;
export const ROLE_RECEIVED = 2;
export const ROLE_SELF = 3; // ROLE_SENT | ROLE_RECEIVED

export interface AddressIndexEntry {
  key: Uint8Array;
  value: Uint8Array;
}

/** What the index needs of a transaction: its sender (in `tx`), hash, kind and parsed arguments. */
export type IndexedTx = Pick<CheckedTx, "tx" | "hash" | "kind" | "args">;

const MAX_U64 = (1n << 64n) - 1n;
const MAX_U32 = 0xffff_ffff;
/** Bytes of a key after the address: the inverted height and index. */
export const POSITION_BYTES = 12;

export function addressTxKey(address: Uint8Array, height: number, index: number): Uint8Array {
  const key = new Uint8Array(32 + POSITION_BYTES);
  key.set(address);
  const view = new DataView(key.buffer);
  view.setBigUint64(32, MAX_U64 - BigInt(height));
  view.setUint32(40, MAX_U32 - index);
  return key;
}

/** Height and index in block of a key's position (the key without its address). */
export function positionOf(rest: Uint8Array): { height: number; index: number } {
  const view = new DataView(rest.buffer, rest.byteOffset, rest.byteLength);
  return { height: Number(MAX_U64 - view.getBigUint64(0)), index: MAX_U32 - view.getUint32(8) };
}

/** The index entries of the transactions of the block at `height`, in block order. */
export function addressIndexEntries(height: number, txs: readonly IndexedTx[]): AddressIndexEntry[] {
  const out: AddressIndexEntry[] = [];
  txs.forEach((t, index) => {
    const sender = t.tx.body.sender;
    const roles = new Map<string, { address: Uint8Array; role: number }>();
    const add = (address: Uint8Array, role: number) => {
      const id = Buffer.from(address).toString("latin1");
      const had = roles.get(id);
      roles.set(id, { address, role: (had?.role ?? 0) | role });
    };
    add(sender, ROLE_SENT);
    for (const p of t.kind.parties?.(t.args) ?? []) add(p, ROLE_RECEIVED);
    for (const { address, role } of roles.values())
      out.push({
        key: addressTxKey(address, height, index),
        value: concatBytes(Uint8Array.of(role), t.hash),
      });
  });
  return out;
}

/**
 * The index entries of a stored, already valid block (to disconnect it, or to index an old
 * datadir): its payloads parsed again through the module registry, without the checks that
 * already passed.
 */
export function storedBlockIndex(
  block: Block,
  hashes: readonly Uint8Array[],
  modules: ModuleRegistry,
): AddressIndexEntry[] {
  return addressIndexEntries(
    block.header.height,
    block.txs.map((tx, i) => ({ tx, hash: hashes[i], ...parseCall(tx, modules) })),
  );
}

/** Blocks indexed per write when an old datadir is indexed. */
const REBUILD_BATCH = 1000;

/**
 * Indexes the main chain from block 1 to `head`, `batch` blocks per write, and marks the index
 * complete in the last write. Crash-safe: until that mark a restart indexes again from the
 * start, writing the same keys. `progress` is told after each write.
 */
export function rebuildAddressIndex(
  store: ChainStore,
  modules: ModuleRegistry,
  head: number,
  progress?: (done: number, total: number) => void,
  batch = REBUILD_BATCH,
): void {
  for (let from = 1; ; from += batch) {
    const to = Math.min(head, from + batch - 1);
    const entries: AddressIndexEntry[] = [];
    for (let height = from; height <= to; height++) {
      const bytes = store.mainBlockBytes(height);
      const block = Block.deserialize(bytes);
      const hashes = txSlicesOfBlock(bytes, block.txs.length).map(txHashOfBytes);
      for (const e of storedBlockIndex(block, hashes, modules)) entries.push(e);
    }
    store.writeAddressIndex(entries, to >= head);
    if (head > 0) progress?.(to, head);
    if (to >= head) return;
  }
}
