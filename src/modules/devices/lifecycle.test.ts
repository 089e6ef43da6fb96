/** A device's life on a real chain: register → transfer → accept → report → refused → recover → transfer. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { sha256 } from "../../crypto/hash.js";
import { testKey } from "../../testing/chain-harness.js";
import { DevicesTestChain, devicesGenesis, IMEI_1, IMEI_2 } from "./test-chain.js";

const MAKER = testKey(0);
const ALICE = testKey(1);
const BOB = testKey(2);
const OPERATOR = testKey(5);

const chains: DevicesTestChain[] = [];
function fresh(genesis = devicesGenesis([[OPERATOR, "TESTCARRIER"]])): DevicesTestChain {
  const c = DevicesTestChain.create(genesis);
  chains.push(c);
  return c;
}
after(async () => {
  for (const c of chains) await c.close();
});

test("register, transfer, accept, report stolen, transfer refused, recover, transfer again", async () => {
  const c = fresh();
  assert.equal(c.device(IMEI_1).status, "unregistered");

  await c.mine(c.register(MAKER, IMEI_1));
  const registeredAt = c.height;
  let d = c.device(IMEI_1);
  assert.equal(d.status, "clean");
  assert.equal(d.owner, encodeAddress(MAKER.pub));
  assert.equal(d.since, registeredAt);
  assert.equal(d.registeredAt, registeredAt);

  // an offer does not move ownership
  await c.mine(c.transfer(MAKER, IMEI_1, ALICE));
  d = c.device(IMEI_1);
  assert.equal(d.owner, encodeAddress(MAKER.pub));
  assert.deepEqual(d.pendingTransfer, { to: encodeAddress(ALICE.pub), since: c.height });

  await c.mine(c.simple(ALICE, "accept", IMEI_1));
  const soldAt = c.height;
  d = c.device(IMEI_1);
  assert.equal(d.owner, encodeAddress(ALICE.pub));
  assert.equal(d.pendingTransfer, null);
  assert.equal(d.since, registeredAt, "a sale does not change the status");

  const evidence = sha256(new TextEncoder().encode("police report 2026/123"));
  await c.mine(c.flagTx(ALICE, "report-stolen", IMEI_1, "stolen", evidence));
  const reportedAt = c.height;
  d = c.device(IMEI_1);
  assert.equal(d.status, "stolen");
  assert.equal(d.reason, "stolen");
  assert.equal(d.flaggedBy, "owner");
  assert.equal(d.evidence, toHex(evidence));
  assert.equal(d.since, reportedAt);

  assert.match(
    c.refuse(c.transfer(ALICE, IMEI_1, BOB, false), "DEVICES_FLAGGED"),
    /reported stolen by its owner/,
  );

  await c.mine(c.simple(ALICE, "recover", IMEI_1));
  const recoveredAt = c.height;
  d = c.device(IMEI_1);
  assert.equal(d.status, "clean");
  assert.equal(d.reason, null);
  assert.equal(d.flaggedBy, null);
  assert.equal(d.evidence, null);
  assert.equal(d.since, recoveredAt);

  await c.mine(c.transfer(ALICE, IMEI_1, BOB));
  await c.mine(c.simple(BOB, "accept", IMEI_1));
  d = c.device(IMEI_1);
  assert.equal(d.owner, encodeAddress(BOB.pub));
  assert.deepEqual(d.history, [
    { event: "registered", height: registeredAt, reason: null, by: null },
    { event: "transferred", height: soldAt, reason: null, by: null },
    { event: "reported", height: reportedAt, reason: "stolen", by: "owner" },
    { event: "recovered", height: recoveredAt, reason: "stolen", by: "owner" },
    { event: "transferred", height: c.height, reason: null, by: null },
  ]);
  assert.equal(d.historyTotal, 5);
  assert.ok(
    !JSON.stringify(d.history).includes(encodeAddress(MAKER.pub).slice(4)),
    "history names no past owner",
  );
});

test("a report cancels an open offer; cancel-transfer withdraws one; a new offer replaces the old", async () => {
  const c = fresh();
  await c.mine(c.register(MAKER, IMEI_2));
  await c.mine(c.transfer(MAKER, IMEI_2, ALICE));
  await c.mine(c.transfer(MAKER, IMEI_2, BOB));
  assert.equal(c.device(IMEI_2).pendingTransfer?.to, encodeAddress(BOB.pub));
  c.refuse(c.simple(ALICE, "accept", IMEI_2, false), "DEVICES_NOT_BUYER");
  await c.mine(c.simple(MAKER, "cancel-transfer", IMEI_2));
  assert.equal(c.device(IMEI_2).pendingTransfer, null);
  c.refuse(c.simple(BOB, "accept", IMEI_2, false), "DEVICES_NO_PENDING_TRANSFER");

  await c.mine(c.transfer(MAKER, IMEI_2, ALICE));
  await c.mine(c.flagTx(MAKER, "report-stolen", IMEI_2, "lost"));
  assert.equal(c.device(IMEI_2).pendingTransfer, null, "the report cancelled the offer");
  // the buyer is told why, not just that there is no offer
  c.refuse(c.simple(ALICE, "accept", IMEI_2, false), "DEVICES_FLAGGED");
  await c.mine(c.simple(MAKER, "recover", IMEI_2));
  c.refuse(c.simple(ALICE, "accept", IMEI_2, false), "DEVICES_NO_PENDING_TRANSFER");
});

test("a carrier flags (its id recorded); that carrier or the owner clears it, another carrier cannot", async () => {
  const OTHER_OP = testKey(6);
  const SECOND_OP = testKey(7);
  const c = fresh(
    devicesGenesis([
      [OPERATOR, "TESTCARRIER"],
      [SECOND_OP, "TESTCARRIER"],
      [OTHER_OP, "OTHERCARRIER"],
    ]),
  );
  await c.mine(c.register(ALICE, IMEI_1));
  await c.mine(c.transfer(ALICE, IMEI_1, BOB));
  await c.mine(c.flagTx(OPERATOR, "flag", IMEI_1, "fraud"));
  const flaggedAt = c.height;
  let d = c.device(IMEI_1);
  assert.equal(d.status, "stolen");
  assert.equal(d.reason, "fraud");
  assert.equal(d.flaggedBy, "TESTCARRIER");
  assert.equal(d.since, flaggedAt);
  assert.equal(d.pendingTransfer, null, "a flag cancels an open offer too");
  c.refuse(c.flagTx(OTHER_OP, "flag", IMEI_1, "stolen", undefined, false), "DEVICES_FLAGGED");
  c.refuse(c.flagTx(ALICE, "report-stolen", IMEI_1, "stolen", undefined, false), "DEVICES_FLAGGED");
  assert.match(
    c.refuse(c.simple(OTHER_OP, "recover", IMEI_1, false), "DEVICES_NOT_OWNER"),
    /flagged by carrier TESTCARRIER: only the owner or an operator of that carrier/,
  );
  c.refuse(c.simple(BOB, "recover", IMEI_1, false), "DEVICES_NOT_OWNER");
  // another operator of the same carrier may clear it
  await c.mine(c.simple(SECOND_OP, "recover", IMEI_1));
  d = c.device(IMEI_1);
  assert.equal(d.status, "clean");
  assert.deepEqual(d.history.at(-1), {
    event: "recovered",
    height: c.height,
    reason: "fraud",
    by: "TESTCARRIER",
  });

  // the owner may clear a carrier's flag too, and the history says it was the owner
  await c.mine(c.flagTx(OPERATOR, "flag", IMEI_1, "stolen"));
  assert.deepEqual(c.device(IMEI_1).history.at(-1), {
    event: "flagged",
    height: c.height,
    reason: "stolen",
    by: "TESTCARRIER",
  });
  await c.mine(c.simple(ALICE, "recover", IMEI_1));
  assert.deepEqual(c.device(IMEI_1).history.at(-1), {
    event: "recovered",
    height: c.height,
    reason: "stolen",
    by: "owner",
  });

  // an owner's report: a carrier cannot clear it
  await c.mine(c.flagTx(ALICE, "report-stolen", IMEI_1, "lost"));
  assert.match(
    c.refuse(c.simple(OPERATOR, "recover", IMEI_1, false), "DEVICES_NOT_OWNER"),
    /reported by its owner: only the owner may clear it/,
  );
});

test("history: the latest 100 events, oldest first, with the total", async () => {
  const c = fresh();
  await c.mine(c.register(ALICE, IMEI_1));
  // 120 more events: report/recover pairs, several per block
  for (let i = 0; i < 20; i++) {
    const txs = [];
    for (let j = 0; j < 3; j++) {
      txs.push(c.flagTx(ALICE, "report-stolen", IMEI_1, "lost"), c.simple(ALICE, "recover", IMEI_1));
    }
    await c.mine(...txs);
  }
  const d = c.device(IMEI_1);
  assert.equal(d.historyTotal, 121);
  assert.equal(d.history.length, 100);
  // seq 0 registered, then odd seqs are reports and even ones recoveries: the latest 100 are seqs 21..120
  assert.equal(d.history[0].event, "reported");
  assert.equal(d.history[1].event, "recovered");
  assert.equal(d.history.at(-1)?.event, "recovered");
  assert.equal(d.history.at(-1)?.height, c.height);
  assert.ok(d.history.every((e, i) => i === 0 || e.height >= d.history[i - 1].height));
});
