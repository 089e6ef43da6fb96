/** A device's life on a real chain: register → transfer → accept → report → refused → recover → transfer. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { sha256 } from "../../crypto/hash.js";
import { testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { dc, device, devicesChain, IMEI_1, IMEI_2, OPERATOR } from "./fixtures.test.js";

const MAKER = testKey(0);
const ALICE = testKey(1);
const BOB = testKey(2);

const chains: ModuleTestChain[] = [];
function fresh(operators?: Parameters<typeof devicesChain>[0]): ModuleTestChain {
  const c = devicesChain(operators);
  chains.push(c);
  return c;
}
/** The latest history event of IMEI_1: [event, height, reason, by]. */
function lastEvent(c: ModuleTestChain) {
  const e = device(c, IMEI_1).history.at(-1);
  return e && [e.event, e.height, e.reason, e.by];
}
after(async () => {
  for (const c of chains) await c.close();
});

test("register, transfer, accept, report stolen, transfer refused, recover, transfer again", async () => {
  const c = fresh();
  assert.equal(device(c, IMEI_1).status, "unregistered");

  await c.mine(c.call(MAKER, dc.register(IMEI_1)));
  const registeredAt = c.height;
  let d = device(c, IMEI_1);
  assert.equal(d.status, "clean");
  assert.equal(d.owner, encodeAddress(MAKER.pub));
  assert.equal(d.since, registeredAt);
  assert.equal(d.registeredAt, registeredAt);

  // an offer does not move ownership
  await c.mine(c.call(MAKER, dc.transfer(IMEI_1, ALICE)));
  d = device(c, IMEI_1);
  assert.equal(d.owner, encodeAddress(MAKER.pub));
  assert.deepEqual(d.pendingTransfer, { to: encodeAddress(ALICE.pub), since: c.height });

  await c.mine(c.call(ALICE, dc.accept(IMEI_1)));
  const soldAt = c.height;
  d = device(c, IMEI_1);
  assert.equal(d.owner, encodeAddress(ALICE.pub));
  assert.equal(d.pendingTransfer, null);
  assert.equal(d.since, registeredAt, "a sale does not change the status");

  const evidence = sha256(new TextEncoder().encode("police report 2026/123"));
  await c.mine(c.call(ALICE, dc.report(IMEI_1, "stolen", evidence)));
  const reportedAt = c.height;
  d = device(c, IMEI_1);
  assert.equal(d.status, "stolen");
  assert.equal(d.reason, "stolen");
  assert.equal(d.flaggedBy, "owner");
  assert.equal(d.evidence, toHex(evidence));
  assert.equal(d.since, reportedAt);

  assert.match(
    c.refuse(c.call(ALICE, dc.transfer(IMEI_1, BOB), false), "DEVICES_FLAGGED"),
    /reported stolen by its owner/,
  );

  await c.mine(c.call(ALICE, dc.recover(IMEI_1)));
  const recoveredAt = c.height;
  d = device(c, IMEI_1);
  assert.equal(d.status, "clean");
  assert.equal(d.reason, null);
  assert.equal(d.flaggedBy, null);
  assert.equal(d.evidence, null);
  assert.equal(d.since, recoveredAt);

  await c.mine(c.call(ALICE, dc.transfer(IMEI_1, BOB)));
  await c.mine(c.call(BOB, dc.accept(IMEI_1)));
  d = device(c, IMEI_1);
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
  await c.mine(c.call(MAKER, dc.register(IMEI_2)));
  await c.mine(c.call(MAKER, dc.transfer(IMEI_2, ALICE)));
  await c.mine(c.call(MAKER, dc.transfer(IMEI_2, BOB)));
  assert.equal(device(c, IMEI_2).pendingTransfer?.to, encodeAddress(BOB.pub));
  c.refuse(c.call(ALICE, dc.accept(IMEI_2), false), "DEVICES_NOT_BUYER");
  await c.mine(c.call(MAKER, dc.cancel(IMEI_2)));
  assert.equal(device(c, IMEI_2).pendingTransfer, null);
  c.refuse(c.call(BOB, dc.accept(IMEI_2), false), "DEVICES_NO_PENDING_TRANSFER");

  await c.mine(c.call(MAKER, dc.transfer(IMEI_2, ALICE)));
  await c.mine(c.call(MAKER, dc.report(IMEI_2, "lost")));
  assert.equal(device(c, IMEI_2).pendingTransfer, null, "the report cancelled the offer");
  // the buyer is told why, not just that there is no offer
  c.refuse(c.call(ALICE, dc.accept(IMEI_2), false), "DEVICES_FLAGGED");
  await c.mine(c.call(MAKER, dc.recover(IMEI_2)));
  c.refuse(c.call(ALICE, dc.accept(IMEI_2), false), "DEVICES_NO_PENDING_TRANSFER");
});

test("a carrier flags (its id recorded); only that carrier clears it — not another carrier, not the owner", async () => {
  const OTHER_OP = testKey(6);
  const SECOND_OP = testKey(7);
  const c = fresh([
    [OPERATOR, "TESTCARRIER"],
    [SECOND_OP, "TESTCARRIER"],
    [OTHER_OP, "OTHERCARRIER"],
  ]);
  await c.mine(c.call(ALICE, dc.register(IMEI_1)));
  await c.mine(c.call(ALICE, dc.transfer(IMEI_1, BOB)));
  await c.mine(c.call(OPERATOR, dc.flag(IMEI_1, "fraud")));
  const flaggedAt = c.height;
  const d = device(c, IMEI_1);
  assert.equal(d.status, "stolen");
  assert.equal(d.reason, "fraud");
  assert.equal(d.flaggedBy, "TESTCARRIER");
  assert.equal(d.since, flaggedAt);
  assert.equal(d.pendingTransfer, null, "a flag cancels an open offer too");
  c.refuse(c.call(OTHER_OP, dc.flag(IMEI_1, "stolen"), false), "DEVICES_FLAGGED");
  c.refuse(c.call(ALICE, dc.report(IMEI_1, "stolen"), false), "DEVICES_FLAGGED");
  const notFlagger = /flagged by carrier TESTCARRIER: only an operator of that carrier may clear it/;
  assert.match(c.refuse(c.call(OTHER_OP, dc.recover(IMEI_1), false), "DEVICES_NOT_FLAGGER"), notFlagger);
  // the owner may not clear a carrier's flag (issue 9 item 8), nor may anyone else
  assert.match(c.refuse(c.call(ALICE, dc.recover(IMEI_1), false), "DEVICES_NOT_FLAGGER"), notFlagger);
  c.refuse(c.call(BOB, dc.recover(IMEI_1), false), "DEVICES_NOT_FLAGGER");
  assert.equal(device(c, IMEI_1).status, "stolen");
  // another operator of the same carrier may clear it
  await c.mine(c.call(SECOND_OP, dc.recover(IMEI_1)));
  assert.equal(device(c, IMEI_1).status, "clean");
  assert.deepEqual(lastEvent(c), ["recovered", c.height, "fraud", "TESTCARRIER"]);

  // and so may the operator that flagged it
  await c.mine(c.call(OPERATOR, dc.flag(IMEI_1, "stolen")));
  assert.deepEqual(lastEvent(c), ["flagged", c.height, "stolen", "TESTCARRIER"]);
  c.refuse(c.call(ALICE, dc.recover(IMEI_1), false), "DEVICES_NOT_FLAGGER");
  await c.mine(c.call(OPERATOR, dc.recover(IMEI_1)));
  assert.deepEqual(lastEvent(c), ["recovered", c.height, "stolen", "TESTCARRIER"]);
});

test("an owner's report: the owner clears it; no carrier can, not even the one operated by a past owner", async () => {
  const c = fresh([
    [OPERATOR, "TESTCARRIER"],
    [MAKER, "MAKERTEL"],
  ]);
  await c.mine(c.call(MAKER, dc.register(IMEI_1)));
  await c.mine(c.call(MAKER, dc.transfer(IMEI_1, ALICE)));
  await c.mine(c.call(ALICE, dc.accept(IMEI_1)));
  await c.mine(c.call(ALICE, dc.report(IMEI_1, "lost")));
  const ownerOnly = /reported by its owner: only the owner may clear it/;
  assert.match(c.refuse(c.call(OPERATOR, dc.recover(IMEI_1), false), "DEVICES_NOT_OWNER"), ownerOnly);
  assert.match(c.refuse(c.call(MAKER, dc.recover(IMEI_1), false), "DEVICES_NOT_OWNER"), ownerOnly);
  c.refuse(c.call(BOB, dc.recover(IMEI_1), false), "DEVICES_NOT_OWNER");
  assert.equal(device(c, IMEI_1).status, "stolen");
  await c.mine(c.call(ALICE, dc.recover(IMEI_1)));
  assert.deepEqual(lastEvent(c), ["recovered", c.height, "lost", "owner"]);
});

test("history: the latest 100 events, oldest first, with the total", async () => {
  const c = fresh();
  await c.mine(c.call(ALICE, dc.register(IMEI_1)));
  // 120 more events: report/recover pairs, several per block
  for (let i = 0; i < 20; i++) {
    const txs = [];
    for (let j = 0; j < 3; j++) {
      txs.push(c.call(ALICE, dc.report(IMEI_1, "lost")), c.call(ALICE, dc.recover(IMEI_1)));
    }
    await c.mine(...txs);
  }
  const d = device(c, IMEI_1);
  assert.equal(d.historyTotal, 121);
  assert.equal(d.history.length, 100);
  // seq 0 registered, then odd seqs are reports and even ones recoveries: the latest 100 are seqs 21..120
  assert.equal(d.history[0].event, "reported");
  assert.equal(d.history[1].event, "recovered");
  assert.equal(d.history.at(-1)?.event, "recovered");
  assert.equal(d.history.at(-1)?.height, c.height);
  assert.ok(d.history.every((e, i) => i === 0 || e.height >= d.history[i - 1].height));
});
