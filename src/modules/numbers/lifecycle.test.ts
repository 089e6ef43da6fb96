/**
 * A number's life on a real chain: claim → confirm → port → accept-port → release, with
 * every refusal on the way, the deposit locked and returned, fees burned, and the history.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ByteListType, ContainerType } from "@chainsafe/ssz";
import { encodeAddress } from "../../crypto/address.js";
import { utf8 } from "../../crypto/hash.js";
import { testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  accept,
  carriers,
  claim,
  confirm,
  FEE,
  fresh,
  port,
  record,
  registerCarrier,
  release,
  TEST_PARAMS,
  view,
} from "./fixtures.test.js";
import type { NumbersKeeper } from "./keeper.js";

const opA = testKey(0); // operator of AAA
const opB = testKey(1); // operator of BBB
const sub = testKey(2); // subscriber
const other = testKey(3); // another subscriber
const stranger = testKey(4);
const N = "+15551230000";
const DEPOSIT = BigInt(TEST_PARAMS.claimDeposit);
const PORT_FEE = BigInt(TEST_PARAMS.portFee);

const chains: ModuleTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

async function withCarriers(): Promise<ModuleTestChain> {
  const t = fresh();
  chains.push(t);
  await t.mine(
    t.call(opA, registerCarrier("AAA", ["1555000"])),
    t.call(opB, registerCarrier("BBB", ["1666", "1777"])),
  );
  return t;
}

test("claim, confirm, port, accept-port, release: state, balances, history and refusals", async () => {
  const t = await withCarriers();
  const start = t.balance(sub.pub);

  // claim: number and carrier checked, deposit locked
  t.refuse(t.call(sub, claim("+1555", "AAA"), false), "NUMBERS_BAD_NUMBER");
  t.refuse(t.call(sub, claim("15551230000", "AAA"), false), "NUMBERS_BAD_NUMBER");
  t.refuse(t.call(sub, claim(N, "ZZZ"), false), "NUMBERS_CARRIER_UNKNOWN");
  // a malformed carrier id: the builder refuses to encode it, the chain refuses it encoded by hand
  assert.throws(() => claim(N, "zz"), { code: "NUMBERS_CARRIER_UNKNOWN" });
  const LooseClaim = new ContainerType({ number: new ByteListType(16), carrier: new ByteListType(8) });
  const badCarrier = LooseClaim.serialize({ number: utf8(N), carrier: utf8("zz") });
  t.refuse(t.tx(sub, "numbers", "claim", badCarrier, false), "NUMBERS_CARRIER_UNKNOWN");
  await t.mine(t.call(sub, claim(N, "AAA")));
  assert.equal(t.balance(sub.pub), start - FEE - DEPOSIT, "deposit locked");
  const pending = view(t, N);
  assert.equal(pending?.status, "pending-confirmation");
  assert.equal(pending?.routingNumber, null);
  assert.equal(pending?.holder, encodeAddress(sub.pub));
  assert.equal(pending?.confirmBy, t.height + TEST_PARAMS.confirmDeadline);
  // a double claim, while pending
  t.refuse(t.call(other, claim(N, "BBB"), false), "NUMBERS_TAKEN");
  // only the holder's carrier confirms; a holder cannot port before confirmation
  t.refuse(t.call(stranger, confirm(N, ""), false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.call(opB, confirm(N, ""), false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.call(sub, confirm(N, ""), false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.call(opA, confirm(N, "1666123"), false), "NUMBERS_BAD_ROUTING_NUMBER"); // BBB's prefix
  t.refuse(t.call(opA, confirm("+15551239999", ""), false), "NUMBERS_UNKNOWN");
  t.refuse(t.call(sub, port(N, "BBB"), false), "NUMBERS_NOT_ACTIVE");
  await t.mine(t.call(opA, confirm(N)));
  const active = view(t, N);
  assert.equal(active?.status, "active");
  assert.equal(active?.carrier, "AAA");
  assert.equal(active?.routingNumber, "1555000", "the carrier's first prefix");
  assert.equal(active?.ported, false);
  t.refuse(t.call(opA, confirm(N, ""), false), "NUMBERS_NOT_PENDING");
  // a double claim, once held
  t.refuse(t.call(other, claim(N, "AAA"), false), "NUMBERS_TAKEN");

  // port: holder only, to another registered carrier; the fee is burned
  t.refuse(t.call(other, port(N, "BBB"), false), "NUMBERS_NOT_HOLDER");
  t.refuse(t.call(opA, port(N, "BBB"), false), "NUMBERS_NOT_HOLDER");
  t.refuse(t.call(sub, port(N, "ZZZ"), false), "NUMBERS_CARRIER_UNKNOWN");
  t.refuse(t.call(sub, port(N, "AAA"), false), "NUMBERS_SAME_CARRIER");
  t.refuse(t.call(opB, accept(N, ""), false), "NUMBERS_NO_PORT");
  const beforePort = t.balance(sub.pub);
  await t.mine(t.call(sub, port(N, "BBB")));
  assert.equal(t.balance(sub.pub), beforePort - FEE - PORT_FEE);
  assert.deepEqual(view(t, N)?.pendingPort, {
    toCarrier: "BBB",
    requestedAt: t.height,
    deadline: t.height + TEST_PARAMS.portDeadline,
  });
  assert.equal(view(t, N)?.carrier, "AAA", "nothing moves before the gaining carrier accepts");
  t.refuse(t.call(sub, port(N, "BBB"), false), "NUMBERS_PORT_PENDING");
  // accept-port: the gaining carrier only (the losing carrier has no say)
  t.refuse(t.call(opA, accept(N, ""), false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.call(stranger, accept(N, ""), false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.call(sub, accept(N, ""), false), "NUMBERS_NOT_CARRIER");
  t.refuse(t.call(opB, accept(N, "1555000"), false), "NUMBERS_BAD_ROUTING_NUMBER");
  await t.mine(t.call(opB, accept(N, "17770042")));
  const ported = view(t, N);
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
  await t.mine(t.call(sub, port(N, "AAA")));
  t.refuse(t.call(opB, accept(N, ""), false), "NUMBERS_NOT_CARRIER");
  await t.mine(t.call(opA, accept(N)));
  assert.equal(view(t, N)?.carrier, "AAA");
  assert.equal(view(t, N)?.routingNumber, "1555000");
  assert.equal(view(t, N)?.ported, true);

  // release: holder only; the deposit comes back and the number is free
  t.refuse(t.call(other, release(N), false), "NUMBERS_NOT_HOLDER");
  t.refuse(t.call(opA, release(N), false), "NUMBERS_NOT_HOLDER");
  const beforeRelease = t.balance(sub.pub);
  await t.mine(t.call(sub, release(N)));
  assert.equal(t.balance(sub.pub), beforeRelease - FEE + DEPOSIT, "deposit returned");
  assert.equal(t.balance(sub.pub), start - 4n * FEE - 2n * PORT_FEE, "only fees and port fees were spent");
  assert.equal(view(t, N), undefined);
  t.refuse(t.call(sub, release(N), false), "NUMBERS_UNKNOWN");
  // someone else claims it; the number's history carries on
  await t.mine(t.call(other, claim(N, "BBB")));
  const again = view(t, N);
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
  const firstStart = t.balance(sub.pub);
  await t.mine(t.call(sub, claim(N, "AAA")));
  const confirmBy = record(t, N)?.confirmBy ?? 0;
  await t.mineEmpty(confirmBy - 1 - t.height); // the next block is the last one to confirm in
  t.refuse(t.call(other, claim(N, "AAA"), false), "NUMBERS_TAKEN");
  await t.mineEmpty(1);
  assert.equal(view(t, N)?.status, "claim-lapsed");
  t.refuse(t.call(opA, confirm(N, ""), false), "NUMBERS_CLAIM_LAPSED");
  // another subscriber's claim replaces the lapsed one; the first claimer gets the deposit back
  await t.mine(t.call(other, claim(N, "BBB")));
  assert.equal(t.balance(sub.pub), firstStart - FEE, "lapsed claimer refunded");
  assert.equal(view(t, N)?.holder, encodeAddress(other.pub));
  assert.deepEqual(
    view(t, N)?.history.map((h) => h.kind),
    ["claimed", "claim-lapsed", "claimed"],
  );
  // a pending claim may be withdrawn with release (deposit back)
  const before = t.balance(other.pub);
  await t.mine(t.call(other, release(N)));
  assert.equal(t.balance(other.pub), before - FEE + DEPOSIT);
  assert.equal(view(t, N), undefined);

  // a port not accepted in time lapses; the holder asks again
  await t.mine(t.call(sub, claim(N, "AAA")));
  await t.mine(t.call(opA, confirm(N)));
  await t.mine(t.call(sub, port(N, "BBB")));
  const deadline = view(t, N)?.pendingPort?.deadline ?? 0;
  await t.mineEmpty(deadline - t.height);
  // the head is the deadline: the next block is past it
  t.refuse(t.call(opB, accept(N, ""), false), "NUMBERS_PORT_LAPSED");
  assert.equal(view(t, N)?.pendingPort, undefined, "a lapsed port is not shown");
  await t.mineEmpty(1);
  t.refuse(t.call(opB, accept(N, ""), false), "NUMBERS_PORT_LAPSED");
  await t.mine(t.call(sub, port(N, "BBB")));
  await t.mine(t.call(opB, accept(N)));
  assert.equal(view(t, N)?.carrier, "BBB");
  assert.equal(view(t, N)?.routingNumber, "1666");
});

test("operator keys rotated in the carriers module decide who may confirm", async () => {
  const t = await withCarriers();
  await t.mine(t.call(sub, claim(N, "AAA")));
  await t.mine(t.call(opA, carriers["rotate-keys"]({ id: "AAA", add: [stranger.pub], remove: [opA.pub] })));
  t.refuse(t.call(opA, confirm(N, ""), false), "NUMBERS_NOT_CARRIER");
  await t.mine(t.call(stranger, confirm(N)));
  assert.equal(view(t, N)?.status, "active");
});

test("the keeper's routeOf: carrier and routing number of an active number only (what the ENUM zone reads)", async () => {
  const t = await withCarriers();
  const route = () => t.keeper<NumbersKeeper>("numbers").routeOf("15551230000");
  assert.equal(route(), undefined, "unknown");
  await t.mine(t.call(sub, claim(N, "AAA")));
  assert.equal(route(), undefined, "pending");
  await t.mine(t.call(opA, confirm(N)));
  assert.deepEqual(route(), { carrier: "AAA", routingNumber: "1555000" });
  await t.mine(t.call(sub, port(N, "BBB")));
  assert.deepEqual(route(), { carrier: "AAA", routingNumber: "1555000" }, "until the port is accepted");
  await t.mine(t.call(opB, accept(N, "17770001")));
  assert.deepEqual(route(), { carrier: "BBB", routingNumber: "17770001" });
  await t.mine(t.call(sub, release(N)));
  assert.equal(route(), undefined, "released");
});
