/**
 * A reorg across a stolen report: two chains from one genesis, one where the device is
 * reported stolen, a heavier one where it is sold instead. After the reorg the registry is
 * exactly what the surviving branch says, and the way back works the same.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { SPACING, testKey } from "../../testing/chain-harness.js";
import { DevicesTestChain, devicesGenesis, IMEI_1, IMEI_2 } from "./test-chain.js";

const OWNER = testKey(0);
const BUYER = testKey(1);
const OPERATOR = testKey(5);

const chains: DevicesTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});
function fresh(): DevicesTestChain {
  const c = DevicesTestChain.create(devicesGenesis([[OPERATOR, "TESTCARRIER"]]));
  chains.push(c);
  return c;
}

test("a heavier branch without the stolen report replaces the one with it", async () => {
  const a = fresh();
  const b = fresh();
  // Common block: the device is registered and offered to BUYER on both.
  const common = await a.mine(a.register(OWNER, IMEI_1), a.transfer(OWNER, IMEI_1, BUYER));
  await b.chain.importBlock(common);
  b.clock = a.clock;

  // Branch A: the owner reports it stolen (the offer is cancelled) and a carrier flags another device.
  const a1 = await a.mine(a.flagTx(OWNER, "report-stolen", IMEI_1, "stolen"), a.register(OWNER, IMEI_2));
  const a2 = await a.mine(a.flagTx(OPERATOR, "flag", IMEI_2, "fraud"));
  assert.equal(a.device(IMEI_1).status, "stolen");
  assert.equal(a.device(IMEI_2).flaggedBy, "TESTCARRIER");

  // Branch B, mined independently (other timestamps): the buyer accepts, then nothing.
  b.clock += 1;
  const b1 = await b.mine(b.simple(BUYER, "accept", IMEI_1));
  const b2 = await b.mine();
  const b3 = await b.mine();
  const survivor = {
    [IMEI_1]: b.device(IMEI_1),
    [IMEI_2]: b.device(IMEI_2),
  };
  assert.equal(survivor[IMEI_1].status, "clean");
  assert.equal(survivor[IMEI_1].owner, encodeAddress(BUYER.pub));
  assert.equal(survivor[IMEI_2].status, "unregistered");

  for (const block of [b1, b2]) await a.chain.importBlock(block);
  assert.equal(a.device(IMEI_1).status, "stolen", "equal work: the first-seen branch stays");
  a.clock = b.clock + SPACING;
  const res = await a.chain.importBlock(b3);
  assert.equal(res.status, "head");
  assert.equal(res.disconnected.length, 2);
  assert.deepEqual(a.device(IMEI_1), survivor[IMEI_1]);
  assert.deepEqual(a.device(IMEI_2), survivor[IMEI_2]);

  // And back: A's branch grows heavier again, its report and flag return exactly.
  const aAgain = fresh();
  await aAgain.chain.importBlock(common);
  for (const block of [a1, a2]) await aAgain.chain.importBlock(block);
  const reported = aAgain.device(IMEI_1);
  aAgain.clock = a.clock;
  const a3 = await aAgain.mine();
  const a4 = await aAgain.mine();
  for (const block of [a3, a4]) await a.chain.importBlock(block);
  assert.equal(toHex(a.chain.head().hash), toHex(aAgain.chain.head().hash));
  assert.deepEqual(a.device(IMEI_1), reported);
  assert.equal(a.device(IMEI_1).status, "stolen");
  assert.equal(a.device(IMEI_1).pendingTransfer, null);
  assert.equal(a.device(IMEI_2).flaggedBy, "TESTCARRIER");
});
