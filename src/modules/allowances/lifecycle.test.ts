/**
 * Grants as a subscriber and a carrier use them, on a real chain, with the numbers worked by hand:
 * a subscription pulled every period for several periods with the exact boundary, a revoked grant
 * refusing the next pull, the approve race both ways, a cap exhausted, recipients. The payer sends
 * no transaction after the grant, so its balance moves by exactly the pulls.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { pad16 } from "../../module/store.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import {
  ac,
  CARRIER,
  fresh,
  grantAt,
  NOBODY,
  nextBlockAt,
  openOf,
  PAYER,
  SHOP,
  TX_FEE,
  viewAt,
} from "./fixtures.test.js";
import { grantsByGrantee, grantsByPayer } from "./store.js";

test("a subscription pulled every period, the boundary exact: the last block of a period and the first of the next", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 5 })));
  const S = t.height; // start: periods [S, S+4], [S+5, S+9], [S+10, S+14], …
  const paid0 = t.balance(PAYER.pub);
  const v0 = viewAt(t, 1);
  assert.deepEqual(
    [v0?.start, v0?.at, v0?.periodIndex, v0?.periodEndsAt, v0?.remainingThisPeriod],
    [S, S + 1, 0, S + 5, "100"],
  );

  // period 0: 60 at S+1, then at its last block S+4 only 40 more
  await t.mine(t.call(CARRIER, ac.pull(1, 60n)));
  await nextBlockAt(t, S + 4);
  assert.equal(viewAt(t, 1)?.remainingThisPeriod, "40");
  t.refuse(t.call(CARRIER, ac.pull(1, 41n), false), "ALLOWANCES_PERIOD_LIMIT");
  await t.mine(t.call(CARRIER, ac.pull(1, 40n)));
  assert.equal(t.height, S + 4);
  // the next block S+5 is the first of period 1: the whole limit again
  const v1 = viewAt(t, 1);
  assert.deepEqual(
    [v1?.at, v1?.periodIndex, v1?.periodEndsAt, v1?.spentThisPeriod, v1?.remainingThisPeriod, v1?.spentTotal],
    [S + 5, 1, S + 10, "0", "100", "100"],
  );
  t.refuse(t.call(CARRIER, ac.pull(1, 101n), false), "ALLOWANCES_PERIOD_LIMIT");
  await t.mine(t.call(CARRIER, ac.pull(1, 100n)));
  assert.equal(t.height, S + 5);
  t.refuse(t.call(CARRIER, ac.pull(1, 1n), false), "ALLOWANCES_PERIOD_LIMIT");

  // periods 2 and 3: the full limit at their first block, nothing more until the next
  for (const k of [2, 3]) {
    await nextBlockAt(t, S + 5 * k);
    await t.mine(t.call(CARRIER, ac.pull(1, 100n)));
    assert.equal(grantAt(t, 1)?.periodIndex, k);
    t.refuse(t.call(CARRIER, ac.pull(1, 1n), false), "ALLOWANCES_PERIOD_LIMIT");
  }
  // a period skipped: nothing carries over (period 5 starts at S+25)
  await nextBlockAt(t, S + 25);
  assert.equal(viewAt(t, 1)?.remainingThisPeriod, "100");
  t.refuse(t.call(CARRIER, ac.pull(1, 101n), false), "ALLOWANCES_PERIOD_LIMIT");

  assert.equal(paid0 - t.balance(PAYER.pub), 60n + 40n + 100n + 100n + 100n);
  const g = grantAt(t, 1);
  assert.equal(g?.spentTotal, 400n);
});

test("a revoked grant refuses the next pull, and is gone from both lists", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 10 })));
  await t.mine(t.call(CARRIER, ac.pull(1, 30n)));
  assert.equal(openOf(t, PAYER), 1);
  t.refuse(t.call(CARRIER, ac.revoke(1), false), "ALLOWANCES_NOT_PAYER");
  await t.mine(t.call(PAYER, ac.revoke(1)));
  t.refuse(t.call(CARRIER, ac.pull(1, 1n), false), "ALLOWANCES_NO_GRANT");
  t.refuse(t.call(PAYER, ac.revoke(1), false), "ALLOWANCES_NO_GRANT");
  assert.equal(grantAt(t, 1), undefined);
  assert.equal(openOf(t, PAYER), 0);
  const q = t.query("allowances");
  assert.deepEqual(q.scan(grantsByPayer.prefix(PAYER.pub), 10), []);
  assert.deepEqual(q.scan(grantsByGrantee.prefix(CARRIER.pub), 10), []);
  assert.equal(t.state("allowances").get(new TextEncoder().encode(`g/${pad16(1)}`)), undefined);
});

test("the approve race: a pull before a change in the same period counts against the new limit", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 50 })),
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 50 })),
  );
  const paid0 = t.balance(PAYER.pub);
  // grant 1, raised: the carrier front-runs the change 100 → 150 by pulling the old limit
  await t.mine(t.call(CARRIER, ac.pull(1, 100n)));
  await t.mine(t.call(PAYER, ac.change(1, 100n, 150n)));
  assert.equal(viewAt(t, 1)?.remainingThisPeriod, "50", "max(0, 150 − 100)");
  t.refuse(t.call(CARRIER, ac.pull(1, 51n), false), "ALLOWANCES_PERIOD_LIMIT");
  await t.mine(t.call(CARRIER, ac.pull(1, 50n)));
  t.refuse(t.call(CARRIER, ac.pull(1, 1n), false), "ALLOWANCES_PERIOD_LIMIT");
  // grant 2, lowered 100 → 30 after the carrier pulled 80, the pull and the change in one block
  await t.mine(t.call(CARRIER, ac.pull(2, 80n)), t.call(PAYER, ac.change(2, 100n, 30n)));
  assert.equal(viewAt(t, 2)?.remainingThisPeriod, "0", "max(0, 30 − 80)");
  t.refuse(t.call(CARRIER, ac.pull(2, 1n), false), "ALLOWANCES_PERIOD_LIMIT");
  // the payer's second change still naming 100 is stale
  t.refuse(t.call(PAYER, ac.change(2, 100n, 10n), false), "ALLOWANCES_STALE_LIMIT");
  t.refuse(t.call(NOBODY, ac.change(2, 30n, 10n), false), "ALLOWANCES_NOT_PAYER");
  assert.equal(
    paid0 - t.balance(PAYER.pub) - 2n * TX_FEE,
    100n + 50n + 80n,
    "never the old and the new limit both (the two changes paid their fees)",
  );
  // the next period has the new limits in full
  await nextBlockAt(t, (grantAt(t, 1)?.start ?? 0) + 50);
  assert.equal(viewAt(t, 1)?.remainingThisPeriod, "150");
  assert.equal(viewAt(t, 2)?.remainingThisPeriod, "30");
  await t.mine(t.call(CARRIER, ac.pull(1, 150n)), t.call(CARRIER, ac.pull(2, 30n)));
});

test("a cap: the last period gets only what is left, and the pull that reaches it removes the grant", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 2, cap: 250n })));
  const S = t.height;
  await t.mine(t.call(CARRIER, ac.pull(1, 100n))); // period 0
  await nextBlockAt(t, S + 2);
  await t.mine(t.call(CARRIER, ac.pull(1, 100n))); // period 1
  await nextBlockAt(t, S + 4);
  const v = viewAt(t, 1);
  assert.deepEqual([v?.remainingThisPeriod, v?.remainingCap, v?.spentTotal], ["50", "50", "200"]);
  t.refuse(t.call(CARRIER, ac.pull(1, 60n), false), "ALLOWANCES_CAP_EXCEEDED");
  await t.mine(t.call(CARRIER, ac.pull(1, 50n)));
  assert.equal(grantAt(t, 1), undefined, "exhausted: removed at once");
  assert.equal(openOf(t, PAYER), 0);
  t.refuse(t.call(CARRIER, ac.pull(1, 1n), false), "ALLOWANCES_NO_GRANT");
});

test("recipients: a pull pays only a listed address; none listed pays anyone", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(
    t.call(PAYER, ac.grant(CARRIER, { limit: 1_000n, period: 100, recipients: [SHOP] })),
    t.call(PAYER, ac.grant(CARRIER, { limit: 1_000n, period: 100 })),
  );
  t.refuse(t.call(CARRIER, ac.pull(1, 10n), false), "ALLOWANCES_RECIPIENT_NOT_ALLOWED"); // to itself
  t.refuse(t.call(CARRIER, ac.pull(1, 10n, NOBODY), false), "ALLOWANCES_RECIPIENT_NOT_ALLOWED");
  const [shop0, nobody0, payer0] = [t.balance(SHOP.pub), t.balance(NOBODY.pub), t.balance(PAYER.pub)];
  await t.mine(t.call(CARRIER, ac.pull(1, 10n, SHOP)), t.call(CARRIER, ac.pull(2, 7n, NOBODY)));
  assert.equal(t.balance(SHOP.pub) - shop0, 10n);
  assert.equal(t.balance(NOBODY.pub) - nobody0, 7n);
  assert.equal(payer0 - t.balance(PAYER.pub), 17n);
});
