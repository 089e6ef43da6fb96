/**
 * Netting on a real chain, against hand-computed tables (docs/settlement.md, "Collateral and
 * netting", has the same example): a 4-carrier cycle fully settled; a defaulter carried to the
 * next cycle and settled there once it deposits; removal over several rounds; withheld amounts
 * shown and netted after resolution; an empty cycle writes nothing.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeAfterwards } from "../../../testing/chain-harness.js";
import { getFromRoutes } from "../../../testing/routes-app.js";
import { settlementModule } from "../index.js";
import { readObligations } from "../ledger.js";
import {
  A,
  collateral,
  depositAll,
  EXAMPLE,
  EXAMPLE_COLLATERAL,
  IDS,
  mineTo,
  nettingChain,
  nettingHeight,
  obligeAll,
  row,
  sc,
  statement,
  summary,
} from "./fixtures.test.js";
import type { CycleView } from "./views.js";

const zeroArrears = { arrearsReceivable: 0, arrearsPayable: 0 };
const rows = (t: Awaited<ReturnType<typeof nettingChain>>, cycle: number) =>
  Object.fromEntries(IDS.map((id) => [id, row(statement(t, cycle, id))]));
const sumCollateral = (t: Awaited<ReturnType<typeof nettingChain>>) =>
  IDS.reduce((s, id) => s + collateral(t, id), 0n);

test("a 4-carrier cycle: net positions and payments as computed by hand, all in the netting block", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, { AAA: 1000n, CCC: 100n });
  await obligeAll(t, EXAMPLE);
  await mineTo(t, nettingHeight(0) - 1);
  assert.equal(summary(t, 0), undefined, "nothing is netted before the cycle's last block");
  assert.equal(collateral(t, "AAA"), 1000n);
  await mineTo(t, nettingHeight(0));
  //            receivable  payable   net   paid  received  collateral
  // AAA  200 (CCC)   600 (BBB 500, DDD 100)  −400   400     0    1000 → 600
  // BBB  750 (AAA 500, DDD 250)  300 (CCC)   +450     0   450       0 → 450
  // CCC  300 (BBB)   350 (AAA 200, DDD 150)   −50    50     0     100 → 50
  // DDD  250 (AAA 100, CCC 150)  250 (BBB)      0     0     0       0 → 0
  const settled = { carriedReceivable: 0, carriedPayable: 0, defaultRound: 0, ...zeroArrears };
  assert.deepEqual(rows(t, 0), {
    AAA: {
      grossReceivable: 200,
      grossPayable: 600,
      net: -400,
      paid: 400,
      received: 0,
      ...settled,
      collateralAfter: 600,
    },
    BBB: {
      grossReceivable: 750,
      grossPayable: 300,
      net: 450,
      paid: 0,
      received: 450,
      ...settled,
      collateralAfter: 450,
    },
    CCC: {
      grossReceivable: 300,
      grossPayable: 350,
      net: -50,
      paid: 50,
      received: 0,
      ...settled,
      collateralAfter: 50,
    },
    DDD: {
      grossReceivable: 250,
      grossPayable: 250,
      net: 0,
      paid: 0,
      received: 0,
      ...settled,
      collateralAfter: 0,
    },
  });
  assert.deepEqual(
    IDS.map((id) => collateral(t, id)),
    [600n, 450n, 50n, 0n],
  );
  assert.equal(sumCollateral(t), 1100n, "netting moves collateral, it creates none");
  assert.deepEqual(summary(t, 0), {
    grossVolume: 1500n,
    settledVolume: 1500n,
    carriedVolume: 0n,
    netVolume: 450n,
    carriers: 4,
    defaulters: 0,
    rounds: 1,
  });
  assert.deepEqual(readObligations(t.state("settlement"), 1), [], "nothing carried");
  // the next cycle had no amounts: its netting block writes nothing
  await mineTo(t, nettingHeight(1));
  assert.equal(summary(t, 1), undefined);
  assert.equal(statement(t, 1, "AAA"), undefined);
  const route = await getFromRoutes<CycleView>(
    settlementModule,
    t.query("settlement"),
    "/v1/settlement/cycles/1",
  );
  assert.equal(route.status, 200);
  assert.deepEqual(route.body.summary, {
    ...{ grossVolume: "0", settledVolume: "0", carriedVolume: "0", netVolume: "0", saving: "0" },
    ...{ carriers: 0, defaulters: 0, rounds: 0 },
  });
  assert.deepEqual(route.body.statements, { items: [], next: null });
});

test("a defaulter's amounts are carried to the next cycle as arrears, and settled there once it deposits", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, EXAMPLE_COLLATERAL);
  await obligeAll(t, EXAMPLE);
  await mineTo(t, nettingHeight(0));
  // Round 1: AAA −400 > 300 uncovered → removed with all its pairs (AAA→BBB 500, CCC→AAA 200, AAA→DDD 100).
  // Round 2 without them: BBB 250 − 300 = −50 (60 covers), CCC 300 − 150 = +150, DDD 150 − 250 = −100 (200 covers).
  assert.deepEqual(rows(t, 0), {
    AAA: {
      ...{ grossReceivable: 200, grossPayable: 600, net: -400, paid: 0, received: 0 },
      ...{
        carriedReceivable: 200,
        carriedPayable: 600,
        defaultRound: 1,
        ...zeroArrears,
        collateralAfter: 300,
      },
    },
    BBB: {
      ...{ grossReceivable: 750, grossPayable: 300, net: 450, paid: 50, received: 0 },
      ...{ carriedReceivable: 500, carriedPayable: 0, defaultRound: 0, ...zeroArrears, collateralAfter: 10 },
    },
    CCC: {
      ...{ grossReceivable: 300, grossPayable: 350, net: -50, paid: 0, received: 150 },
      ...{ carriedReceivable: 0, carriedPayable: 200, defaultRound: 0, ...zeroArrears, collateralAfter: 250 },
    },
    DDD: {
      ...{ grossReceivable: 250, grossPayable: 250, net: 0, paid: 100, received: 0 },
      ...{ carriedReceivable: 100, carriedPayable: 0, defaultRound: 0, ...zeroArrears, collateralAfter: 100 },
    },
  });
  assert.deepEqual(summary(t, 0), {
    grossVolume: 1500n,
    settledVolume: 700n,
    carriedVolume: 800n,
    netVolume: 150n,
    carriers: 4,
    defaulters: 1,
    rounds: 2,
  });
  assert.equal(sumCollateral(t), 660n);
  // the carried pairs are cycle 1's first obligations
  assert.deepEqual(readObligations(t.state("settlement"), 1), [
    { buyer: "AAA", seller: "BBB", amount: 500n },
    { buyer: "CCC", seller: "AAA", amount: 200n },
    { buyer: "AAA", seller: "DDD", amount: 100n },
  ]);
  // AAA cannot take its collateral out while it owes the arrears
  t.refuse(t.call(A, sc.withdraw("AAA", 1n), false), "SETTLEMENT_NOT_WITHDRAWABLE");

  // Cycle 1: AAA deposits 200 (300 → 500); its net −400 is covered now.
  await depositAll(t, { AAA: 200n });
  await mineTo(t, nettingHeight(1));
  assert.deepEqual(rows(t, 1), {
    AAA: {
      ...{ grossReceivable: 200, grossPayable: 600, net: -400, paid: 400, received: 0 },
      ...{ carriedReceivable: 0, carriedPayable: 0, defaultRound: 0 },
      ...{ arrearsReceivable: 200, arrearsPayable: 600, collateralAfter: 100 },
    },
    BBB: {
      ...{ grossReceivable: 500, grossPayable: 0, net: 500, paid: 0, received: 500 },
      ...{ carriedReceivable: 0, carriedPayable: 0, defaultRound: 0 },
      ...{ arrearsReceivable: 500, arrearsPayable: 0, collateralAfter: 510 },
    },
    CCC: {
      ...{ grossReceivable: 0, grossPayable: 200, net: -200, paid: 200, received: 0 },
      ...{ carriedReceivable: 0, carriedPayable: 0, defaultRound: 0 },
      ...{ arrearsReceivable: 0, arrearsPayable: 200, collateralAfter: 50 },
    },
    DDD: {
      ...{ grossReceivable: 100, grossPayable: 0, net: 100, paid: 0, received: 100 },
      ...{ carriedReceivable: 0, carriedPayable: 0, defaultRound: 0 },
      ...{ arrearsReceivable: 100, arrearsPayable: 0, collateralAfter: 200 },
    },
  });
  assert.equal(sumCollateral(t), 860n);
  assert.deepEqual(readObligations(t.state("settlement"), 2), []);
});

test("uncovered debtors are removed together, round after round, until every remaining debtor is covered", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, { AAA: 300n, CCC: 100n });
  await obligeAll(t, EXAMPLE);
  await mineTo(t, nettingHeight(0));
  // Round 1: AAA −400 (300) out. Round 2: BBB −50 (0) and DDD −100 (0) out, together.
  // Round 3: CCC has no pair left (net 0): nothing is settled, everything is carried.
  const s = Object.fromEntries(IDS.map((id) => [id, statement(t, 0, id)?.defaultRound]));
  assert.deepEqual(s, { AAA: 1, BBB: 2, CCC: 0, DDD: 2 });
  assert.deepEqual(summary(t, 0), {
    grossVolume: 1500n,
    settledVolume: 0n,
    carriedVolume: 1500n,
    netVolume: 0n,
    carriers: 4,
    defaulters: 3,
    rounds: 3,
  });
  assert.deepEqual(
    IDS.map((id) => collateral(t, id)),
    [300n, 0n, 100n, 0n],
  );
  const ccc = row(statement(t, 0, "CCC"));
  assert.deepEqual(
    {
      paid: ccc?.paid,
      received: ccc?.received,
      carriedR: ccc?.carriedReceivable,
      carriedP: ccc?.carriedPayable,
    },
    { paid: 0, received: 0, carriedR: 300, carriedP: 350 },
  );
  assert.equal(readObligations(t.state("settlement"), 1).length, EXAMPLE.length);
});

test("disputed amounts are shown withheld, kept out of netting, and netted in the cycle they are resolved", async () => {
  const t = closeAfterwards(await nettingChain());
  await depositAll(t, { BBB: 1000n });
  // BBB owes CCC 300 agreed; 70 more is disputed (withheld by the agreements part)
  await t.mine(t.call(A, sc.oblige("BBB", "CCC", 300n)), t.call(A, sc.withhold("BBB", "CCC", 70n)));
  await mineTo(t, nettingHeight(0));
  const b0 = statement(t, 0, "BBB");
  const c0 = statement(t, 0, "CCC");
  assert.deepEqual([b0?.paid, b0?.withheldPayable, b0?.withheldReceivable], [300n, 70n, 0n]);
  assert.deepEqual([c0?.received, c0?.withheldReceivable, c0?.withheldPayable], [300n, 70n, 0n]);
  // resolved in cycle 1 at the full 70: released and recorded as an obligation of cycle 1
  await t.mine(t.call(A, sc.release("BBB", "CCC", 70n)), t.call(A, sc.oblige("BBB", "CCC", 70n)));
  await mineTo(t, nettingHeight(1));
  const b1 = statement(t, 1, "BBB");
  assert.deepEqual([b1?.grossPayable, b1?.paid, b1?.withheldPayable], [70n, 70n, 0n]);
  assert.deepEqual([collateral(t, "BBB"), collateral(t, "CCC")], [630n, 370n]);
});
