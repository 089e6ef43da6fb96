/**
 * A reorg across a recovery's execution: from the same blocks (guardians set, a recovery started),
 * branch A executes it and the new key spends; a heavier branch B has the account veto it instead.
 * After the reorg the authorising key, the recovery state and the balances are exactly what B says;
 * the way back restores A's execution.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import type { Block } from "../../codec/schema.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, signingFor } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { fresh, G1, G2, G3, keyOf, NEW, OWNER, pay, rc, STRANGER } from "./fixtures.test.js";

const snapshot = (t: ModuleTestChain) => ({
  key: encodeAddress(keyOf(t, OWNER)),
  state: t
    .query("recovery")
    .scan(new Uint8Array(0), 10_000)
    .map((e) => `${toHex(e.key)}=${toHex(e.value)}`),
  balances: [OWNER, STRANGER].map((k) => t.balance(k.pub)),
});

test("a heavier branch where the account vetoes replaces one that executed the recovery, and back", async () => {
  const a = closeAfterwards(fresh());
  const common: Block[] = [
    await a.mine(a.call(OWNER, rc.set([G1, G2, G3], 2, 3))),
    await a.mine(a.call(G1, rc.propose(OWNER, NEW)), a.call(G2, rc.propose(OWNER, NEW))),
  ];
  const b = closeAfterwards(fresh());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1;

  const branchA = [
    await a.mine(),
    await a.mine(),
    await a.mine(a.call(STRANGER, rc.execute(OWNER))),
    await a.mine(a.call(signingFor(OWNER, NEW), pay(STRANGER.pub, 5_000n))),
  ];
  const sA = snapshot(a);
  assert.equal(sA.key, encodeAddress(NEW.pub));

  const branchB = [
    await b.mine(b.call(OWNER, rc.veto(OWNER))),
    await b.mine(b.call(OWNER, pay(STRANGER.pub, 7n))),
    await b.mine(),
    await b.mine(),
    await b.mine(),
  ];
  const sB = snapshot(b);
  assert.equal(sB.key, encodeAddress(OWNER.pub));
  assert.notDeepEqual(sA, sB);

  a.c.clock = b.c.clock;
  await a.importBlocks(branchB);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(snapshot(a), sB, "the key, the recovery and the balances are B's");

  const again = closeAfterwards(fresh());
  again.c.clock = a.c.clock;
  await again.importBlocks([...common, ...branchA]);
  const more = [await again.mine(), await again.mine()];
  await a.importBlocks([...branchA, ...more]);
  assert.equal(toHex(a.c.chain.head().hash), toHex(again.c.chain.head().hash));
  assert.deepEqual(snapshot(a), snapshot(again));
  assert.equal(snapshot(a).key, encodeAddress(NEW.pub), "the execution is back");
});
