/**
 * A reorg across a netting block: from one chain, a branch where AAA defaults at the netting
 * block and a heavier one where AAA deposits in that very block and everyone settles. After
 * the reorg, collateral, statements, the summary, the carried obligations, the routes' answers
 * and the state root are exactly the surviving branch's; and back when the first branch grows.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../../bytes.js";
import { closeAfterwards } from "../../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { getFromRoutes } from "../../../testing/routes-app.js";
import { readObligations } from "../ledger.js";
import {
  A,
  collateral,
  depositAll,
  EXAMPLE,
  EXAMPLE_COLLATERAL,
  emptyNettingChain,
  IDS,
  nettingHeight,
  obligeAll,
  registerCarriers,
  sc,
  settlementUnderTest,
  statement,
  summary,
} from "./fixtures.test.js";

/** Everything the netting wrote, as the state and the routes show it. */
async function picture(t: ModuleTestChain) {
  const get = async (url: string) =>
    (await getFromRoutes(settlementUnderTest, t.query("settlement"), url)).body;
  return {
    collateral: IDS.map((id) => collateral(t, id)),
    statements: IDS.map((id) => statement(t, 0, id)),
    summary: summary(t, 0),
    carried: readObligations(t.state("settlement"), 1),
    cycleRoute: await get("/v1/settlement/cycles/0"),
    collateralRoute: await get("/v1/settlement/collateral/AAA"),
    stateRoot: toHex(t.c.chain.state.root()),
  };
}

test("a heavier branch without the default replaces the netting block that had it, and back", async () => {
  const a = closeAfterwards(emptyNettingChain());
  const b = closeAfterwards(emptyNettingChain());
  const aAgain = closeAfterwards(emptyNettingChain());
  // The common part: carriers (block 1), deposits (2), the docs' example obligations (3).
  const common = [
    await registerCarriers(a),
    await depositAll(a, EXAMPLE_COLLATERAL),
    await obligeAll(a, EXAMPLE),
  ];
  for (const other of [b, aAgain]) await other.followFrom(a, common);
  await a.mineEmpty(nettingHeight(0) - a.height - 1);
  const a4 = await a.mine(); // branch A's netting block: AAA defaults
  assert.equal(a.height, nettingHeight(0));
  assert.equal(statement(a, 0, "AAA")?.defaultRound, 1);
  const defaulted = await picture(a);

  // Branch B: AAA deposits 200 more in the netting block itself (before netting): nobody defaults.
  b.c.clock += 1;
  await b.mineEmpty(nettingHeight(0) - b.height - 1);
  const b4 = await b.mine(b.call(A, sc.deposit("AAA", 200n)));
  const b5 = await b.mine();
  const survivor = await picture(b);
  assert.equal(survivor.summary?.defaulters, 0);
  assert.deepEqual(survivor.carried, []);
  assert.deepEqual(survivor.collateral, [100n, 510n, 50n, 200n]);
  assert.notDeepEqual(survivor.statements, defaulted.statements);

  a.c.clock = b.c.clock;
  const res = await a.importBlocks([b4, b5]);
  assert.equal(res?.status, "head");
  assert.equal(res?.disconnected.length, 1, "branch A's netting block is undone");
  assert.deepEqual(await picture(a), survivor);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash));

  // And back: branch A's netting block returns with two more blocks; so does its default.
  await aAgain.importBlocks([a4]);
  aAgain.c.clock = a.c.clock;
  const more = [await aAgain.mine(), await aAgain.mine()];
  await a.importBlocks(more);
  assert.equal(toHex(a.c.chain.head().hash), toHex(aAgain.c.chain.head().hash));
  assert.deepEqual(await picture(a), await picture(aAgain));
  assert.deepEqual((await picture(a)).statements, defaulted.statements);
});
