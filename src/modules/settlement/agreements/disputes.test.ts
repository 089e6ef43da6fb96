/**
 * Disputes on a real chain: each ending (the seller concedes, the buyer concedes, a figure both
 * sign, the arbiter after the window), each refusal by its code, record-level evidence checked
 * against the poster's own root, and the ledger after each step.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { toHex } from "../../../bytes.js";
import { T0 } from "../../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { canonicalLine, recordLeaf } from "../rating/record.js";
import {
  ARBITER,
  ac,
  BUYER,
  BUYER_OP,
  carriersChain,
  dispute,
  endOf,
  NOBODY,
  OTHER_OP,
  obligations,
  SELLER,
  SELLER_OP,
  type UsageSet,
  untilTime,
  usageSet,
  withheld,
} from "./fixtures.test.js";

/** Seller 1,000, buyer 800, tolerance 0: [800, 1000] disputed, 200 withheld per agreement. */
const [S, B] = [1_000n, 800n];
const SELLER_SET = usageSet("s", 17, T0);
const BUYER_SET = usageSet("b", 3, T0);
let t: ModuleTestChain;

after(() => t.close());

/** Agreements 1-5, AAA sells to BBB (5 has no arbiter), each with a dispute on period 0, opened at T0 + 70. */
before(async () => {
  t = await carriersChain();
  await t.mine(
    ...[1, 2, 3, 4].map(() => t.call(SELLER_OP, ac.propose({ toleranceBps: 0, disputeWindow: 100 }))),
    t.call(SELLER_OP, ac.propose({ toleranceBps: 0, arbiter: null })),
  );
  await t.mine(...[1, 2, 3, 4, 5].map((id) => t.call(BUYER_OP, ac.accept(id))));
  await untilTime(t, endOf(0));
  await t.mine(
    ...[1, 2, 3, 4, 5].flatMap((id) => [
      t.call(SELLER_OP, ac.commit(id, 0, { charge: S, root: SELLER_SET.root, count: SELLER_SET.count })),
      t.call(BUYER_OP, ac.commit(id, 0, { charge: B, root: BUYER_SET.root, count: BUYER_SET.count })),
    ]),
  );
  assert.equal(t.c.clock, T0 + 70);
});

/** What BBB owes AAA in `cycle` (by default the current one). */
const owed = (cycle = Math.floor(t.height / 10)) =>
  (obligations(t, cycle).find(([b, s]) => b === BUYER && s === SELLER)?.[2] as bigint | undefined) ?? 0n;

/** Mines `tx` and returns how much the obligation (in the block's cycle) and the withheld amounts moved. */
async function effect(tx: ReturnType<ModuleTestChain["call"]>) {
  const cycle = Math.floor((t.height + 1) / 10);
  const [o, w] = [owed(cycle), withheld(t, BUYER)[0]];
  await t.mine(tx);
  return { obligation: owed(cycle) - o, withheld: withheld(t, BUYER)[0] - w };
}

test("five disputes are open: 5 × 200 withheld, 5 × 800 agreed", () => {
  assert.deepEqual(withheld(t, BUYER), [1_000n, 0n]);
  assert.deepEqual(withheld(t, SELLER), [0n, 1_000n]);
  assert.equal(owed(), 4_000n);
  assert.equal(dispute(t, 1, 0)?.windowEnd, T0 + 170);
});

test("the seller concedes: the buyer's figure, nothing more owed, 200 released", async () => {
  t.refuse(t.call(OTHER_OP, ac.concede(1, 0), false), "SETTLEMENT_NOT_PARTY");
  t.refuse(t.call(NOBODY, ac.concede(1, 0), false), "SETTLEMENT_NOT_OPERATOR");
  t.refuse(t.call(SELLER_OP, ac.concede(1, 1), false), "SETTLEMENT_NO_DISPUTE");
  assert.deepEqual(await effect(t.call(SELLER_OP, ac.concede(1, 0))), { obligation: 0n, withheld: -200n });
  const d = dispute(t, 1, 0);
  assert.deepEqual(
    [d?.status, d?.figure, d?.resolution, d?.resolvedHeight],
    ["resolved", "800", "seller-conceded", t.height],
  );
  for (const tx of [ac.concede(1, 0), ac.proposeFigure(1, 0, 900n), ac.acceptFigure(1, 0, 900n)])
    t.refuse(t.call(BUYER_OP, tx, false), "SETTLEMENT_DISPUTE_CLOSED");
});

test("the buyer concedes: the seller's figure, 200 more owed", async () => {
  assert.deepEqual(await effect(t.call(BUYER_OP, ac.concede(2, 0))), { obligation: 200n, withheld: -200n });
  assert.deepEqual([dispute(t, 2, 0)?.figure, dispute(t, 2, 0)?.resolution], ["1000", "buyer-conceded"]);
});

test("a figure both sides sign: one proposes, the other accepts that same figure", async () => {
  t.refuse(t.call(BUYER_OP, ac.acceptFigure(3, 0, 900n), false), "SETTLEMENT_NO_PROPOSAL");
  t.refuse(t.call(SELLER_OP, ac.proposeFigure(3, 0, 1_001n), false), "SETTLEMENT_FIGURE_OUT_OF_RANGE");
  t.refuse(t.call(SELLER_OP, ac.proposeFigure(3, 0, 799n), false), "SETTLEMENT_FIGURE_OUT_OF_RANGE");
  await t.mine(t.call(SELLER_OP, ac.proposeFigure(3, 0, 950n)));
  // the buyer counters; the seller's own proposal is gone
  await t.mine(t.call(BUYER_OP, ac.proposeFigure(3, 0, 900n)));
  assert.deepEqual(dispute(t, 3, 0)?.proposal, { side: "buyer", figure: "900" });
  t.refuse(t.call(BUYER_OP, ac.acceptFigure(3, 0, 900n), false), "SETTLEMENT_OWN_PROPOSAL");
  t.refuse(t.call(SELLER_OP, ac.acceptFigure(3, 0, 950n), false), "SETTLEMENT_FIGURE_MISMATCH");
  assert.deepEqual(await effect(t.call(SELLER_OP, ac.acceptFigure(3, 0, 900n))), {
    obligation: 100n,
    withheld: -200n,
  });
  const d = dispute(t, 3, 0);
  assert.deepEqual([d?.figure, d?.resolution, d?.proposal], ["900", "mutual", null]);
});

test("evidence: a record proved against the poster's own root is kept; a bad proof is refused", async () => {
  const ev = (key: typeof SELLER_OP, set: UsageSet, i: number, path?: Uint8Array[]) =>
    t.call(key, ac.evidence(4, 0, set, i, path), false);
  await t.mine(t.call(SELLER_OP, ac.evidence(4, 0, SELLER_SET, 2)));
  const d = dispute(t, 4, 0);
  assert.equal(d?.evidence.length, 1);
  assert.deepEqual(d?.evidence[0], {
    side: "seller",
    record: canonicalLine(SELLER_SET.records[2]),
    leaf: toHex(recordLeaf(SELLER_SET.records[2])),
    index: 2,
    height: t.height,
  });
  t.refuse(ev(SELLER_OP, SELLER_SET, 2), "SETTLEMENT_EVIDENCE_DUPLICATE");
  // the wrong index, a shortened path, another side's record, a changed record
  t.refuse(ev(SELLER_OP, SELLER_SET, 3, SELLER_SET.proof(4)), "SETTLEMENT_EVIDENCE_INVALID");
  t.refuse(ev(SELLER_OP, SELLER_SET, 3, SELLER_SET.proof(3).slice(1)), "SETTLEMENT_EVIDENCE_INVALID");
  t.refuse(ev(SELLER_OP, BUYER_SET, 1), "SETTLEMENT_EVIDENCE_INVALID");
  const changed = {
    ...SELLER_SET,
    records: SELLER_SET.records.map((r) => ({ ...r, quantity: r.quantity + 1n })),
  };
  t.refuse(ev(SELLER_OP, changed, 3, SELLER_SET.proof(3)), "SETTLEMENT_EVIDENCE_INVALID");
  const outside = { ...SELLER_SET, records: SELLER_SET.records.map((r) => ({ ...r, start: T0 + 60 })) };
  t.refuse(ev(SELLER_OP, outside, 3), "SETTLEMENT_BAD_RECORD");
  const farFuture = { ...SELLER_SET, records: SELLER_SET.records.map((r) => ({ ...r, start: 2 ** 40 })) };
  t.refuse(ev(SELLER_OP, farFuture, 3), "SETTLEMENT_BAD_RECORD");
  t.refuse(ev(OTHER_OP, SELLER_SET, 3), "SETTLEMENT_NOT_PARTY");
  // the buyer proves its own records; the same record may be the evidence of both sides
  await t.mine(t.call(BUYER_OP, ac.evidence(4, 0, BUYER_SET, 0)));
  assert.deepEqual(
    dispute(t, 4, 0)?.evidence.map((e) => e.side),
    ["seller", "buyer"],
  );
  // 16 records a side at most
  await t.mine(
    ...[0, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) =>
      t.call(SELLER_OP, ac.evidence(4, 0, SELLER_SET, i)),
    ),
  );
  assert.equal(dispute(t, 4, 0)?.evidence.length, 17);
  t.refuse(ev(SELLER_OP, SELLER_SET, 16), "SETTLEMENT_EVIDENCE_FULL");
  await t.mine(t.call(BUYER_OP, ac.evidence(4, 0, BUYER_SET, 2)));
});

test("the arbiter decides only after the window, only a figure in the range; no arbiter, no decision", async () => {
  assert.ok(t.c.clock < T0 + 170, "the window is still open");
  t.refuse(t.call(ARBITER, ac.decide(4, 0, 900n), false), "SETTLEMENT_WINDOW_OPEN");
  t.refuse(t.call(SELLER_OP, ac.decide(4, 0, 900n), false), "SETTLEMENT_NOT_ARBITER");
  t.refuse(t.call(ARBITER, ac.decide(5, 0, 900n), false), "SETTLEMENT_NOT_ARBITER");
  await untilTime(t, T0 + 170);
  t.refuse(t.call(ARBITER, ac.decide(4, 0, 1_001n), false), "SETTLEMENT_FIGURE_OUT_OF_RANGE");
  t.refuse(t.call(ARBITER, ac.decide(4, 0, 799n), false), "SETTLEMENT_FIGURE_OUT_OF_RANGE");
  t.refuse(t.call(BUYER_OP, ac.evidence(4, 0, BUYER_SET, 1), false), "SETTLEMENT_EVIDENCE_CLOSED");
  t.refuse(t.call(ARBITER, ac.decide(4, 1, 900n), false), "SETTLEMENT_NO_DISPUTE");
  assert.deepEqual(await effect(t.call(ARBITER, ac.decide(4, 0, 850n))), {
    obligation: 50n,
    withheld: -200n,
  });
  const d = dispute(t, 4, 0);
  assert.deepEqual([d?.figure, d?.resolution, d?.evidence.length], ["850", "arbiter", 18]);
  t.refuse(t.call(ARBITER, ac.decide(4, 0, 850n), false), "SETTLEMENT_DISPUTE_CLOSED");
  // the parties may still settle after the window: agreement 5 has no arbiter
  await t.mine(t.call(BUYER_OP, ac.concede(5, 0)));
  assert.deepEqual(withheld(t, BUYER), [0n, 0n]);
  assert.deepEqual(withheld(t, SELLER), [0n, 0n]);
});
