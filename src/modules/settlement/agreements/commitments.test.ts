/**
 * Usage commitments on a real chain: each refusal by its code, and reconciliation inside and
 * outside the tolerance against a hand-computed table, with what it writes to the ledger.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { EMPTY_MERKLE_ROOT } from "../../../chain/merkle.js";
import { closeAfterwards, T0 } from "../../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import {
  ac,
  agreementChain,
  BUYER,
  BUYER_OP,
  cycleNow,
  dispute,
  endOf,
  NOBODY,
  OTHER_OP,
  obligations,
  period,
  SELLER,
  SELLER_OP,
  untilTime,
  withheld,
} from "./fixtures.test.js";
import { withinTolerance } from "./reconcile.js";

test("a commitment is refused before the period ends, twice, after the deadline, and from a non-party", async () => {
  const t = closeAfterwards(await agreementChain());
  // head at T0 + 30: period 0 runs until T0 + 60
  assert.match(
    t.refuse(t.call(SELLER_OP, ac.commit(1, 0, { charge: 5n }), false), "SETTLEMENT_PERIOD_NOT_ENDED"),
    /period 0 ends at 2023-11-14T22:14:20Z; the block time is 2023-11-14T22:13:50Z/,
  );
  t.refuse(
    t.call(SELLER_OP, ac.commit(1, 9_007_199_254_740_990, { charge: 5n }), false),
    "SETTLEMENT_PERIOD_NOT_ENDED",
  );
  await untilTime(t, endOf(0));
  t.refuse(t.call(OTHER_OP, ac.commit(1, 0, { charge: 5n }), false), "SETTLEMENT_NOT_PARTY");
  t.refuse(t.call(NOBODY, ac.commit(1, 0, { charge: 5n }), false), "SETTLEMENT_NOT_OPERATOR");
  t.refuse(t.call(SELLER_OP, ac.commit(2, 0, { charge: 5n }), false), "SETTLEMENT_NO_AGREEMENT");
  t.refuse(t.call(SELLER_OP, ac.commit(1, 0, { charge: 5n, count: 0 }), false), "SETTLEMENT_BAD_COMMITMENT");
  t.refuse(
    t.call(SELLER_OP, ac.commit(1, 0, { charge: 5n, count: 0, root: EMPTY_MERKLE_ROOT }), false),
    "SETTLEMENT_BAD_COMMITMENT",
  );

  await t.mine(t.call(SELLER_OP, ac.commit(1, 0, { charge: 5n, voice: 300n, sms: 2n, data: 1024n })));
  const p = period(t, 1, 0);
  assert.deepEqual(
    [p.seller?.charge, p.seller?.voice, p.seller?.sms, p.seller?.data, p.seller?.count, p.buyer, p.outcome],
    ["5", "300", "2", "1024", 1, null, null],
  );
  assert.equal(p.deadline, T0 + 120);
  assert.match(
    t.refuse(t.call(SELLER_OP, ac.commit(1, 0, { charge: 6n }), false), "SETTLEMENT_ALREADY_COMMITTED"),
    /the seller \(AAA\) already committed/,
  );

  // period 1 (ends T0 + 120, deadline T0 + 180): the buyer commits at the deadline's very second
  await untilTime(t, endOf(1));
  await t.mine(t.call(SELLER_OP, ac.commit(1, 1, { charge: 7n })));
  await untilTime(t, T0 + 170);
  const atDeadline = await t.mine(t.call(BUYER_OP, ac.commit(1, 1, { charge: 7n })));
  assert.equal(atDeadline.header.timestamp, T0 + 180);
  assert.equal(period(t, 1, 1).outcome?.kind, "agreed");
  // one second later is too late for period 0 … and for period 2 (its deadline is T0 + 240)
  t.refuse(t.call(BUYER_OP, ac.commit(1, 0, { charge: 5n }), false), "SETTLEMENT_COMMIT_LATE");
  await untilTime(t, endOf(2));
  await t.mine(t.call(SELLER_OP, ac.commit(1, 2, { charge: 9n })));
  await untilTime(t, T0 + 250);
  assert.match(
    t.refuse(t.call(BUYER_OP, ac.commit(1, 2, { charge: 9n }), false), "SETTLEMENT_COMMIT_LATE"),
    /the commit deadline was 2023-11-14T22:17:20Z/,
  );
  t.refuse(
    t.call(BUYER_OP, ac.commit(1, 0, { charge: 5n, count: 0, root: EMPTY_MERKLE_ROOT }), false),
    "SETTLEMENT_BAD_COMMITMENT",
  );
});

test("the tolerance rule, by hand: |s − b| × 10,000 ≤ toleranceBps × s", () => {
  const MAX = (1n << 64n) - 1n;
  const cases: [bigint, bigint, number, boolean][] = [
    [10_000n, 9_900n, 100, true], // 100 × 10,000 = 1,000,000 ≤ 100 × 10,000
    [10_000n, 9_899n, 100, false], // 1,010,000 > 1,000,000
    [10_000n, 10_100n, 100, true],
    [10_000n, 10_101n, 100, false],
    [123n, 123n, 0, true],
    [123n, 124n, 0, false],
    [100n, 200n, 10_000, true], // 100 × 10,000 ≤ 10,000 × 100
    [100n, 201n, 10_000, false],
    [0n, 0n, 0, true],
    [0n, 7n, 10_000, false], // nothing is within a tolerance of nothing
    [1n, 0n, 100, false], // 10,000 > 100
    [MAX, MAX - 1n, 0, false],
    [MAX, MAX - MAX / 10_000n, 1, true], // no uint64 overflow: bigint
  ];
  for (const [s, b, bps, within] of cases)
    assert.equal(withinTolerance(s, b, bps), within, `${s} ${b} ${bps}`);
});

/** What BBB owes AAA in `cycle` (0 when nothing). */
const owed = (t: ModuleTestChain, cycle: number) =>
  (obligations(t, cycle).find(([b, s]) => b === BUYER && s === SELLER)?.[2] as bigint | undefined) ?? 0n;

test("reconciliation, hand-computed: the agreed amount goes to the ledger, a difference beyond 1 % to a dispute", async () => {
  const t = closeAfterwards(await agreementChain({ toleranceBps: 100 }));
  // [seller s, buyer b, outcome, agreed, disputed, low, high]
  const table: [bigint, bigint, string, bigint, bigint][] = [
    [10_000n, 9_900n, "agreed", 10_000n, 0n],
    [10_000n, 9_899n, "disputed", 9_899n, 101n],
    [10_000n, 10_100n, "agreed", 10_000n, 0n],
    [10_000n, 10_101n, "disputed", 10_000n, 101n],
    [0n, 0n, "agreed", 0n, 0n],
    [0n, 7n, "disputed", 0n, 7n],
    [1n, 0n, "disputed", 0n, 1n],
  ];
  let withheldSum = 0n;
  for (const [n, [s, b, kind, agreed, disputed]] of table.entries()) {
    await untilTime(t, endOf(n));
    const cycle = Math.floor((t.height + 1) / 10);
    const before = owed(t, cycle);
    await t.mine(
      t.call(SELLER_OP, ac.commit(1, n, { charge: s })),
      t.call(BUYER_OP, ac.commit(1, n, { charge: b })),
    );
    assert.equal(cycleNow(t), cycle);
    const p = period(t, 1, n);
    assert.deepEqual(
      [p.outcome?.kind, p.outcome?.agreed, p.outcome?.disputed, p.outcome?.cycle, p.outcome?.height],
      [kind, String(agreed), String(disputed), cycle, t.height],
      `period ${n}: ${s} against ${b}`,
    );
    assert.equal(owed(t, cycle) - before, agreed, `period ${n}: obligation`);
    withheldSum += disputed;
    assert.deepEqual(withheld(t, BUYER), [withheldSum, 0n]);
    assert.deepEqual(withheld(t, SELLER), [0n, withheldSum]);
    const d = dispute(t, 1, n);
    if (kind === "agreed") assert.equal(d, undefined);
    else {
      const [low, high] = s < b ? [s, b] : [b, s];
      assert.deepEqual(
        [d?.status, d?.low, d?.high, d?.sellerFigure, d?.buyerFigure, d?.openedAt, d?.windowEnd],
        ["open", String(low), String(high), String(s), String(b), t.c.clock, t.c.clock + 100],
      );
    }
  }
});
