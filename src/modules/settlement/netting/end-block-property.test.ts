/**
 * Property of the netting block on a real chain: for random collateral and random obligations
 * (cycle after cycle on one chain, so that arrears pile up too), the netting block moves
 * collateral exactly as the netting function says for the state before it, creates or destroys
 * none, carries exactly the defaulters' pairs into the next cycle, and writes one statement per
 * carrier of the cycle whose amounts add up.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { closeAfterwards } from "../../../testing/chain-harness.js";
import { cycleOf, endsCycle, readObligations } from "../ledger.js";
import {
  A,
  CYCLE,
  collateral,
  IDS,
  type Id,
  mineTo,
  nettingChain,
  nettingHeight,
  OPERATOR,
  sc,
  statement,
  summary,
} from "./fixtures.test.js";
import { netCycle } from "./net.js";

const deposits = fc.record(
  Object.fromEntries(IDS.map((id) => [id, fc.bigInt({ min: 0n, max: 1_500n })])) as Record<
    Id,
    fc.Arbitrary<bigint>
  >,
);
const obligations = fc.array(
  fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...IDS), fc.bigInt({ min: 1n, max: 1_000n })),
  { maxLength: 10 },
);

test("property: the netting block settles as netCycle says, conserves collateral and carries the defaulters' pairs", async () => {
  const t = closeAfterwards(await nettingChain());
  await fc.assert(
    fc.asyncProperty(deposits, obligations, async (dep, rows) => {
      if (endsCycle(t.height + 1, CYCLE)) await t.mine();
      await t.mine(
        ...IDS.filter((id) => dep[id] > 0n).map((id) => t.call(OPERATOR[id], sc.deposit(id, dep[id]))),
        ...rows.map(([b, s, amount]) => t.call(A, sc.oblige(b, s, amount))),
      );
      const cycle = cycleOf(t.height, CYCLE);
      await mineTo(t, nettingHeight(cycle) - 1);
      const owed = readObligations(t.state("settlement"), cycle);
      const before = new Map(IDS.map((id) => [id, collateral(t, id)] as const));
      const expected = netCycle(owed, (c) => before.get(c as Id) ?? 0n);
      await t.mine(); // the netting block
      const total = (m: Map<string, bigint>) => [...m.values()].reduce((a, b) => a + b, 0n);
      const after = new Map(IDS.map((id) => [id, collateral(t, id)] as const));
      assert.equal(total(after), total(before), "no collateral created or destroyed");
      for (const id of IDS) {
        const p = expected.positions.get(id);
        const s = statement(t, cycle, id);
        assert.equal(after.get(id), (before.get(id) ?? 0n) + (p?.settled ?? 0n), id);
        if (!p) {
          assert.equal(s, undefined, `${id} had no amounts: no statement`);
          continue;
        }
        assert.ok(s);
        assert.equal(s.received - s.paid, p.settled);
        assert.equal(
          s.received - s.paid,
          s.grossReceivable - s.carriedReceivable - (s.grossPayable - s.carriedPayable),
        );
        assert.equal(s.defaultRound, p.defaultRound);
        assert.equal(s.collateralAfter, after.get(id));
      }
      assert.deepEqual(readObligations(t.state("settlement"), cycle + 1), expected.carried);
      const y = summary(t, cycle);
      if (owed.length === 0) assert.equal(y, undefined);
      else
        assert.deepEqual(
          [y?.rounds, y?.netVolume, y?.carriedVolume],
          [expected.rounds, expected.netVolume, expected.carriedVolume],
        );
    }),
    { numRuns: 30 },
  );
});
