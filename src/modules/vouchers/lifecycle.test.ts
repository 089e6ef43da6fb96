/**
 * A class from creation to pruning on a real chain: issue, transfer, redeem, the balances and
 * counts after each; at its expiry height the units still move, from the next block they read 0
 * and cannot move; then the end of block deletes its balances, at most 500 entries a block,
 * over as many blocks as it takes, and the class record stays, marked pruned.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { sha256, utf8 } from "../../crypto/hash.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import {
  ALICE,
  assertConservation,
  BOB,
  carriersChain,
  classAt,
  holdersOf,
  ISSUER,
  ISSUER_OP,
  keeper,
  NOBODY,
  OTHER_OP,
  stored,
  vc,
} from "./fixtures.test.js";
import { MAX_PRUNE_PER_BLOCK, readClock } from "./prune.js";
import { classView } from "./views.js";

test("issue, transfer and redeem move units; counts and the keeper follow", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 50, cap: 10_000n, name: "Roaming 1 GB" })));
  const info = keeper(t).classInfo(1);
  assert.deepEqual(info, { issuer: ISSUER, unit: "megabyte", expiry: 50, transferable: true });
  await t.mine(t.call(ISSUER_OP, vc.issue(1, ALICE, 3_072n)), t.call(ISSUER_OP, vc.issue(1, BOB, 1_024n)));
  await t.mine(t.call(ALICE, vc.transfer(1, BOB, 1_000n)));
  await t.mine(t.call(BOB, vc.redeem(1, 2_024n, "+4915112345678")));
  assert.equal(keeper(t).balance(1, ALICE.pub), 2_072n);
  assert.equal(keeper(t).balance(1, BOB.pub), 0n);
  assert.equal(keeper(t).balance(1, NOBODY.pub), 0n);
  const c = classAt(t, 1);
  assert.ok(c);
  assert.equal(c.issued, 4_096n);
  assert.equal(c.redeemed, 2_024n);
  assert.equal(c.holders, 1, "Bob redeemed all he had: he left the holder list");
  const view = classView(c, t.height);
  assert.equal(view.supply, "2072");
  assert.equal(view.status, "live");
  assert.equal(view.creator, encodeAddress(ISSUER_OP.pub));
  assert.deepEqual(keeper(t).totals(1), {
    issued: 4_096n,
    redeemed: 2_024n,
    pruned: 0n,
    custody: 0n,
    supply: 2_072n,
    holders: 1,
  });
  // a full transfer to oneself, and back in pieces: the holder list keeps its shape
  await t.mine(t.call(ALICE, vc.transfer(1, ALICE, 2_072n)), t.call(ALICE, vc.transfer(1, BOB, 72n)));
  assert.deepEqual(
    holdersOf(t, 1).map((h) => [encodeAddress(h.holder), h.amount]),
    [
      [encodeAddress(ALICE.pub), 2_000n],
      [encodeAddress(BOB.pub), 72n],
    ],
  );
  assertConservation(t);
});

test("units move in the expiry block, not after; expired balances read 0", async () => {
  const t = closeAfterwards(await carriersChain());
  const expiry = t.height + 4;
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry })));
  await t.mine(t.call(ISSUER_OP, vc.issue(1, ALICE, 100n)));
  while (t.height < expiry - 1) await t.mine();
  // the next block is the expiry block: still live
  await t.mine(t.call(ALICE, vc.transfer(1, BOB, 10n)), t.call(BOB, vc.redeem(1, 0n + 1n)));
  assert.equal(t.height, expiry);
  assert.equal(keeper(t).balance(1, ALICE.pub), 0n, "the next block is past the expiry: it reads 0");
  assert.equal(keeper(t).balance(1, ALICE.pub, expiry), 90n, "at the expiry height itself it is 90");
  assert.equal(classView(classAt(t, 1) as never, t.height).status, "expired");
  for (const [key, call, code] of [
    [ALICE, vc.transfer(1, BOB, 1n), "VOUCHERS_EXPIRED"],
    [BOB, vc.redeem(1, 1n), "VOUCHERS_EXPIRED"],
    [ISSUER_OP, vc.issue(1, ALICE, 1n), "VOUCHERS_EXPIRED"],
  ] as const)
    t.refuse(t.call(key, call, false), code);
  await t.mine();
  assert.equal(stored(t, 1, ALICE), 0n, "the next end of block pruned the two balances");
  const c = classAt(t, 1);
  assert.equal(c?.prunedAt, expiry + 1);
  assert.equal(c?.pruned, 99n);
  assert.equal(classView(c as never, t.height).status, "pruned");
  assertConservation(t);
});

test("pruning 1,200 holders takes three blocks of at most 500 entries; the class record stays", async () => {
  const t = closeAfterwards(await carriersChain());
  const N = 1_200;
  const expiry = t.height + 5;
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry, name: "Promo minutes", unit: "minute" })));
  // a second class with a few holders and a later expiry is untouched
  await t.mine(
    t.call(OTHER_OP, vc.create({ expiry: expiry + 100 })),
    t.call(ISSUER_OP, vc.issue(1, ALICE, 5n)),
  );
  await t.mine(t.call(OTHER_OP, vc.issue(2, ALICE, 7n)), t.call(OTHER_OP, vc.issue(2, BOB, 8n)));
  const holders = Array.from({ length: N }, (_, i) => ({
    seed: new Uint8Array(32),
    pub: sha256(utf8(`holder ${i}`)),
  }));
  for (let i = 0; i < N; i += 600)
    await t.mine(
      ...holders
        .slice(i, i + 600)
        .map((h, j) => t.call(ISSUER_OP, vc.issue(1, h, BigInt(1 + ((i + j) % 7))))),
    );
  assert.ok(t.height <= expiry, "issued before the expiry");
  assert.equal(classAt(t, 1)?.holders, N + 1);
  const issued = classAt(t, 1)?.issued ?? 0n;
  while (t.height < expiry) await t.mine();

  const left: number[] = [];
  while ((classAt(t, 1)?.prunedAt ?? 0) === 0) {
    const before = classAt(t, 1)?.holders ?? 0;
    await t.mine();
    const after = classAt(t, 1)?.holders ?? 0;
    assert.ok(before - after <= MAX_PRUNE_PER_BLOCK, `${before - after} balances deleted in one block`);
    left.push(after);
    assertConservation(t);
  }
  assert.deepEqual(left, [N + 1 - 499, N + 1 - 998, 0], "499 + bucket, 499 + bucket, the rest + finish");
  const c = classAt(t, 1);
  assert.equal(c?.prunedAt, expiry + 3);
  assert.equal(c?.pruned, issued, "every unit issued expired in a balance");
  assert.equal(c?.holders, 0);
  for (const h of [ALICE, ...holders.slice(0, 5), holders[N - 1]]) assert.equal(stored(t, 1, h), 0n);
  assert.equal(stored(t, 2, ALICE), 7n, "the other class keeps its balances");
  assert.equal(classAt(t, 2)?.holders, 2);
  const clock = readClock(t.state("vouchers"));
  assert.equal(clock?.now, t.height);
  assert.equal(clock?.bucket, t.height, "the cursor caught up");
});
