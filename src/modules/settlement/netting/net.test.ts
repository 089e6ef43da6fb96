/**
 * The netting function alone: a hand-computed table, then fast-check properties over random
 * obligation sets and collateral — conservation (payments = receipts), no negative or
 * overflowing collateral, every remaining debtor covered, the removed carriers' obligations all
 * carried (and only theirs), the statement identities — and agreement with a naive model that
 * recomputes every position from scratch in each round.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Obligation } from "../schemas.js";
import { netCycle } from "./net.js";
import { MAX_UINT64 } from "./store.js";

const o = (buyer: string, seller: string, amount: bigint): Obligation => ({ buyer, seller, amount });

test("a hand-computed cycle: positions, one default, a second round, payments", () => {
  const obligations = [
    o("AAA", "BBB", 500n),
    o("BBB", "CCC", 300n),
    o("CCC", "AAA", 200n),
    o("AAA", "DDD", 100n),
    o("DDD", "BBB", 250n),
    o("CCC", "DDD", 150n),
  ];
  const balances: Record<string, bigint> = { AAA: 300n, BBB: 60n, CCC: 100n, DDD: 200n };
  const r = netCycle(obligations, (c) => balances[c] ?? 0n);
  const table = Object.fromEntries(
    [...r.positions].map(([c, p]) => [
      c,
      [
        p.grossReceivable,
        p.grossPayable,
        p.carriedReceivable,
        p.carriedPayable,
        p.settled,
        p.defaultRound,
      ].map(Number),
    ]),
  );
  //                recv  pay  carriedR carriedP settled round
  assert.deepEqual(table, {
    AAA: [200, 600, 200, 600, 0, 1],
    BBB: [750, 300, 500, 0, -50, 0],
    CCC: [300, 350, 0, 200, 150, 0],
    DDD: [250, 250, 100, 0, -100, 0],
  });
  assert.deepEqual(r.carried, [obligations[0], obligations[2], obligations[3]]);
  assert.deepEqual([r.rounds, r.grossVolume, r.carriedVolume, r.netVolume], [2, 1500n, 800n, 150n]);
  // no obligations: nothing to do
  const none = netCycle([], () => 0n);
  assert.deepEqual([none.positions.size, none.carried, none.rounds], [0, [], 0]);
});

test("a creditor whose credit would pass 2^64 − 1 is removed like a defaulter (the block never fails)", () => {
  const r = netCycle([o("AAA", "BBB", 10n)], (c) => (c === "BBB" ? MAX_UINT64 - 5n : 100n));
  assert.equal(r.positions.get("BBB")?.defaultRound, 1);
  assert.equal(r.positions.get("AAA")?.settled, 0n);
  assert.deepEqual(r.carried, [o("AAA", "BBB", 10n)]);
});

/** The naive model: every round recomputes every position of the carriers still in. */
function model(obligations: Obligation[], collateral: (c: string) => bigint) {
  const removed = new Map<string, number>();
  let rounds = 0;
  for (;;) {
    rounds++;
    const live = obligations.filter((x) => !removed.has(x.buyer) && !removed.has(x.seller));
    const net = new Map<string, bigint>();
    for (const x of live) {
      net.set(x.buyer, (net.get(x.buyer) ?? 0n) - x.amount);
      net.set(x.seller, (net.get(x.seller) ?? 0n) + x.amount);
    }
    const out = [...net].filter(([c, n]) => (n < 0n ? collateral(c) < -n : collateral(c) + n > MAX_UINT64));
    if (out.length === 0) return { removed, rounds, net };
    for (const [c] of out) removed.set(c, rounds);
  }
}

const CARRIERS = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"];
const amount = fc.oneof(
  fc.bigInt({ min: 1n, max: 1_000n }),
  fc.bigInt({ min: 1n, max: MAX_UINT64 }),
  fc.constant(MAX_UINT64),
);
const obligationsArb = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...CARRIERS), fc.constantFrom(...CARRIERS), amount), {
    maxLength: 30,
    selector: ([b, s]) => `${b}/${s}`,
  })
  .map((rows) => rows.filter(([b, s]) => b !== s).map(([b, s, a]) => o(b, s, a)));
const collateralArb = fc.dictionary(
  fc.constantFrom(...CARRIERS),
  fc.oneof(fc.bigInt({ min: 0n, max: 3_000n }), fc.bigInt({ min: 0n, max: MAX_UINT64 })),
);

test("properties: conservation, no negative balance, every remaining debtor covered, removed pairs carried", () => {
  fc.assert(
    fc.property(obligationsArb, collateralArb, (obligations, balances) => {
      const balance = (c: string) => balances[c] ?? 0n;
      const r = netCycle(obligations, balance);
      let paid = 0n;
      let received = 0n;
      for (const [c, p] of r.positions) {
        const after = balance(c) + p.settled;
        assert.ok(after >= 0n, `${c} would go negative`);
        assert.ok(after <= MAX_UINT64, `${c} would overflow`);
        if (p.settled < 0n) paid -= p.settled;
        else received += p.settled;
        // the statement's identity: settled = (receivable − carried) − (payable − carried)
        assert.equal(
          p.settled,
          p.grossReceivable - p.carriedReceivable - (p.grossPayable - p.carriedPayable),
        );
        if (p.defaultRound > 0) {
          assert.equal(p.settled, 0n, "a defaulter settles nothing");
          assert.equal(p.carriedReceivable, p.grossReceivable, "all its amounts are carried");
          assert.equal(p.carriedPayable, p.grossPayable);
        }
      }
      assert.equal(paid, received, "payments = receipts");
      assert.equal(r.netVolume, received);
      const out = (c: string) => (r.positions.get(c)?.defaultRound ?? 0) > 0;
      assert.deepEqual(
        r.carried,
        obligations.filter((x) => out(x.buyer) || out(x.seller)),
        "carried = exactly the pairs of the removed carriers, in the cycle's order",
      );
      const sum = (xs: Obligation[]) => xs.reduce((s, x) => s + x.amount, 0n);
      assert.equal(r.grossVolume, sum(obligations));
      assert.equal(r.carriedVolume, sum(r.carried));
      // the same defaulters, rounds and nets as recomputing everything every round
      const m = model(obligations, balance);
      assert.equal(r.rounds, obligations.length === 0 ? 0 : m.rounds);
      for (const [c, p] of r.positions) {
        assert.equal(p.defaultRound, m.removed.get(c) ?? 0, c);
        if (p.defaultRound === 0) assert.equal(p.settled, m.net.get(c) ?? 0n, c);
      }
    }),
    { numRuns: 2_000 },
  );
});
