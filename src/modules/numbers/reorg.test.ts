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
import { type TestKey, testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { accept, claim, confirm, fresh, port, registerCarrier, view } from "./fixtures.test.js";

const opA = testKey(0);
const opB = testKey(1);
const sub = testKey(2);
const opC = testKey(3);
const N = "+15551230000";

const chains: ModuleTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

/** Two chains with the same history (carriers registered, N claimed and confirmed with AAA), mined on A. */
async function twoChains(carriers: [TestKey, string, string][]): Promise<[ModuleTestChain, ModuleTestChain]> {
  const a = fresh();
  const b = fresh();
  chains.push(a, b);
  const common: Block[] = [
    await a.mine(...carriers.map(([key, id, prefix]) => a.call(key, registerCarrier(id, [prefix])))),
    await a.mine(a.call(sub, claim(N, "AAA"))),
    await a.mine(a.call(opA, confirm(N))),
  ];
  for (const block of common) await b.c.chain.importBlock(block);
  b.copyNoncesFrom(a);
  b.c.clock = a.c.clock + 1; // different timestamps, so different blocks
  return [a, b];
}

test("a heavier branch that ports the number elsewhere replaces the port of the lighter one", async () => {
  const [a, b] = await twoChains([
    [opA, "AAA", "1555000"],
    [opB, "BBB", "1666"],
    [opC, "CCC", "1888"],
  ]);

  // Branch A: port to BBB, accepted.
  await a.mine(a.call(sub, port(N, "BBB")));
  await a.mine(a.call(opB, accept(N)));
  assert.equal(view(a, N)?.carrier, "BBB");
  // Branch B: port to CCC, accepted, then one more block (heavier).
  const branch: Block[] = [
    await b.mine(b.call(sub, port(N, "CCC"))),
    await b.mine(b.call(opC, accept(N))),
    await b.mine(),
  ];
  assert.equal(view(b, N)?.carrier, "CCC");

  a.c.clock = b.c.clock;
  for (const block of branch) await a.c.chain.importBlock(block);
  assert.equal(toHex(a.c.chain.head().hash), toHex(headerHash(branch[2].header)), "A reorganised onto B");
  const v = view(a, N);
  assert.deepEqual(v, view(b, N), "the registry is what the surviving branch says");
  assert.equal(v?.carrier, "CCC");
  assert.equal(v?.routingNumber, "1888");
  assert.deepEqual(
    v?.history.map((h) => [h.kind, h.toCarrier]),
    [
      ["claimed", "AAA"],
      ["confirmed", "AAA"],
      ["ported", "CCC"],
    ],
  );
  assert.equal(a.balance(sub.pub), b.balance(sub.pub));
  assert.equal(a.balance(opB.pub), b.balance(opB.pub));
});

test("a heavier branch without the port: the number stays with its carrier, the port request is gone", async () => {
  const [a, b] = await twoChains([
    [opA, "AAA", "1555000"],
    [opB, "BBB", "1666"],
  ]);
  await a.mine(a.call(sub, port(N, "BBB")));
  assert.ok(view(a, N)?.pendingPort);
  await a.mine(a.call(opB, accept(N)));
  const branch = [await b.mine(), await b.mine(), await b.mine()];
  a.c.clock = b.c.clock;
  for (const block of branch) await a.c.chain.importBlock(block);
  const v = view(a, N);
  assert.deepEqual(v, view(b, N));
  assert.equal(v?.carrier, "AAA");
  assert.equal(v?.routingNumber, "1555000");
  assert.equal(v?.ported, false);
  assert.equal(v?.pendingPort, undefined);
  assert.equal(v?.history.length, 2);
});
