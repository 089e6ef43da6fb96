/**
 * The channel lifecycle on a real chain, with hand-computed balances: open (deposit into custody),
 * top-up, vouchers, the payee's close; the payer's reclaim after the expiry; the payer's early
 * close beaten by a higher voucher in the window; an early close settled after the window.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  cc,
  channelAt,
  custody,
  FUNDS,
  fresh,
  lastId,
  NOBODY,
  nextBlockAt,
  openOf,
  PAYEE,
  PAYER,
  TX_FEE,
  voucher,
  WINDOW,
} from "./fixtures.test.js";
import type { ChannelsKeeper } from "./keeper.js";

const keeperOf = (t: ModuleTestChain) => t.keeper<ChannelsKeeper>("channels");

test("open, top-up, vouchers, the payee closes with its best one: amount to the payee, the rest back", async () => {
  const t = closeAfterwards(fresh());
  const expiry = t.height + 50;
  await t.mine(t.call(PAYER, cc.open(PAYEE, 1_000n, expiry)));
  assert.equal(lastId(t), 1);
  const c = channelAt(t, 1);
  assert.deepEqual([c?.deposit, c?.expiry, c?.status, c?.openedAt], [1_000n, expiry, 0, t.height]);
  assert.equal(t.balance(PAYER.pub), FUNDS - 1_000n - TX_FEE);
  assert.equal(custody(t), 1_000n);
  assert.equal(openOf(t, PAYER), 1);

  // top-up: 500 more and a later expiry
  await t.mine(t.call(PAYER, cc.topUp(1, 500n, expiry + 10)));
  assert.deepEqual([channelAt(t, 1)?.deposit, channelAt(t, 1)?.expiry], [1_500n, expiry + 10]);
  assert.equal(t.balance(PAYER.pub), FUNDS - 1_500n - 2n * TX_FEE);
  assert.equal(custody(t), 1_500n);
  // a top-up that only moves the expiry
  await t.mine(t.call(PAYER, cc.topUp(1, 0n, expiry + 20)));
  assert.equal(channelAt(t, 1)?.expiry, expiry + 20);

  // vouchers grow; the payee keeps only the best (1,234) and closes with it
  const best = [100n, 700n, 1_234n].map((a) => voucher(PAYER, 1, a)).at(-1);
  assert.ok(best);
  const payee0 = t.balance(PAYEE.pub);
  await t.mine(t.call(PAYEE, cc.close(best)));
  assert.equal(t.balance(PAYEE.pub), payee0 + 1_234n - TX_FEE);
  assert.equal(t.balance(PAYER.pub), FUNDS - 1_500n - 3n * TX_FEE + 266n);
  const closed = channelAt(t, 1);
  assert.deepEqual([closed?.status, closed?.paid, closed?.closedAt, closed?.how], [2, 1_234n, t.height, 1]);
  assert.equal(custody(t), 0n);
  assert.equal(openOf(t, PAYER), 0);
  const k = keeperOf(t).channel(1);
  assert.deepEqual(
    [toHex(k?.payer ?? new Uint8Array()), toHex(k?.payee ?? new Uint8Array())],
    [toHex(PAYER.pub), toHex(PAYEE.pub)],
  );
  assert.deepEqual(
    { ...k, payer: undefined, payee: undefined },
    {
      payer: undefined,
      payee: undefined,
      deposit: 1_500n,
      paid: 1_234n,
      status: "closed",
      expiry: expiry + 20,
      closedAt: t.height,
    },
  );
  assert.equal(keeperOf(t).channel(2), undefined);
});

test("after the expiry the payer reclaims everything; not a block before", async () => {
  const t = closeAfterwards(fresh());
  const expiry = t.height + 4;
  await t.mine(t.call(PAYER, cc.open(PAYEE, 800n, expiry)));
  await nextBlockAt(t, expiry);
  t.refuse(t.call(PAYER, cc.reclaim(1), false), "CHANNELS_NOT_EXPIRED");
  await t.mine();
  t.refuse(t.call(PAYEE, cc.close(voucher(PAYER, 1, 10n)), false), "CHANNELS_EXPIRED");
  const before = t.balance(PAYER.pub);
  await t.mine(t.call(PAYER, cc.reclaim(1)));
  assert.equal(t.balance(PAYER.pub), before + 800n - TX_FEE);
  assert.deepEqual([channelAt(t, 1)?.status, channelAt(t, 1)?.paid, channelAt(t, 1)?.how], [2, 0n, 3]);
  assert.equal(custody(t), 0n);
});

test("the payer's early close is beaten by a higher voucher in the window", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PAYER, cc.open(PAYEE, 1_000n, t.height + 100)));
  await t.mine(t.call(PAYER, cc.startClose(1, 300n)));
  const c = channelAt(t, 1);
  assert.deepEqual([c?.status, c?.stated, c?.settlesAt], [1, 300n, t.height + WINDOW]);
  t.refuse(t.call(NOBODY, cc.settle(1), false), "CHANNELS_WINDOW_OPEN");
  t.refuse(t.call(PAYEE, cc.close(voucher(PAYER, 1, 299n)), false), "CHANNELS_BELOW_STATED");
  const payee0 = t.balance(PAYEE.pub);
  const payer0 = t.balance(PAYER.pub);
  await t.mine(t.call(PAYEE, cc.close(voucher(PAYER, 1, 650n))));
  assert.equal(t.balance(PAYEE.pub), payee0 + 650n - TX_FEE);
  assert.equal(t.balance(PAYER.pub), payer0 + 350n);
  assert.deepEqual([channelAt(t, 1)?.status, channelAt(t, 1)?.paid, channelAt(t, 1)?.how], [2, 650n, 1]);
});

test("an early close settles after the window (by anyone): the stated amount to the payee", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PAYER, cc.open(PAYEE, 1_000n, t.height + 100)));
  await t.mine(t.call(PAYER, cc.startClose(1, 300n)));
  const settlesAt = channelAt(t, 1)?.settlesAt ?? 0;
  await nextBlockAt(t, settlesAt);
  t.refuse(t.call(PAYEE, cc.close(voucher(PAYER, 1, 900n)), false), "CHANNELS_WINDOW_OVER");
  const payee0 = t.balance(PAYEE.pub);
  const payer0 = t.balance(PAYER.pub);
  await t.mine(t.call(NOBODY, cc.settle(1)));
  assert.equal(t.height, settlesAt);
  assert.equal(t.balance(PAYEE.pub), payee0 + 300n);
  assert.equal(t.balance(PAYER.pub), payer0 + 700n);
  assert.deepEqual([channelAt(t, 1)?.status, channelAt(t, 1)?.paid, channelAt(t, 1)?.how], [2, 300n, 2]);
  assert.equal(custody(t), 0n);
});
