/**
 * The mempool: pending transactions waiting for a block, bounded in count and bytes.
 *
 * It is a pure data structure. The node decodes, verifies signatures and runs stateful checks
 * before calling `add`; the mempool only orders, bounds and prunes. Per sender it keeps a chain
 * of transactions sorted by nonce and refuses anything that would leave a nonce gap, so every
 * chain can execute in order from the sender's account nonce.
 *
 * Hashes and senders stay bytes; where a Map key is needed it is their latin1 string (a 1:1,
 * cheap mapping). Hex is for messages only.
 */
import { compareBytes, toHex } from "../bytes.js";
import type { Tx } from "../codec/schema.js";
import { TelchainError } from "../errors.js";
import { KeyedHeap } from "./keyed-heap.js";

export interface MempoolEntry {
  /** Transaction id. */
  hash: Uint8Array;
  tx: Tx;
  /** Canonical encoding of the transaction. */
  bytes: Uint8Array;
  size: number;
  /** Sender public key. */
  sender: Uint8Array;
  nonce: number;
  /** Total fee in base units. */
  fee: bigint;
  /** fee / size as a float; used for ordering only (replacement bumps are checked exactly). */
  feeRate: number;
  addedAt: number;
  /**
   * The key the signature was verified against on entry (the sender's authorising key then);
   * absent when it was not verified here (a transaction back from a disconnected block).
   */
  signer?: Uint8Array;
}

export interface MempoolLimits {
  maxTxs: number;
  maxBytes: number;
  maxPerSender: number;
  /** A replacement (same sender and nonce) must pay a fee rate at least this many percent higher. */
  replaceBumpPercent: number;
}

export interface AddResult {
  /** The entry with the same sender and nonce that this one replaced. */
  replaced?: MempoolEntry;
  /** Entries evicted to make room, lowest fee rate first. */
  evicted: MempoolEntry[];
}

export interface SelectOptions {
  maxBytes: number;
  maxTxs: number;
  /** Height of the block being built; transactions with 0 < expiry < height are skipped. */
  height: number;
  /** The sender's account nonce in the state the block builds on. */
  nonceOf: (sender: Uint8Array) => number;
}

/** Map key of a hash or sender: its bytes as a latin1 string. */
const keyOf = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString("latin1");

/** Builds a mempool entry from a decoded transaction and its canonical encoding. */
export function entryFromTx(tx: Tx, bytes: Uint8Array, hash: Uint8Array, now = Date.now()): MempoolEntry {
  const size = bytes.length;
  return {
    hash,
    tx,
    bytes,
    size,
    sender: tx.body.sender,
    nonce: tx.body.nonce,
    fee: tx.body.fee,
    feeRate: size > 0 ? Number(tx.body.fee) / size : 0,
    addedAt: now,
  };
}

/** Block-template order: highest fee rate, then oldest, then hash for determinism. */
function includeBefore(a: MempoolEntry, b: MempoolEntry): boolean {
  if (a.feeRate !== b.feeRate) return a.feeRate > b.feeRate;
  if (a.addedAt !== b.addedAt) return a.addedAt < b.addedAt;
  return compareBytes(a.hash, b.hash) < 0;
}

/** Eviction order: exactly the reverse of inclusion order. */
function evictBefore(a: MempoolEntry, b: MempoolEntry): boolean {
  return includeBefore(b, a);
}

function isExpired(entry: MempoolEntry, height: number): boolean {
  const expiry = entry.tx.body.expiry;
  return expiry !== 0 && expiry < height;
}

/** Index of the entry with this nonce in a nonce-sorted chain, or -1. */
function indexOfNonce(chain: MempoolEntry[], nonce: number): number {
  let lo = 0;
  let hi = chain.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const n = chain[mid].nonce;
    if (n === nonce) return mid;
    if (n < nonce) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class Mempool {
  /** Keyed by keyOf(hash). */
  private readonly byHash = new Map<string, MempoolEntry>();
  /** Each sender's entries sorted by ascending nonce; never empty. Keyed by keyOf(sender). */
  private readonly bySender = new Map<string, MempoolEntry[]>();
  /** Each sender's last (highest-nonce) entry, lowest fee rate on top: the eviction candidates. */
  private readonly tails = new KeyedHeap<string, MempoolEntry>(evictBefore);
  private totalBytes = 0;

  constructor(private readonly limits: MempoolLimits) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isFinite(value) || value < 0)
        throw new RangeError(`invalid mempool limit ${name}: ${value}`);
    }
  }

  add(entry: MempoolEntry, accountNonce: number): AddResult {
    const { nonce } = entry;
    const sender = keyOf(entry.sender);
    if (this.byHash.has(keyOf(entry.hash))) {
      throw new TelchainError(
        "MEMPOOL_DUPLICATE",
        `transaction ${toHex(entry.hash)} is already in the mempool`,
      );
    }
    if (nonce < accountNonce) {
      throw new TelchainError(
        "TX_NONCE_TOO_LOW",
        `nonce ${nonce} is below the account nonce ${accountNonce}`,
      );
    }
    const chain = this.bySender.get(sender) ?? [];
    const existingIndex = indexOfNonce(chain, nonce);
    const existing = existingIndex >= 0 ? chain[existingIndex] : undefined;
    if (existing) {
      this.checkReplacement(existing, entry);
    } else {
      const expected = this.nextNonce(sender, accountNonce);
      if (nonce !== expected) {
        throw new TelchainError(
          "MEMPOOL_NONCE_GAP",
          `nonce ${nonce} leaves a gap: the sender's next nonce is ${expected}`,
        );
      }
      // Entries below the account nonce are stale (awaiting prune) and do not count.
      const live = chain.filter((e) => e.nonce >= accountNonce).length;
      if (live >= this.limits.maxPerSender) {
        throw new TelchainError(
          "MEMPOOL_SENDER_LIMIT",
          `sender already has ${live} pending transactions (limit ${this.limits.maxPerSender})`,
        );
      }
    }
    if (entry.size > this.limits.maxBytes || this.limits.maxTxs < 1) {
      throw new TelchainError("MEMPOOL_FULL", `transaction of ${entry.size} bytes can never fit the mempool`);
    }

    if (existing) this.deleteEntry(existing);
    const evicted = this.makeRoom(entry, existing);
    this.insertEntry(entry);
    return existing ? { replaced: existing, evicted } : { evicted };
  }

  get(hash: Uint8Array): MempoolEntry | undefined {
    return this.byHash.get(keyOf(hash));
  }

  has(hash: Uint8Array): boolean {
    return this.byHash.has(keyOf(hash));
  }

  /** The nonce after the sender's gap-free chain of pending transactions starting at `accountNonce`. */
  pendingNonce(sender: Uint8Array, accountNonce: number): number {
    return this.nextNonce(keyOf(sender), accountNonce);
  }

  private nextNonce(sender: string, accountNonce: number): number {
    const chain = this.bySender.get(sender);
    if (!chain) return accountNonce;
    let next = accountNonce;
    for (let i = Math.max(0, indexOfNonce(chain, accountNonce)); i < chain.length; i++) {
      if (chain[i].nonce < next) continue;
      if (chain[i].nonce !== next) break;
      next++;
    }
    return next;
  }

  select(opts: SelectOptions): MempoolEntry[] {
    const selected: MempoolEntry[] = [];
    if (opts.maxTxs <= 0) return selected;
    // Each sender contributes its next executable entry; taking it exposes the following nonce.
    const heads = new KeyedHeap<string, { entry: MempoolEntry; index: number }>((a, b) =>
      includeBefore(a.entry, b.entry),
    );
    for (const [sender, chain] of this.bySender) {
      const index = indexOfNonce(chain, opts.nonceOf(chain[0].sender));
      if (index >= 0 && !isExpired(chain[index], opts.height))
        heads.set(sender, { entry: chain[index], index });
    }
    let bytes = 0;
    for (let top = heads.pop(); top; top = heads.pop()) {
      const [sender, { entry, index }] = top;
      // A tx that does not fit drops its sender (later nonces depend on it); smaller txs may still fit.
      if (bytes + entry.size > opts.maxBytes) continue;
      selected.push(entry);
      bytes += entry.size;
      if (selected.length >= opts.maxTxs) break;
      const chain = this.bySender.get(sender) as MempoolEntry[];
      const next = chain[index + 1];
      if (next && next.nonce === entry.nonce + 1 && !isExpired(next, opts.height)) {
        heads.set(sender, { entry: next, index: index + 1 });
      }
    }
    return selected;
  }

  /**
   * Drops entries whose nonce is below the sender's account nonce, expired ones, and those whose
   * signing key no longer authorises their sender (`authorised` false: the key was rotated). An
   * expired or unauthorised entry also takes the sender's later nonces with it, since they could
   * no longer execute.
   */
  prune(
    nonceOf: (sender: Uint8Array) => number,
    nextHeight: number,
    authorised: (entry: MempoolEntry) => boolean = () => true,
  ): MempoolEntry[] {
    const dropped: MempoolEntry[] = [];
    for (const [sender, chain] of [...this.bySender]) {
      const accountNonce = nonceOf(chain[0].sender);
      const keep: MempoolEntry[] = [];
      let broken = false;
      for (const entry of chain) {
        broken ||= isExpired(entry, nextHeight) || !authorised(entry);
        if (broken || entry.nonce < accountNonce) dropped.push(entry);
        else keep.push(entry);
      }
      if (keep.length !== chain.length) this.replaceChain(sender, chain, keep);
    }
    return dropped;
  }

  /** Removes the entry and the sender's later nonces (they would follow a gap); returns the entry. */
  remove(hash: Uint8Array): MempoolEntry | undefined {
    const entry = this.byHash.get(keyOf(hash));
    if (!entry) return undefined;
    const sender = keyOf(entry.sender);
    const chain = this.bySender.get(sender) as MempoolEntry[];
    this.replaceChain(
      sender,
      chain,
      chain.filter((e) => e.nonce < entry.nonce),
    );
    return entry;
  }

  size(): number {
    return this.byHash.size;
  }

  bytes(): number {
    return this.totalBytes;
  }

  entries(): IterableIterator<MempoolEntry> {
    return this.byHash.values();
  }

  private checkReplacement(existing: MempoolEntry, entry: MempoolEntry): void {
    // Exact check of new.fee/new.size >= old.fee/old.size × (1 + bump/100), in basis points.
    const bumpBasisPoints = BigInt(Math.round(this.limits.replaceBumpPercent * 100));
    const lhs = entry.fee * BigInt(existing.size) * 10_000n;
    const rhs = existing.fee * BigInt(entry.size) * (10_000n + bumpBasisPoints);
    if (lhs < rhs) {
      throw new TelchainError(
        "MEMPOOL_REPLACEMENT_UNDERPRICED",
        `replacing nonce ${entry.nonce} needs a fee rate at least ${this.limits.replaceBumpPercent}% above ${existing.feeRate}`,
      );
    }
  }

  /**
   * Evicts the lowest-fee-rate sender tails until `entry` fits. The entry's own sender is never a
   * victim (its tail precedes the entry). All-or-nothing: if the entry does not outbid every victim,
   * everything is restored (including `replaced`) and MEMPOOL_FULL is thrown.
   */
  private makeRoom(entry: MempoolEntry, replaced: MempoolEntry | undefined): MempoolEntry[] {
    const evicted: MempoolEntry[] = [];
    const fits = () =>
      this.byHash.size + 1 <= this.limits.maxTxs && this.totalBytes + entry.size <= this.limits.maxBytes;
    if (fits()) return evicted;
    const sender = keyOf(entry.sender);
    this.tails.delete(sender);
    try {
      while (!fits()) {
        const victim = this.tails.peek()?.[1];
        if (!victim || !(entry.feeRate > victim.feeRate)) {
          for (let i = evicted.length - 1; i >= 0; i--) this.insertEntry(evicted[i]);
          if (replaced) this.insertEntry(replaced);
          throw new TelchainError(
            "MEMPOOL_FULL",
            victim
              ? `mempool is full and fee rate ${entry.feeRate} does not beat the lowest evictable ${victim.feeRate}`
              : "mempool is full and nothing else can be evicted",
          );
        }
        this.deleteEntry(victim);
        evicted.push(victim);
      }
    } finally {
      this.syncTail(sender);
    }
    return evicted;
  }

  private insertEntry(entry: MempoolEntry): void {
    const sender = keyOf(entry.sender);
    let chain = this.bySender.get(sender);
    if (!chain) {
      chain = [];
      this.bySender.set(sender, chain);
    }
    let i = chain.length;
    while (i > 0 && chain[i - 1].nonce > entry.nonce) i--;
    chain.splice(i, 0, entry);
    this.byHash.set(keyOf(entry.hash), entry);
    this.totalBytes += entry.size;
    this.syncTail(sender);
  }

  private deleteEntry(entry: MempoolEntry): void {
    const sender = keyOf(entry.sender);
    const chain = this.bySender.get(sender) as MempoolEntry[];
    chain.splice(chain.indexOf(entry), 1);
    this.byHash.delete(keyOf(entry.hash));
    this.totalBytes -= entry.size;
    if (chain.length === 0) this.bySender.delete(sender);
    this.syncTail(sender);
  }

  /** Swaps a sender's chain for `keep` (a subset of it), forgetting the entries left out. */
  private replaceChain(sender: string, chain: MempoolEntry[], keep: MempoolEntry[]): void {
    const kept = new Set(keep);
    for (const entry of chain) {
      if (kept.has(entry)) continue;
      this.byHash.delete(keyOf(entry.hash));
      this.totalBytes -= entry.size;
    }
    if (keep.length === 0) this.bySender.delete(sender);
    else this.bySender.set(sender, keep);
    this.syncTail(sender);
  }

  private syncTail(sender: string): void {
    const chain = this.bySender.get(sender);
    if (chain && chain.length > 0) this.tails.set(sender, chain[chain.length - 1]);
    else this.tails.delete(sender);
  }
}
