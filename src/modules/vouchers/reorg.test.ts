/**
 * A reorg across an expiry and its pruning: from the same blocks (a class, balances, an offer),
 * branch A buys, redeems and passes the expiry (the end of block prunes it), a heavier branch B
 * transfers, redeems other amounts and creates another class. After the reorg every key of the
 * vouchers state and every account is exactly what branch B says, and the way back works the same.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import type { Block } from "../../codec/schema.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  ALICE,
  assertConservation,
  BOB,
  fresh,
  ISSUER,
  ISSUER_OP,
  OTHER_OP,
  PUB_OP,
  PUBLISHER,
  registerCarrier,
  vc,
} from "./fixtures.test.js";
import { redemptionCount } from "./store.js";

/** Every key and value of the vouchers state, and the accounts of the keys involved. */
const snapshot = (t: ModuleTestChain) => ({
  state: t
    .query("vouchers")
    .scan(new Uint8Array(0), 100_000)
    .map((e) => `${toHex(e.key)}=${toHex(e.value)}`),
  accounts: [ALICE, BOB, ISSUER_OP, PUB_OP].map((k) => t.balance(k.pub)),
});

test("a heavier branch replaces one that passed an expiry and pruned it, and back", async () => {
  const a = closeAfterwards(fresh());
  const expiry = 6;
  const common: Block[] = [
    await a.mine(
      a.call(ISSUER_OP, registerCarrier(ISSUER, "1555")),
      a.call(PUB_OP, registerCarrier(PUBLISHER, "4930")),
    ),
    await a.mine(a.call(ISSUER_OP, vc.create({ expiry }))),
    await a.mine(
      a.call(ISSUER_OP, vc.issue(1, ALICE, 100n)),
      a.call(
        ISSUER_OP,
        vc.publish(1, {
          units: 10n,
          price: 50n,
          stock: 5,
          end: expiry,
          publisher: [PUBLISHER, PUB_OP, 1_000],
        }),
      ),
    ),
  ];
  const b = closeAfterwards(fresh());
  await b.followFrom(a, common);
  b.c.clock = a.c.clock + 1; // other timestamps, other blocks

  // A: Bob buys twice, Alice redeems 30; blocks 4 .. 8 pass the expiry (6) and prune (7)
  const branchA = [
    await a.mine(a.call(BOB, vc.buy(1, 2)), a.call(ALICE, vc.redeem(1, 30n, "+15551230001"))),
    await a.mine(),
    await a.mine(),
    await a.mine(),
    await a.mine(),
  ];
  const sA = snapshot(a);
  assert.equal(redemptionCount(a.state("vouchers"), ISSUER), 1);
  assertConservation(a);

  // B: Alice gives Bob 40, Bob redeems 15 and 5, another class; one block more than A
  const branchB = [
    await b.mine(b.call(ALICE, vc.transfer(1, BOB, 40n))),
    await b.mine(
      b.call(BOB, vc.redeem(1, 15n, "+15551230002")),
      b.call(OTHER_OP, registerCarrier("CCC", "4420")),
    ),
    await b.mine(b.call(BOB, vc.redeem(1, 5n, "+15551230003")), b.call(OTHER_OP, vc.create({ expiry: 100 }))),
    await b.mine(),
    await b.mine(),
    await b.mine(),
  ];
  const sB = snapshot(b);
  assert.equal(redemptionCount(b.state("vouchers"), ISSUER), 2);
  assert.notDeepEqual(sA, sB);

  a.c.clock = b.c.clock;
  await a.importBlocks(branchB);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(snapshot(a), sB, "the state is what the surviving branch says");
  assertConservation(a);

  // and back: A's own branch grows heavier again
  const again = closeAfterwards(fresh());
  again.c.clock = a.c.clock;
  await again.importBlocks([...common, ...branchA]);
  const more = [await again.mine(), await again.mine()];
  await a.importBlocks(more);
  assert.equal(toHex(a.c.chain.head().hash), toHex(again.c.chain.head().hash));
  assert.deepEqual(snapshot(a), snapshot(again));
  assert.equal(redemptionCount(a.state("vouchers"), ISSUER), 1, "B's redemptions left the feed with B");
});
