/**
 * A payer whose guardians locked the account (a lost phone) cannot be pulled from: the core's
 * accounts keeper refuses the debit (ACCOUNT_LOCKED), so a grant made with a stolen key pays
 * nothing during the lock. The lock lifted, the subscription pulls again.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { recoveryCalls } from "../recovery/index.js";
import { ac, allowancesTestGenesis, CARRIER, NOBODY, PAYER, SHOP } from "./fixtures.test.js";

test("a pull from a locked payer is refused with ACCOUNT_LOCKED and works again once unlocked", async () => {
  const genesis = allowancesTestGenesis();
  genesis.modules = { ...genesis.modules, recovery: { params: { minDelay: 3, maxDelay: 1000 } } };
  const t = closeAfterwards(ModuleTestChain.create({ genesis }));
  const guardian = { address: SHOP.pub, carrier: "" };
  const other = { address: NOBODY.pub, carrier: "" };
  await t.mine(
    t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 5 })),
    t.call(PAYER, recoveryCalls["set-guardians"]({ guardians: [guardian, other], threshold: 1, delay: 50 })),
  );
  await t.mine(t.call(CARRIER, ac.pull(1, 10n)));
  await t.mine(t.call(SHOP, recoveryCalls.lock({ account: PAYER.pub })));
  const before = t.balance(PAYER.pub);
  const msg = t.refuse(t.call(CARRIER, ac.pull(1, 10n), false), "ACCOUNT_LOCKED");
  assert.match(msg, /locked until height/);
  // Nor can the payer itself send (e.g. a thief with the phone).
  t.refuse(t.call(PAYER, ac.grant(NOBODY, { limit: 1n, period: 5 }), false), "ACCOUNT_LOCKED");
  assert.equal(t.balance(PAYER.pub), before);
  await t.mine(t.call(SHOP, recoveryCalls.unlock({ account: PAYER.pub })));
  await t.mine(t.call(CARRIER, ac.pull(1, 10n)));
  assert.equal(t.balance(PAYER.pub), before - 10n);
});
