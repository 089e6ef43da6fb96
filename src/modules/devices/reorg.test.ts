/**
 * A reorg across a stolen report: two chains from one genesis, one where the device is
 * reported stolen, a heavier one where it is sold instead. After the reorg the registry is
 * exactly what the surviving branch says, and the way back works the same.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, SPACING, testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { dc, device, devicesChain, IMEI_1, IMEI_2, OPERATOR } from "./fixtures.test.js";

const OWNER = testKey(0);
const BUYER = testKey(1);

const fresh = (): ModuleTestChain => closeAfterwards(devicesChain());

test("a heavier branch without the stolen report replaces the one with it", async () => {
  const a = fresh();
  const b = fresh();
  // Common block: the device is registered and offered to BUYER on both.
  const common = await a.mine(a.call(OWNER, dc.register(IMEI_1)), a.call(OWNER, dc.transfer(IMEI_1, BUYER)));
  await b.c.chain.importBlock(common);
  b.c.clock = a.c.clock;

  // Branch A: the owner reports it stolen (the offer is cancelled) and a carrier flags another device.
  const a1 = await a.mine(a.call(OWNER, dc.report(IMEI_1, "stolen")), a.call(OWNER, dc.register(IMEI_2)));
  const a2 = await a.mine(a.call(OPERATOR, dc.flag(IMEI_2, "fraud")));
  assert.equal(device(a, IMEI_1).status, "stolen");
  assert.equal(device(a, IMEI_2).flaggedBy, "TESTCARRIER");

  // Branch B, mined independently (other timestamps): the buyer accepts, then nothing.
  b.c.clock += 1;
  const b1 = await b.mine(b.call(BUYER, dc.accept(IMEI_1)));
  const b2 = await b.mine();
  const b3 = await b.mine();
  const survivor = {
    [IMEI_1]: device(b, IMEI_1),
    [IMEI_2]: device(b, IMEI_2),
  };
  assert.equal(survivor[IMEI_1].status, "clean");
  assert.equal(survivor[IMEI_1].owner, encodeAddress(BUYER.pub));
  assert.equal(survivor[IMEI_2].status, "unregistered");

  for (const block of [b1, b2]) await a.c.chain.importBlock(block);
  assert.equal(device(a, IMEI_1).status, "stolen", "equal work: the first-seen branch stays");
  a.c.clock = b.c.clock + SPACING;
  const res = await a.c.chain.importBlock(b3);
  assert.equal(res.status, "head");
  assert.equal(res.disconnected.length, 2);
  assert.deepEqual(device(a, IMEI_1), survivor[IMEI_1]);
  assert.deepEqual(device(a, IMEI_2), survivor[IMEI_2]);

  // And back: A's branch grows heavier again, its report and flag return exactly.
  const aAgain = fresh();
  await aAgain.c.chain.importBlock(common);
  for (const block of [a1, a2]) await aAgain.c.chain.importBlock(block);
  const reported = device(aAgain, IMEI_1);
  aAgain.c.clock = a.c.clock;
  const a3 = await aAgain.mine();
  const a4 = await aAgain.mine();
  for (const block of [a3, a4]) await a.c.chain.importBlock(block);
  assert.equal(toHex(a.c.chain.head().hash), toHex(aAgain.c.chain.head().hash));
  assert.deepEqual(device(a, IMEI_1), reported);
  assert.equal(device(a, IMEI_1).status, "stolen");
  assert.equal(device(a, IMEI_1).pendingTransfer, null);
  assert.equal(device(a, IMEI_2).flaggedBy, "TESTCARRIER");
});
