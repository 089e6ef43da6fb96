/**
 * Ratings against the REAL channels module (the other services tests use a stand-in): a client
 * opens a channel to a provider, pays through a voucher the provider closes with, and then may
 * rate the provider's listing once; a channel still open, or one the rater did not pay, may not.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeAfterwards, TEST_CHAIN_ID } from "../../testing/chain-harness.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { channelsCalls, signVoucher } from "../channels/index.js";
import { CLIENT, CLIENT2, PROVIDER, sc, servicesTestGenesis, viewAt } from "./fixtures.test.js";

test("a closed, paid real channel lets its payer rate the payee's listing once; an open one does not", async () => {
  const t = closeAfterwards(ModuleTestChain.create({ genesis: servicesTestGenesis() }));
  await t.mine(t.call(PROVIDER, sc.list()));
  const expiry = t.height + 50;
  await t.mine(
    t.call(CLIENT, channelsCalls.open({ payee: PROVIDER.pub, deposit: 5_000n, expiry })),
    t.call(CLIENT2, channelsCalls.open({ payee: PROVIDER.pub, deposit: 5_000n, expiry })),
  );
  t.refuse(t.call(CLIENT, sc.rate(1, 1, 5), false), "SERVICES_CHANNEL_NOT_CLOSED");
  const v = signVoucher(CLIENT.seed, TEST_CHAIN_ID, 1, 1_200n);
  await t.mine(
    t.call(PROVIDER, channelsCalls.close({ channel: 1, amount: v.amount, signature: v.signature })),
  );
  // CLIENT2 did not pay channel 1: it may not rate with it.
  t.refuse(t.call(CLIENT2, sc.rate(1, 1, 1), false), "SERVICES_NOT_PAYER");
  await t.mine(t.call(CLIENT, sc.rate(1, 1, 4)));
  assert.deepEqual(viewAt(t, 1)?.rating, { count: 1, average: 4 });
  t.refuse(t.call(CLIENT, sc.rate(1, 1, 5), false), "SERVICES_ALREADY_RATED");
});
