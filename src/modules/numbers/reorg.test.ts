/**
 * A reorg across a port: branch A ports the number, a heavier branch B (from the same
 * blocks up to the fork) ports it elsewhere; after A imports B the registry is exactly what
 * B says: carrier, routing number, pending port, history, balances.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../../bytes.js";
import { headerHash } from "../../codec/hashing.js";
import type { Block } from "../../codec/schema.js";
import { testKey } from "../../testing/chain-harness.js";
import { NumbersTestChain } from "./test-chain.js";

const opA = testKey(0);
const opB = testKey(1);
const sub = testKey(2);
const opC = testKey(3);
const N = "+15551230000";

const chains: NumbersTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

test("a heavier branch that ports the number elsewhere replaces the port of the lighter one", async () => {
  const a = NumbersTestChain.create();
  const b = NumbersTestChain.create();
  chains.push(a, b);
  // Common history, mined on A and imported by B.
  const common: Block[] = [
    await a.mine(
      a.carrierTx(opA, "register", { id: "AAA", routingPrefixes: ["1555000"] }),
      a.carrierTx(opB, "register", { id: "BBB", routingPrefixes: ["1666"] }),
      a.carrierTx(opC, "register", { id: "CCC", routingPrefixes: ["1888"] }),
    ),
    await a.mine(a.claimTx(sub, N, "AAA")),
    await a.mine(a.confirmTx(opA, N)),
  ];
  for (const block of common) await b.c.chain.importBlock(block);
  b.copyNoncesFrom(a);
  b.c.clock = a.c.clock + 1; // different timestamps, so different blocks

  // Branch A: port to BBB, accepted.
  await a.mine(a.portTx(sub, N, "BBB"));
  await a.mine(a.acceptTx(opB, N));
  assert.equal(a.view(N)?.carrier, "BBB");
  // Branch B: port to CCC, accepted, then one more block (heavier).
  const branch: Block[] = [
    await b.mine(b.portTx(sub, N, "CCC")),
    await b.mine(b.acceptTx(opC, N)),
    await b.mine(),
  ];
  assert.equal(b.view(N)?.carrier, "CCC");

  a.c.clock = b.c.clock;
  for (const block of branch) await a.c.chain.importBlock(block);
  assert.equal(toHex(a.c.chain.head().hash), toHex(headerHash(branch[2].header)), "A reorganised onto B");
  const view = a.view(N);
  assert.deepEqual(view, b.view(N), "the registry is what the surviving branch says");
  assert.equal(view?.carrier, "CCC");
  assert.equal(view?.routingNumber, "1888");
  assert.deepEqual(
    view?.history.map((h) => [h.kind, h.toCarrier]),
    [
      ["claimed", "AAA"],
      ["confirmed", "AAA"],
      ["ported", "CCC"],
    ],
  );
  assert.equal(a.c.balance(sub.pub), b.c.balance(sub.pub));
  assert.equal(a.c.balance(opB.pub), b.c.balance(opB.pub));
});

test("a heavier branch without the port: the number stays with its carrier, the port request is gone", async () => {
  const a = NumbersTestChain.create();
  const b = NumbersTestChain.create();
  chains.push(a, b);
  const common: Block[] = [
    await a.mine(
      a.carrierTx(opA, "register", { id: "AAA", routingPrefixes: ["1555000"] }),
      a.carrierTx(opB, "register", { id: "BBB", routingPrefixes: ["1666"] }),
    ),
    await a.mine(a.claimTx(sub, N, "AAA")),
    await a.mine(a.confirmTx(opA, N)),
  ];
  for (const block of common) await b.c.chain.importBlock(block);
  b.c.clock = a.c.clock + 1;
  await a.mine(a.portTx(sub, N, "BBB"));
  assert.ok(a.view(N)?.pendingPort);
  await a.mine(a.acceptTx(opB, N));
  const branch = [await b.mine(), await b.mine(), await b.mine()];
  a.c.clock = b.c.clock;
  for (const block of branch) await a.c.chain.importBlock(block);
  const view = a.view(N);
  assert.deepEqual(view, b.view(N));
  assert.equal(view?.carrier, "AAA");
  assert.equal(view?.routingNumber, "1555000");
  assert.equal(view?.ported, false);
  assert.equal(view?.pendingPort, undefined);
  assert.equal(view?.history.length, 2);
});
