/**
 * Missed commit deadlines: the end-of-block step settles a period only one side committed on
 * that side's total, in deadline order, at most MAX_DEADLINES_PER_BLOCK per block; the queue
 * itself (a heap in point-addressed keys) against a sorted list, by property.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { Overlay } from "../../../state/overlay.js";
import { closeAfterwards, T0 } from "../../../testing/chain-harness.js";
import { before, peekDeadline, popDeadline, pushDeadline, queueSize } from "./deadlines.js";
import {
  ac,
  agreementChain,
  BUYER,
  BUYER_OP,
  carriersChain,
  endOf,
  obligations,
  period,
  SELLER,
  SELLER_OP,
  untilTime,
} from "./fixtures.test.js";
import { MAX_DEADLINES_PER_BLOCK } from "./reconcile.js";
import type { DeadlineEntry } from "./schemas.js";

test("a side that misses the deadline accepts the other's total; with no commitment nothing happens", async () => {
  const t = closeAfterwards(await agreementChain());
  const S = t.state("settlement");
  // period 0: only the seller (deadline T0 + 120); period 1: only the buyer (T0 + 180); period 2: nobody
  await untilTime(t, endOf(0));
  await t.mine(t.call(SELLER_OP, ac.commit(1, 0, { charge: 1_234n })));
  await untilTime(t, endOf(1));
  await t.mine(t.call(BUYER_OP, ac.commit(1, 1, { charge: 567n })));
  assert.equal(t.c.clock, T0 + 130, "the block after period 0's deadline …");
  const p0 = period(t, 1, 0);
  assert.deepEqual(
    [p0.outcome?.kind, p0.outcome?.agreed, p0.outcome?.disputed, p0.outcome?.height],
    ["deadline", "1234", "0", 13],
    "… settles it on the seller's total",
  );
  assert.deepEqual(obligations(t, 1), [[BUYER, SELLER, 1_234n]]);
  assert.equal(queueSize(S), 1);

  await untilTime(t, T0 + 180);
  assert.equal(period(t, 1, 1).outcome, null, "at the deadline's second the buyer's side may still commit");
  await t.mine();
  const p1 = period(t, 1, 1);
  assert.deepEqual([p1.outcome?.kind, p1.outcome?.agreed, p1.outcome?.cycle], ["deadline", "567", 1]);
  assert.deepEqual(obligations(t, 1), [[BUYER, SELLER, 1_801n]]);
  assert.equal(queueSize(S), 0);

  await untilTime(t, endOf(2) + 200);
  assert.deepEqual(
    [period(t, 1, 2).seller, period(t, 1, 2).buyer, period(t, 1, 2).outcome],
    [null, null, null],
    "neither side committed: nothing",
  );
  // cycle 2 holds only what netting carried from cycle 1 (BBB has no collateral): period 2 added nothing
  assert.deepEqual(obligations(t, 2), [[BUYER, SELLER, 1_801n]]);
});

test("a period reconciled before its deadline leaves a stale queue entry, dropped without effect", async () => {
  const t = closeAfterwards(await agreementChain());
  await untilTime(t, endOf(0));
  await t.mine(t.call(SELLER_OP, ac.commit(1, 0, { charge: 100n })));
  await t.mine(t.call(BUYER_OP, ac.commit(1, 0, { charge: 100n })));
  const settledAt = t.height;
  assert.equal(queueSize(t.state("settlement")), 1);
  await untilTime(t, T0 + 130);
  assert.equal(queueSize(t.state("settlement")), 0);
  assert.equal(period(t, 1, 0).outcome?.height, settledAt, "settled once, by the reconciliation");
  assert.deepEqual(obligations(t, 0), [[BUYER, SELLER, 100n]]);
  // cycle 1 holds only what netting carried from cycle 0 (BBB has no collateral): the stale entry added nothing
  assert.deepEqual(obligations(t, 1), [[BUYER, SELLER, 100n]]);
});

test(`the end of a block settles at most ${MAX_DEADLINES_PER_BLOCK} expired periods, earliest first; the rest the next block`, async () => {
  const t = closeAfterwards(await carriersChain());
  const n = MAX_DEADLINES_PER_BLOCK + 3;
  const ids = Array.from({ length: n }, (_, i) => i + 1);
  // agreements 1..n, all with period 0's deadline at T0 + 120: the queue orders them by id
  await t.mine(...ids.map(() => t.call(SELLER_OP, ac.propose())));
  await t.mine(...ids.map((i) => t.call(BUYER_OP, ac.accept(i))));
  await untilTime(t, endOf(0));
  // committed in reverse order
  await t.mine(...[...ids].reverse().map((i) => t.call(SELLER_OP, ac.commit(i, 0, { charge: BigInt(i) }))));
  await untilTime(t, T0 + 120);
  assert.equal(queueSize(t.state("settlement")), n, "at the deadline's second nothing expired");
  await t.mine();
  const settled = ids.filter((i) => period(t, i, 0).outcome !== null);
  assert.deepEqual(settled, ids.slice(0, MAX_DEADLINES_PER_BLOCK));
  assert.equal(queueSize(t.state("settlement")), 3);
  await t.mine();
  assert.ok(ids.every((i) => period(t, i, 0).outcome?.kind === "deadline"));
  assert.equal(queueSize(t.state("settlement")), 0);
  const agreed = ids.map((i) => BigInt(period(t, i, 0).outcome?.agreed ?? -1));
  assert.deepEqual(agreed, ids.map(BigInt), "each on its own seller's total");
});

test("the deadline queue pops in (deadline, agreement, period) order whatever the pushes and pops", () => {
  const entry = fc.record({
    deadline: fc.integer({ min: 0, max: 50 }),
    agreementId: fc.integer({ min: 1, max: 5 }),
    period: fc.integer({ min: 0, max: 5 }),
  });
  const op = fc.oneof(
    entry.map((e) => ({ push: { ...e } })),
    fc.constant({ pop: true as const }),
  );
  const cmp = (a: DeadlineEntry, b: DeadlineEntry) => (before(a, b) ? -1 : before(b, a) ? 1 : 0);
  fc.assert(
    fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
      const state = new Overlay({ get: () => undefined });
      const model: DeadlineEntry[] = [];
      for (const o of ops) {
        if ("push" in o) {
          pushDeadline(state, o.push);
          model.push(o.push);
          model.sort(cmp);
        } else if (model.length > 0) {
          assert.deepEqual(peekDeadline(state), model.shift());
          popDeadline(state);
        }
        assert.equal(queueSize(state), model.length);
      }
      while (model.length > 0) {
        assert.deepEqual(peekDeadline(state), model.shift());
        popDeadline(state);
      }
      assert.equal(peekDeadline(state), undefined);
      assert.equal(
        [...state.changes.values()].filter((v) => v !== null).length,
        0,
        "an empty queue leaves no keys",
      );
    }),
    { numRuns: 300 },
  );
});
