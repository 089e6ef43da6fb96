/**
 * The agreements part and netting together, through the real kinds only: an agreed period is
 * paid from the buyer's collateral at its cycle's last block; a period settled at its deadline
 * IN a cycle's last block is netted in that same block (the end-of-block order); a disputed
 * difference is withheld from netting and paid in the cycle its dispute ends.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeAfterwards, T0 } from "../../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { collateralCalls } from "../netting/index.js";
import { readCollateral, readStatement } from "../netting/store.js";
import {
  ac,
  agreementChain,
  BUYER,
  BUYER_OP,
  endOf,
  period,
  SELLER,
  SELLER_OP,
  untilTime,
} from "./fixtures.test.js";

const collateral = (t: ModuleTestChain, id: string) => readCollateral(t.state("settlement"), id);
const deposit = (carrier: string, amount: bigint) =>
  collateralCalls["collateral-deposit"]({ carrier, amount });

/** Mines empty blocks up to and including `height`. */
async function mineTo(t: ModuleTestChain, height: number): Promise<void> {
  while (t.height < height) await t.mine();
}

test("agreed, deadline and disputed amounts are netted from collateral in the right cycles", async () => {
  // cycles of 10 blocks, block h at T0 + 10h; agreement 1 (AAA sells to BBB), tolerance 1 %
  const t = closeAfterwards(await agreementChain({ toleranceBps: 100 }));
  await t.mine(t.call(BUYER_OP, deposit(BUYER, 10_000n)), t.call(SELLER_OP, deposit(SELLER, 1_000n)));

  // period 0 (ends T0 + 60): 1,000 against 995, within 1 %: 1,000 agreed in cycle 0
  await untilTime(t, endOf(0));
  await t.mine(
    t.call(SELLER_OP, ac.commit(1, 0, { charge: 1_000n })),
    t.call(BUYER_OP, ac.commit(1, 0, { charge: 995n })),
  );
  assert.equal(period(t, 1, 0).outcome?.cycle, 0);
  await mineTo(t, 9); // cycle 0's last block nets it
  assert.deepEqual([collateral(t, BUYER), collateral(t, SELLER)], [9_000n, 2_000n]);

  // period 1 (ends T0 + 120, deadline T0 + 180): only the seller commits 300. Block 18 is at the
  // deadline (nothing yet); block 19, cycle 1's last, settles it at the deadline and nets it.
  await untilTime(t, endOf(1));
  await t.mine(t.call(SELLER_OP, ac.commit(1, 1, { charge: 300n })));
  await mineTo(t, 18);
  assert.equal(t.c.clock, T0 + 180);
  assert.equal(period(t, 1, 1).outcome, null);
  await t.mine();
  assert.deepEqual([period(t, 1, 1).outcome?.kind, period(t, 1, 1).outcome?.cycle], ["deadline", 1]);
  assert.deepEqual(
    [collateral(t, BUYER), collateral(t, SELLER)],
    [8_700n, 2_300n],
    "netted in the same block",
  );

  // period 2: 2,000 against 1,500: 1,500 agreed and paid in cycle 2, 500 withheld …
  await untilTime(t, endOf(2));
  await t.mine(
    t.call(SELLER_OP, ac.commit(1, 2, { charge: 2_000n })),
    t.call(BUYER_OP, ac.commit(1, 2, { charge: 1_500n })),
  );
  await mineTo(t, 29);
  assert.deepEqual([collateral(t, BUYER), collateral(t, SELLER)], [7_200n, 3_800n]);
  const statement = readStatement(t.state("settlement"), 2, BUYER);
  assert.equal(statement?.withheldPayable, 500n, "the disputed 500 is kept out of cycle 2");
  // … until the buyer concedes in cycle 3: the 500 is paid at its end
  await t.mine(t.call(BUYER_OP, ac.concede(1, 2)));
  await mineTo(t, 39);
  assert.deepEqual([collateral(t, BUYER), collateral(t, SELLER)], [6_700n, 4_300n]);
});
