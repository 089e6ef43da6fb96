/**
 * A reorg across a reconciliation: from the same blocks (agreement in force, the seller's
 * commitment), branch A reconciles within the tolerance, a heavier branch B outside it (a
 * dispute, an amount withheld). After the reorg the period, the dispute, the ledger and the
 * deadline queue are exactly what the surviving branch says, and the way back works the same.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../../bytes.js";
import type { Block } from "../../../codec/schema.js";
import { closeAfterwards } from "../../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { queueSize } from "./deadlines.js";
import {
  ac,
  BUYER,
  BUYER_OP,
  dispute,
  endOf,
  fresh,
  obligations,
  period,
  registerCarrier,
  SELLER,
  SELLER_OP,
  withheld,
} from "./fixtures.test.js";

/** Everything the agreements part says about agreement 1's period 0 and the ledger. */
const snapshot = (t: ModuleTestChain) => ({
  period: period(t, 1, 0),
  dispute: dispute(t, 1, 0),
  obligations: [0, 1, 2].map((c) => obligations(t, c)),
  withheld: [withheld(t, BUYER), withheld(t, SELLER)],
  queue: queueSize(t.state("settlement")),
});

test("a heavier branch with a dispute replaces one where the period was agreed, and back", async () => {
  const a = closeAfterwards(fresh());
  const common: Block[] = [
    await a.mine(
      a.call(SELLER_OP, registerCarrier(SELLER, "1555")),
      a.call(BUYER_OP, registerCarrier(BUYER, "4930")),
    ),
    await a.mine(a.call(SELLER_OP, ac.propose())),
    await a.mine(a.call(BUYER_OP, ac.accept(1))),
  ];
  while (a.c.clock < endOf(0)) common.push(await a.mine());
  common.push(await a.mine(a.call(SELLER_OP, ac.commit(1, 0, { charge: 10_000n }))));
  const b = closeAfterwards(fresh());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1; // other timestamps, other blocks

  // A: the buyer's 9,950 is within 1 %: 10,000 agreed
  const a1 = await a.mine(a.call(BUYER_OP, ac.commit(1, 0, { charge: 9_950n })));
  const a2 = await a.mine();
  const agreed = snapshot(a);
  assert.equal(agreed.period.outcome?.kind, "agreed");
  assert.equal(agreed.dispute, undefined);
  assert.deepEqual(agreed.withheld, [
    [0n, 0n],
    [0n, 0n],
  ]);

  // B: the buyer's 9,000 is not: 9,000 agreed, 1,000 withheld; one block more
  const branch = [
    await b.mine(b.call(BUYER_OP, ac.commit(1, 0, { charge: 9_000n }))),
    await b.mine(),
    await b.mine(),
  ];
  const disputed = snapshot(b);
  assert.equal(disputed.period.outcome?.kind, "disputed");
  assert.equal(disputed.dispute?.status, "open");
  assert.deepEqual(disputed.withheld, [
    [1_000n, 0n],
    [0n, 1_000n],
  ]);

  a.c.clock = b.c.clock;
  await a.importBlocks(branch);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(snapshot(a), disputed, "the state is what the surviving branch says");

  // and back: A's own branch grows heavier again
  const again = closeAfterwards(fresh());
  again.c.clock = a.c.clock;
  await again.importBlocks([...common, a1, a2]);
  again.c.clock = a.c.clock;
  const more = [await again.mine(), await again.mine()];
  await a.importBlocks(more);
  assert.equal(toHex(a.c.chain.head().hash), toHex(again.c.chain.head().hash));
  const back = snapshot(a);
  assert.deepEqual(back, snapshot(again));
  assert.deepEqual(
    [back.period, back.dispute, back.withheld],
    [agreed.period, agreed.dispute, agreed.withheld],
  );
});
