/**
 * Direct offers on a real chain: one transaction pays the price, splits it between the issuer's
 * payee (the operator that published) and the publisher's payout address, and issues the units to
 * the buyer. The amounts are computed by hand in the comments.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { pad16 } from "../../module/store.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  ALICE,
  assertConservation,
  BOB,
  carriersChain,
  classAt,
  ISSUER,
  ISSUER_OP,
  keeper,
  PUB_OP,
  PUBLISHER,
  TX_FEE,
  vc,
} from "./fixtures.test.js";
import { splitPrice } from "./kinds/offer.js";
import { offersByClass, offersByPublisher, readOffer } from "./store.js";
import { offerView } from "./views.js";

const balances = (t: ModuleTestChain) => [ALICE, ISSUER_OP, PUB_OP].map((k) => t.balance(k.pub));

test("without a publisher the issuer's operator receives the whole price", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 100 })));
  await t.mine(t.call(ISSUER_OP, vc.publish(1, { units: 1_024n, price: 5_000n, stock: 3, end: 90 })));
  const [alice, issuer, pub] = balances(t);
  await t.mine(t.call(ALICE, vc.buy(1, 2)));
  // 2 purchases × 5,000 = 10,000 (+ the transaction fee, 1,000), all to the issuer's payee
  assert.deepEqual(balances(t), [alice - 10_000n - TX_FEE, issuer + 10_000n, pub]);
  assert.equal(keeper(t).balance(1, ALICE.pub), 2_048n, "2 × 1,024 MB issued to the buyer");
  assert.equal(classAt(t, 1)?.issued, 2_048n);
  const o = readOffer(t.state("vouchers"), 1);
  assert.equal(o?.stock, 1);
  assert.equal(o?.sold, 2);
  assert.deepEqual(offerView(t.state("vouchers"), o as never, t.height).split, {
    issuer: "5000",
    publisher: "0",
  });
  assertConservation(t);
});

test("with a publisher: fee rounded down to the publisher, the rest to the issuer", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 100 })));
  const offers: [units: bigint, price: bigint, stock: number, feeBps: number][] = [
    [500n, 3_333n, 10, 250],
    [1n, 7n, 5, 10_000],
    [1n, 7n, 5, 0],
    [1n, 1n, 5, 9_999],
  ];
  await t.mine(
    ...offers.map(([units, price, stock, feeBps]) =>
      t.call(
        ISSUER_OP,
        vc.publish(1, { units, price, stock, end: 90, publisher: [PUBLISHER, PUB_OP, feeBps] }),
      ),
    ),
  );
  const cases: [offer: number, count: number, total: bigint, issuer: bigint, publisher: bigint][] = [
    // 3 × 3,333 = 9,999; 9,999 × 250 / 10,000 = 249.975 → 249 to BBB, 9,750 to AAA
    [1, 3, 9_999n, 9_750n, 249n],
    // 10,000 bps: 2 × 7 = 14, all to the publisher
    [2, 2, 14n, 0n, 14n],
    // 0 bps: 14 all to the issuer
    [3, 2, 14n, 14n, 0n],
    // 9,999 bps of 1: 0.9999 → 0 to the publisher, 1 to the issuer
    [4, 1, 1n, 1n, 0n],
  ];
  for (const [offer, count, total, toIssuer, toPublisher] of cases) {
    assert.deepEqual(splitPrice(total, readOffer(t.state("vouchers"), offer)?.publisher[0]?.feeBps ?? 0), {
      issuer: toIssuer,
      publisher: toPublisher,
    });
    const [alice, issuer, pub] = balances(t);
    await t.mine(t.call(ALICE, vc.buy(offer, count)));
    assert.deepEqual(
      balances(t),
      [alice - total - TX_FEE, issuer + toIssuer, pub + toPublisher],
      `offer ${offer}`,
    );
  }
  // 3 × 500 + 2 + 2 + 1 units
  assert.equal(keeper(t).balance(1, ALICE.pub), 1_505n);
  const v = offerView(t.state("vouchers"), readOffer(t.state("vouchers"), 1) as never, t.height);
  assert.deepEqual(v.publisher?.carrier, PUBLISHER);
  assert.deepEqual(v.split, { issuer: "3250", publisher: "83" }, "one purchase: 3,333 × 2.5 % = 83.325 → 83");
  assertConservation(t);
});

test("an offer sells out, ends, and is pruned after its end; its indexes go with it", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(ISSUER_OP, vc.create({ expiry: 100 })));
  const end = t.height + 3;
  await t.mine(
    t.call(
      ISSUER_OP,
      vc.publish(1, { units: 60n, price: 100n, stock: 2, end, publisher: [PUBLISHER, PUB_OP, 100] }),
    ),
  );
  await t.mine(t.call(ALICE, vc.buy(1)), t.call(BOB, vc.buy(1)));
  t.refuse(t.call(ALICE, vc.buy(1), false), "VOUCHERS_OUT_OF_STOCK");
  assert.equal(
    offerView(t.state("vouchers"), readOffer(t.state("vouchers"), 1) as never, t.height).status,
    "sold-out",
  );
  while (t.height < end) await t.mine();
  t.refuse(t.call(ALICE, vc.buy(1), false), "VOUCHERS_OFFER_ENDED");
  await t.mine();
  const S = t.state("vouchers");
  assert.equal(readOffer(S, 1), undefined, "pruned in the end of block after its end");
  assert.equal(S.get(offersByClass.key(pad16(1), pad16(1))), undefined);
  assert.equal(S.get(offersByPublisher.key(PUBLISHER, pad16(1))), undefined);
  t.refuse(t.call(ALICE, vc.buy(1), false), "VOUCHERS_OFFER_ENDED");
  t.refuse(t.call(ALICE, vc.buy(2), false), "VOUCHERS_NO_OFFER");
  assert.equal(keeper(t).classInfo(1)?.issuer, ISSUER, "the class lives on");
  assert.equal(keeper(t).balance(1, BOB.pub), 60n);
});
