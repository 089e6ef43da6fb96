import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../bytes.js";
import { Tx } from "../codec/schema.js";
import { sha256, utf8 } from "../crypto/hash.js";
import { entryFromTx, Mempool, type MempoolEntry, type MempoolLimits } from "./mempool.js";

interface TxSpec {
  sender: number;
  nonce: number;
  fee: bigint;
  expiry?: number;
  payload?: number;
  /** Varies the hash of otherwise identical transactions. */
  salt?: number;
}

function makeEntry(spec: TxSpec, now = 1): MempoolEntry {
  const tx: Tx = {
    body: {
      sender: new Uint8Array(32).fill(spec.sender),
      nonce: spec.nonce,
      fee: spec.fee,
      expiry: spec.expiry ?? 0,
      module: utf8("coin"),
      kind: utf8("transfer"),
      payload: new Uint8Array(spec.payload ?? 20),
    },
    signature: new Uint8Array(64).fill(spec.salt ?? 0),
  };
  const bytes = Tx.serialize(tx);
  return entryFromTx(tx, bytes, sha256(bytes), now);
}

/** Encoded size of a transaction with the default payload, so fees can be written per byte. */
const SIZE = makeEntry({ sender: 1, nonce: 0, fee: 0n }).size;
const senderKey = (n: number) => new Uint8Array(32).fill(n);
const senderNumber = (sender: Uint8Array) => sender[0];
/** An entry whose fee rate is exactly `rate` per byte (default size). */
const atRate = (sender: number, nonce: number, rate: number, extra: Partial<TxSpec> = {}) =>
  makeEntry({ sender, nonce, fee: BigInt(Math.round(rate * SIZE)), ...extra });

const roomy: MempoolLimits = { maxTxs: 1000, maxBytes: 1_000_000, maxPerSender: 16, replaceBumpPercent: 10 };
const selectAll = { maxBytes: 1_000_000, maxTxs: 1000, height: 1, nonceOf: () => 0 };
const hashes = (entries: Iterable<MempoolEntry>) => [...entries].map((e) => toHex(e.hash));

function assertCode(fn: () => unknown, code: string) {
  assert.throws(fn, (e: unknown) => (e as { code?: string }).code === code);
}

test("entryFromTx derives sender, nonce, fee, size and fee rate", () => {
  const e = makeEntry({ sender: 3, nonce: 4, fee: 1000n }, 42);
  assert.deepEqual(e.sender, senderKey(3));
  assert.equal(e.nonce, 4);
  assert.equal(e.fee, 1000n);
  assert.equal(e.size, e.bytes.length);
  assert.equal(e.feeRate, 1000 / e.size);
  assert.equal(e.addedAt, 42);
});

test("select orders senders by fee rate, not by absolute fee", () => {
  const pool = new Mempool(roomy);
  const low = atRate(1, 0, 2);
  const high = atRate(2, 0, 9);
  // Pays the largest absolute fee but is 4000 bytes bigger: fee rate 1.5.
  const bigButCheap = makeEntry({
    sender: 3,
    nonce: 0,
    fee: BigInt(Math.round(1.5 * (SIZE + 4000))),
    payload: 4020,
  });
  const mid = atRate(4, 0, 5);
  for (const e of [low, high, bigButCheap, mid]) pool.add(e, 0);
  assert.ok(bigButCheap.fee > high.fee && bigButCheap.feeRate < low.feeRate);
  assert.deepEqual(hashes(pool.select(selectAll)), hashes([high, mid, low, bigButCheap]));
});

test("a sender's transactions come out in nonce order even when a later nonce pays more", () => {
  const pool = new Mempool(roomy);
  const a0 = atRate(1, 0, 1);
  const a1 = atRate(1, 1, 100);
  const b0 = atRate(2, 0, 5);
  pool.add(a0, 0);
  pool.add(a1, 0);
  pool.add(b0, 0);
  assert.deepEqual(hashes(pool.select(selectAll)), hashes([b0, a0, a1]));
});

test("duplicates, low nonces and nonce gaps are refused", () => {
  const pool = new Mempool(roomy);
  const a5 = atRate(1, 5, 1);
  pool.add(a5, 5);
  assertCode(() => pool.add(a5, 5), "MEMPOOL_DUPLICATE");
  assertCode(() => pool.add(atRate(1, 4, 1), 5), "TX_NONCE_TOO_LOW");
  assertCode(() => pool.add(atRate(1, 7, 1), 5), "MEMPOOL_NONCE_GAP");
  assertCode(() => pool.add(atRate(2, 1, 1), 0), "MEMPOOL_NONCE_GAP");
  pool.add(atRate(1, 6, 1), 5);
  assert.equal(pool.size(), 2);
});

test("a sender may not exceed maxPerSender pending transactions", () => {
  const pool = new Mempool({ ...roomy, maxPerSender: 2 });
  pool.add(atRate(1, 0, 1), 0);
  pool.add(atRate(1, 1, 1), 0);
  assertCode(() => pool.add(atRate(1, 2, 1), 0), "MEMPOOL_SENDER_LIMIT");
  // Replacing an existing nonce does not add to the count.
  const { replaced } = pool.add(atRate(1, 1, 2), 0);
  assert.equal(replaced?.nonce, 1);
});

test("replacement needs the bump and keeps the sender's chain intact", () => {
  const pool = new Mempool(roomy);
  const chain = [0, 1, 2].map((n) => atRate(1, n, 10));
  for (const e of chain) pool.add(e, 0);

  // +9% is refused, exactly +10% is accepted.
  assertCode(() => pool.add(atRate(1, 1, 10.9), 0), "MEMPOOL_REPLACEMENT_UNDERPRICED");
  const better = atRate(1, 1, 11);
  const result = pool.add(better, 0);
  assert.equal(result.replaced?.hash, chain[1].hash);
  assert.deepEqual(result.evicted, []);

  assert.equal(pool.size(), 3);
  assert.equal(pool.bytes(), 3 * SIZE);
  assert.equal(pool.has(chain[1].hash), false);
  assert.equal(pool.get(better.hash), better);
  assert.equal(pool.pendingNonce(senderKey(1), 0), 3);
  assert.deepEqual(hashes(pool.select(selectAll)), hashes([chain[0], better, chain[2]]));
});

test("replacement compares fee rates, so a bigger tx must pay proportionally more", () => {
  const pool = new Mempool(roomy);
  pool.add(makeEntry({ sender: 1, nonce: 0, fee: 1000n }), 0);
  // Double the fee but far more than double the size: lower fee rate.
  assertCode(
    () => pool.add(makeEntry({ sender: 1, nonce: 0, fee: 2000n, payload: 3 * SIZE }), 0),
    "MEMPOOL_REPLACEMENT_UNDERPRICED",
  );
});

test("when full by count the lowest fee rate is evicted; a cheaper newcomer gets MEMPOOL_FULL", () => {
  const pool = new Mempool({ ...roomy, maxTxs: 3 });
  const [r1, r2, r3] = [1, 2, 3].map((rate) => atRate(rate, 0, rate));
  for (const e of [r2, r1, r3]) pool.add(e, 0);

  const r5 = atRate(5, 0, 5);
  assert.deepEqual(hashes(pool.add(r5, 0).evicted), hashes([r1]));
  assert.equal(pool.size(), 3);
  assert.equal(pool.has(r1.hash), false);

  // Equal to the lowest (2) is not enough: eviction needs a strictly higher rate.
  assertCode(() => pool.add(atRate(6, 0, 2), 0), "MEMPOOL_FULL");
  assertCode(() => pool.add(atRate(7, 0, 1), 0), "MEMPOOL_FULL");
  assert.deepEqual(new Set(hashes(pool.entries())), new Set(hashes([r2, r3, r5])));
});

test("when full by bytes enough victims are evicted, all or nothing", () => {
  const pool = new Mempool({ ...roomy, maxBytes: 3 * SIZE });
  const [r1, r2, r3] = [1, 2, 3].map((rate) => atRate(rate, 0, rate));
  for (const e of [r1, r2, r3]) pool.add(e, 0);
  assert.equal(pool.bytes(), 3 * SIZE);

  // Needs two slots' worth of bytes; beats r1 but not r2, so nothing may be evicted.
  const bigMid = makeEntry({ sender: 8, nonce: 0, fee: BigInt(3 * SIZE), payload: 20 + SIZE });
  assert.equal(bigMid.size, 2 * SIZE);
  assertCode(() => pool.add(bigMid, 0), "MEMPOOL_FULL");
  assert.equal(pool.size(), 3);
  assert.equal(pool.bytes(), 3 * SIZE);

  const bigRich = makeEntry({ sender: 9, nonce: 0, fee: BigInt(10 * 2 * SIZE), payload: 20 + SIZE });
  assert.deepEqual(hashes(pool.add(bigRich, 0).evicted), hashes([r1, r2]));
  assert.equal(pool.bytes(), 3 * SIZE);
  assert.deepEqual(new Set(hashes(pool.entries())), new Set(hashes([r3, bigRich])));

  // Larger than the whole pool: can never fit.
  assertCode(
    () => pool.add(makeEntry({ sender: 10, nonce: 0, fee: 10n ** 9n, payload: 4 * SIZE }), 0),
    "MEMPOOL_FULL",
  );
});

test("eviction takes a sender's last transaction, never one that later nonces depend on", () => {
  const pool = new Mempool({ ...roomy, maxTxs: 3 });
  const a0 = atRate(1, 0, 1); // lowest rate in the pool, but a1 depends on it
  const a1 = atRate(1, 1, 10);
  const b0 = atRate(2, 0, 5);
  for (const e of [a0, a1, b0]) pool.add(e, 0);

  // Only tails (a1 at 10, b0 at 5) are candidates, so a rate of 2 evicts nothing.
  assertCode(() => pool.add(atRate(3, 0, 2), 0), "MEMPOOL_FULL");
  const c0 = atRate(3, 0, 6);
  assert.deepEqual(hashes(pool.add(c0, 0).evicted), hashes([b0]));

  // Next: tails are a1 (10) and c0 (6); c0 goes, a0 stays although it pays less.
  const d0 = atRate(4, 0, 7);
  assert.deepEqual(hashes(pool.add(d0, 0).evicted), hashes([c0]));
  assert.ok(pool.has(a0.hash) && pool.has(a1.hash));
});

test("a newcomer never evicts its own sender's chain", () => {
  const pool = new Mempool({ ...roomy, maxTxs: 2 });
  const a0 = atRate(1, 0, 1);
  const b0 = atRate(2, 0, 5);
  pool.add(a0, 0);
  pool.add(b0, 0);
  // a0 is the cheapest tail, but a1 needs it: b0 is evicted instead.
  const a1 = atRate(1, 1, 10);
  assert.deepEqual(hashes(pool.add(a1, 0).evicted), hashes([b0]));
  assert.deepEqual(hashes(pool.select(selectAll)), hashes([a0, a1]));
  // With only its own chain left, a further nonce cannot make room.
  assertCode(() => pool.add(atRate(1, 2, 50), 0), "MEMPOOL_FULL");
  assert.equal(pool.size(), 2);
});

test("select respects maxTxs, maxBytes, nonceOf and expiry", () => {
  const pool = new Mempool(roomy);
  const a = [0, 1, 2].map((n) => atRate(1, n, 9 - n)); // rates 9, 8, 7
  const b0 = atRate(2, 0, 6);
  const big = makeEntry({ sender: 3, nonce: 0, fee: BigInt(100 * 3 * SIZE), payload: 20 + 2 * SIZE }); // best rate
  const c0 = atRate(4, 0, 5, { expiry: 9 });
  for (const e of [...a, b0, big, c0]) pool.add(e, 0);

  assert.deepEqual(hashes(pool.select({ ...selectAll, maxTxs: 2 })), hashes([big, a[0]]));
  // big (3 × SIZE) does not fit in 2 × SIZE; the smaller ones still do.
  assert.deepEqual(hashes(pool.select({ ...selectAll, maxBytes: 2 * SIZE })), hashes([a[0], a[1]]));
  // Sender 1 already executed nonce 0 on the parent state; sender 3 is ahead of the pool.
  const nonceOf = (s: Uint8Array) => (senderNumber(s) === 1 ? 1 : senderNumber(s) === 3 ? 5 : 0);
  assert.deepEqual(hashes(pool.select({ ...selectAll, nonceOf })), hashes([a[1], a[2], b0, c0]));
  // At height 10, c0 (expiry 9) is skipped; at height 9 it is still includable.
  assert.deepEqual(hashes(pool.select({ ...selectAll, height: 10 })), hashes([big, ...a, b0]));
  assert.ok(hashes(pool.select({ ...selectAll, height: 9 })).includes(toHex(c0.hash)));
});

test("prune after a block drops included, replayed and expired transactions", () => {
  const pool = new Mempool(roomy);
  const a = [0, 1, 2].map((n) => atRate(1, n, 5));
  const b = [0, 1, 2].map((n) => atRate(2, n, 4, { expiry: n === 1 ? 3 : 0 }));
  const c0 = atRate(3, 0, 3, { expiry: 10 });
  for (const e of [...a, ...b, c0]) pool.add(e, 0);

  // "Block 3" included a0, a1 and b0.
  const block = pool.select({ ...selectAll, maxTxs: 3, height: 3 });
  assert.deepEqual(hashes(block), hashes([a[0], a[1], a[2]]));
  const included = [a[0], a[1], b[0]];
  const nonces = new Map([
    [1, 2],
    [2, 1],
  ]);
  const dropped = pool.prune((s) => nonces.get(senderNumber(s)) ?? 0, 4);
  // b1 expired at height 3; b2 goes with it because it can no longer execute.
  assert.deepEqual(new Set(hashes(dropped)), new Set(hashes([...included, b[1], b[2]])));
  assert.deepEqual(new Set(hashes(pool.entries())), new Set(hashes([a[2], c0])));
  assert.equal(pool.bytes(), 2 * SIZE);
  assert.equal(pool.pendingNonce(senderKey(2), 1), 1);
  assert.deepEqual(
    pool.prune((s) => nonces.get(senderNumber(s)) ?? 0, 4),
    [],
  );
});

test("pendingNonce counts contiguous pending transactions from the account nonce", () => {
  const pool = new Mempool(roomy);
  assert.equal(pool.pendingNonce(senderKey(1), 7), 7);
  for (const n of [3, 4, 5]) pool.add(atRate(1, n, 1), 3);
  assert.equal(pool.pendingNonce(senderKey(1), 3), 6);
  // Head moved to 5 but the pool was not pruned yet: stale 3 and 4 are ignored.
  assert.equal(pool.pendingNonce(senderKey(1), 5), 6);
  assert.equal(pool.pendingNonce(senderKey(1), 9), 9);
  pool.add(atRate(1, 6, 1), 5);
  assert.equal(pool.pendingNonce(senderKey(1), 5), 7);
  // After a reorg the account is back at 2: nothing pending until nonce 2 arrives.
  assert.equal(pool.pendingNonce(senderKey(1), 2), 2);
  pool.add(atRate(1, 2, 1), 2);
  assert.equal(pool.pendingNonce(senderKey(1), 2), 7);
});

test("remove drops the sender's later nonces too and returns only the removed entry", () => {
  const pool = new Mempool(roomy);
  const a = [0, 1, 2].map((n) => atRate(1, n, 1));
  const b0 = atRate(2, 0, 1);
  for (const e of [...a, b0]) pool.add(e, 0);
  assert.equal(pool.remove(a[1].hash), a[1]);
  assert.equal(pool.remove(a[1].hash), undefined);
  assert.deepEqual(new Set(hashes(pool.entries())), new Set(hashes([a[0], b0])));
  assert.equal(pool.bytes(), 2 * SIZE);
  assert.equal(pool.pendingNonce(senderKey(1), 0), 1);
  // The removed nonces can be resubmitted.
  pool.add(atRate(1, 1, 3, { salt: 1 }), 0);
  assert.equal(pool.size(), 3);
});

test("randomised operations keep chains gap-free and totals consistent", () => {
  const limits = { maxTxs: 60, maxBytes: 50 * SIZE, maxPerSender: 6, replaceBumpPercent: 10 };
  const pool = new Mempool(limits);
  const accountNonce = new Map<number, number>();
  const outcomes = { evicted: 0, replaced: 0, full: 0 };
  let seed = 12345;
  const rand = (n: number) => {
    seed = (seed * 48271) % 2147483647; // Park–Miller: products stay exact in a double
    return seed % n;
  };
  for (let step = 0; step < 3000; step++) {
    const sender = 1 + rand(25);
    const base = accountNonce.get(sender) ?? 0;
    const op = rand(20);
    if (op < 17) {
      // Mostly the next nonce, sometimes a replacement, a stale nonce or a gap.
      const offset = [0, 0, 0, 0, 0, -1, -2, 1][rand(8)];
      const nonce = Math.max(0, pool.pendingNonce(senderKey(sender), base) + offset);
      const entry = makeEntry({
        sender,
        nonce,
        fee: BigInt(1 + rand(5000)),
        payload: rand(60),
        salt: step % 256,
      });
      const before = { size: pool.size(), bytes: pool.bytes() };
      try {
        const { replaced, evicted } = pool.add(entry, base);
        outcomes.evicted += evicted.length;
        if (replaced) outcomes.replaced++;
      } catch (e) {
        const code = (e as { code: string }).code;
        assert.match(code, /^MEMPOOL_|^TX_NONCE_TOO_LOW$/);
        if (code === "MEMPOOL_FULL") outcomes.full++;
        // A refused add leaves the pool exactly as it was.
        assert.deepEqual({ size: pool.size(), bytes: pool.bytes() }, before);
      }
    } else if (op < 19) {
      // A block: include what select picks, advance nonces, prune.
      const picked = pool.select({
        maxBytes: 10 * SIZE,
        maxTxs: 4,
        height: step,
        nonceOf: (s) => accountNonce.get(senderNumber(s)) ?? 0,
      });
      for (const e of picked) accountNonce.set(e.tx.body.sender[0], e.nonce + 1);
      pool.prune((s) => accountNonce.get(senderNumber(s)) ?? 0, step + 1);
    } else {
      const all = [...pool.entries()];
      if (all.length > 0) pool.remove(all[rand(all.length)].hash);
    }

    // Invariants.
    assert.ok(pool.size() <= limits.maxTxs && pool.bytes() <= limits.maxBytes);
    const bySender = new Map<number, number[]>();
    let bytes = 0;
    for (const e of pool.entries()) {
      bytes += e.size;
      const s = senderNumber(e.sender);
      bySender.set(s, [...(bySender.get(s) ?? []), e.nonce]);
    }
    assert.equal(bytes, pool.bytes());
    for (const [s, nonces] of bySender) {
      nonces.sort((x, y) => x - y);
      const n = accountNonce.get(s) ?? 0;
      assert.ok(nonces[0] >= n, "pruned below the account nonce");
      for (let i = 1; i < nonces.length; i++) assert.equal(nonces[i], nonces[i - 1] + 1, "nonce gap");
    }
  }
  // The run must actually exercise the interesting paths.
  assert.ok(outcomes.evicted > 0 && outcomes.replaced > 0 && outcomes.full > 0, JSON.stringify(outcomes));
});

/** 32 bytes starting with `n` (big-endian u32): distinct hashes and senders for synthetic entries. */
function u32Key(n: number): Uint8Array {
  const k = new Uint8Array(32);
  new DataView(k.buffer).setUint32(0, n);
  return k;
}

test("handles 50k entries: fills, evicts and selects quickly in fee order", () => {
  const pool = new Mempool({ maxTxs: 50_000, maxBytes: 1e9, maxPerSender: 64, replaceBumpPercent: 10 });
  const template = makeEntry({ sender: 0, nonce: 0, fee: 0n });
  const started = performance.now();
  let evictions = 0;
  for (let i = 0; i < 60_000; i++) {
    // The pool only reads the entry's own fields, so clone one encoded tx with varied keys.
    const fee = BigInt(1000 + ((i * 7919) % 100_000));
    const entry: MempoolEntry = {
      ...template,
      hash: u32Key(i),
      sender: u32Key(i % 10_000),
      nonce: Math.floor(i / 10_000),
      fee,
      feeRate: Number(fee) / template.size,
    };
    try {
      evictions += pool.add(entry, 0).evicted.length;
    } catch (err) {
      // A sender whose tail was evicted cannot append the next nonce: that would be a gap.
      assert.match((err as { code: string }).code, /^MEMPOOL_(FULL|NONCE_GAP)$/);
    }
  }
  assert.equal(pool.size(), 50_000);
  assert.ok(evictions > 1000);
  const picked = pool.select({ maxBytes: 1e9, maxTxs: 50_000, height: 1, nonceOf: () => 0 });
  assert.equal(picked.length, 50_000);
  const next = new Map<string, number>();
  for (const e of picked) {
    assert.equal(e.nonce, next.get(toHex(e.sender)) ?? 0);
    next.set(toHex(e.sender), e.nonce + 1);
  }
  assert.ok(performance.now() - started < 5_000, "50k operations took too long");
});
