/**
 * A number's life on a real chain: claim → confirm → port → accept-port → release, with
 * every refusal on the way, the deposit locked and returned, fees burned, and the history.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { testKey } from "../../testing/chain-harness.js";
import { FEE, NumbersTestChain, TEST_PARAMS } from "./test-chain.js";

const opA = testKey(0); // operator of AAA
const opB = testKey(1); // operator of BBB
const sub = testKey(2); // subscriber
const other = testKey(3); // another subscriber
const stranger = testKey(4);
const N = "+15551230000";
const DEPOSIT = BigInt(TEST_PARAMS.claimDeposit);
const PORT_FEE = BigInt(TEST_PARAMS.portFee);

const chains: NumbersTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

async function withCarriers(): Promise<NumbersTestChain> {
  const t = NumbersTestChain.create();
  chains.push(t);
  await t.mine(
    t.carrierTx(opA, "register", { id: "AAA", routingPrefixes: ["1555000"] }),
    t.carrierTx(opB, "register", { id: "BBB", routingPrefixes: ["1666", "1777"] }),
  );
  return t;
}

test("claim, confirm, port, accept-port, release: state, balances, history and refusals", async () => {
  const t = await withCarriers();
  const start = t.c.balance(sub.pub);

  // claim: number and carrier checked, deposit locked
  t.refuse(t.claimTx(sub, "+1555", "AAA", false), "NUMBERS_BAD_NUMBER");
  t.refuse(t.claimTx(sub, "15551230000", "AAA", false), "NUMBERS_BAD_NUMBER");
  t.refuse(t.claimTx(sub, N, "ZZZ", false), "NUMBERS_CARRIER_UNKNOWN");
  t.refuse(t.claimTx(sub, N, "zz", false), "NUMBERS_CARRIER_UNKNOWN");
  await t.mine(t.claimTx(sub, N, "AAA"));
  assert.equal(t.c.balance(sub.pub), start - FEE - DEPOSIT, "deposit locked");
  const pending = t.view(N);
  assert.equal(pending?.status, "pending-confirmation");
  assert.equal(pending?.routingNumber, null);
  assert.equal(pending?.holder, encodeAddress(sub.pub));
  assert.equal(pending?.confirmBy, t.height + TEST_PARAMS.confirmDeadline);
  // a double claim, while pending
  t.refuse(t.claimTx(other, N, "BBB", false), "NUMBERS_TAKEN");
  // only the holder's carrier confirms; a holder cannot port before confirmation
  t.refuse(t.confirmTx(stranger, N, "", false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.confirmTx(opB, N, "", false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.confirmTx(sub, N, "", false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.confirmTx(opA, N, "1666123", false), "NUMBERS_BAD_ROUTING_NUMBER"); // BBB's prefix
  t.refuse(t.confirmTx(opA, "+15551239999", "", false), "NUMBERS_UNKNOWN");
  t.refuse(t.portTx(sub, N, "BBB", false), "NUMBERS_NOT_ACTIVE");
  await t.mine(t.confirmTx(opA, N));
  const active = t.view(N);
  assert.equal(active?.status, "active");
  assert.equal(active?.carrier, "AAA");
  assert.equal(active?.routingNumber, "1555000", "the carrier's first prefix");
  assert.equal(active?.ported, false);
  t.refuse(t.confirmTx(opA, N, "", false), "NUMBERS_NOT_PENDING");
  // a double claim, once held
  t.refuse(t.claimTx(other, N, "AAA", false), "NUMBERS_TAKEN");

  // port: holder only, to another registered carrier; the fee is burned
  t.refuse(t.portTx(other, N, "BBB", false), "NUMBERS_NOT_HOLDER");
  t.refuse(t.portTx(opA, N, "BBB", false), "NUMBERS_NOT_HOLDER");
  t.refuse(t.portTx(sub, N, "ZZZ", false), "NUMBERS_CARRIER_UNKNOWN");
  t.refuse(t.portTx(sub, N, "AAA", false), "NUMBERS_SAME_CARRIER");
  t.refuse(t.acceptTx(opB, N, "", false), "NUMBERS_NO_PORT");
  const beforePort = t.c.balance(sub.pub);
  await t.mine(t.portTx(sub, N, "BBB"));
  assert.equal(t.c.balance(sub.pub), beforePort - FEE - PORT_FEE);
  assert.deepEqual(t.view(N)?.pendingPort, {
    toCarrier: "BBB",
    requestedAt: t.height,
    deadline: t.height + TEST_PARAMS.portDeadline,
  });
  assert.equal(t.view(N)?.carrier, "AAA", "nothing moves before the gaining carrier accepts");
  t.refuse(t.portTx(sub, N, "BBB", false), "NUMBERS_PORT_PENDING");
  // accept-port: the gaining carrier only (the losing carrier has no say)
  t.refuse(t.acceptTx(opA, N, "", false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.acceptTx(stranger, N, "", false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.acceptTx(sub, N, "", false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.acceptTx(opB, N, "1555000", false), "NUMBERS_BAD_ROUTING_NUMBER");
  await t.mine(t.acceptTx(opB, N, "17770042"));
  const ported = t.view(N);
  assert.equal(ported?.carrier, "BBB");
  assert.equal(ported?.routingNumber, "17770042");
  assert.equal(ported?.ported, true);
  assert.equal(ported?.pendingPort, undefined);
  assert.equal(ported?.holder, encodeAddress(sub.pub), "the holder keeps the number");
  assert.deepEqual(
    ported?.history.map((h) => [h.kind, h.fromCarrier, h.toCarrier, h.routingNumber]),
    [
      ["claimed", null, "AAA", null],
      ["confirmed", null, "AAA", "1555000"],
      ["ported", "AAA", "BBB", "17770042"],
    ],
  );
  // the old carrier cannot act on it any more; a second port back is accepted by AAA
  await t.mine(t.portTx(sub, N, "AAA"));
  t.refuse(t.acceptTx(opB, N, "", false), "NUMBERS_NOT_CARRIER");
  await t.mine(t.acceptTx(opA, N));
  assert.equal(t.view(N)?.carrier, "AAA");
  assert.equal(t.view(N)?.routingNumber, "1555000");
  assert.equal(t.view(N)?.ported, true);

  // release: holder only; the deposit comes back and the number is free
  t.refuse(t.releaseTx(other, N, false), "NUMBERS_NOT_HOLDER");
  t.refuse(t.releaseTx(opA, N, false), "NUMBERS_NOT_HOLDER");
  const beforeRelease = t.c.balance(sub.pub);
  await t.mine(t.releaseTx(sub, N));
  assert.equal(t.c.balance(sub.pub), beforeRelease - FEE + DEPOSIT, "deposit returned");
  assert.equal(t.c.balance(sub.pub), start - 4n * FEE - 2n * PORT_FEE, "only fees and port fees were spent");
  assert.equal(t.view(N), undefined);
  t.refuse(t.releaseTx(sub, N, false), "NUMBERS_UNKNOWN");
  // someone else claims it; the number's history carries on
  await t.mine(t.claimTx(other, N, "BBB"));
  const again = t.view(N);
  assert.equal(again?.holder, encodeAddress(other.pub));
  assert.equal(again?.ported, false);
  assert.deepEqual(
    again?.history.map((h) => h.kind),
    ["claimed", "confirmed", "ported", "ported", "released", "claimed"],
  );
  assert.deepEqual(
    again?.history.map((h) => h.seq),
    [0, 1, 2, 3, 4, 5],
  );
});

test("deadlines: a lapsed claim can be replaced or withdrawn, a lapsed port cannot be accepted", async () => {
  const t = await withCarriers();
  const firstStart = t.c.balance(sub.pub);
  await t.mine(t.claimTx(sub, N, "AAA"));
  const confirmBy = t.record(N)?.confirmBy ?? 0;
  await t.mineEmpty(confirmBy - 1 - t.height); // the next block is the last one to confirm in
  t.refuse(t.claimTx(other, N, "AAA", false), "NUMBERS_TAKEN");
  await t.mineEmpty(1);
  assert.equal(t.view(N)?.status, "claim-lapsed");
  t.refuse(t.confirmTx(opA, N, "", false), "NUMBERS_CLAIM_LAPSED");
  // another subscriber's claim replaces the lapsed one; the first claimer gets the deposit back
  await t.mine(t.claimTx(other, N, "BBB"));
  assert.equal(t.c.balance(sub.pub), firstStart - FEE, "lapsed claimer refunded");
  assert.equal(t.view(N)?.holder, encodeAddress(other.pub));
  assert.deepEqual(
    t.view(N)?.history.map((h) => h.kind),
    ["claimed", "claim-lapsed", "claimed"],
  );
  // a pending claim may be withdrawn with release (deposit back)
  const before = t.c.balance(other.pub);
  await t.mine(t.releaseTx(other, N));
  assert.equal(t.c.balance(other.pub), before - FEE + DEPOSIT);
  assert.equal(t.view(N), undefined);

  // a port not accepted in time lapses; the holder asks again
  await t.mine(t.claimTx(sub, N, "AAA"));
  await t.mine(t.confirmTx(opA, N));
  await t.mine(t.portTx(sub, N, "BBB"));
  const deadline = t.view(N)?.pendingPort?.deadline ?? 0;
  await t.mineEmpty(deadline - t.height);
  // the head is the deadline: the next block is past it
  t.refuse(t.acceptTx(opB, N, "", false), "NUMBERS_PORT_LAPSED");
  assert.equal(t.view(N)?.pendingPort, undefined, "a lapsed port is not shown");
  await t.mineEmpty(1);
  t.refuse(t.acceptTx(opB, N, "", false), "NUMBERS_PORT_LAPSED");
  await t.mine(t.portTx(sub, N, "BBB"));
  await t.mine(t.acceptTx(opB, N));
  assert.equal(t.view(N)?.carrier, "BBB");
  assert.equal(t.view(N)?.routingNumber, "1666");
});

test("operator keys rotated in the carriers module decide who may confirm", async () => {
  const t = await withCarriers();
  await t.mine(t.claimTx(sub, N, "AAA"));
  const { RotateKeysPayload } = await import("../carriers/schemas.js");
  const { utf8 } = await import("../../crypto/hash.js");
  await t.mine(
    t.tx(
      opA,
      "carriers",
      "rotate-keys",
      RotateKeysPayload.serialize({ id: utf8("AAA"), add: [stranger.pub], remove: [opA.pub] }),
    ),
  );
  t.refuse(t.confirmTx(opA, N, "", false), "NUMBERS_NOT_CARRIER");
  await t.mine(t.confirmTx(stranger, N));
  assert.equal(t.view(N)?.status, "active");
});
