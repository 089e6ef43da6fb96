/**
 * Every refusal of every kind by its code, each leaving the state and the accounts as they were;
 * and vouchers after a key rotation: the payer's old key signs nothing any more.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { toHex } from "../../bytes.js";
import type { Tx } from "../../codec/schema.js";
import { closeAfterwards, payloadFromJson, signingFor } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import {
  cc,
  channelAt,
  FUNDS,
  fresh,
  LIFE,
  NEWKEY,
  NOBODY,
  nextBlockAt,
  PAYEE,
  PAYER,
  PAYER2,
  snapshot,
  voucher,
} from "./fixtures.test.js";

const MAX = (1n << 64n) - 1n;
let t: ModuleTestChain;
/** Channel 1 open (deposit 1,000, expiry +100), 2 closing (stated 300), 3 closed, 4 expired (PAYER2's), 5 open: PAYER has 3 not closed, the most. */
let expiry1 = 0;
before(async () => {
  t = fresh();
  expiry1 = t.height + 100;
  await t.mine(
    t.call(PAYER, cc.open(PAYEE, 1_000n, expiry1)),
    t.call(PAYER, cc.open(PAYEE, 1_000n, expiry1)),
    t.call(PAYER, cc.open(PAYEE, 1_000n, expiry1)),
    t.call(PAYER2, cc.open(PAYEE, 500n, t.height + 3)),
  );
  await t.mine(
    t.call(PAYER, cc.startClose(2, 300n)),
    t.call(PAYEE, cc.close(voucher(PAYER, 3, 10n))),
    t.call(PAYER, cc.open(PAYEE, 1n, expiry1)),
  );
  await t.mine();
  await t.mine();
});

after(() => t.close());

/** Refused with `code`, and nothing changed (the template's state root, and the state here). */
function refused(tx: Tx, code: string): void {
  const s = snapshot(t);
  t.refuse(tx, code);
  assert.deepEqual(snapshot(t), s);
}
const as = (key: typeof PAYER, call: Parameters<typeof t.call>[1]) => t.call(key, call, false);

test("open: bad deposit, payee, expiry; too many channels; a payer who cannot pay", () => {
  const h = t.height + 1;
  refused(as(PAYER2, cc.open(PAYEE, 0n, h + 10)), "CHANNELS_BAD_AMOUNT");
  refused(as(PAYER2, cc.open(PAYER2, 10n, h + 10)), "CHANNELS_BAD_PAYEE");
  refused(as(PAYER2, cc.open({ ...PAYEE, pub: new Uint8Array(32) }, 10n, h + 10)), "CHANNELS_BAD_PAYEE");
  refused(as(PAYER2, cc.open(PAYEE, 10n, h)), "CHANNELS_BAD_EXPIRY");
  refused(as(PAYER2, cc.open(PAYEE, 10n, h + LIFE + 1)), "CHANNELS_BAD_EXPIRY");
  refused(as(PAYER, cc.open(PAYEE, 10n, h + 10)), "CHANNELS_TOO_MANY");
  refused(as(PAYER2, cc.open(PAYEE, FUNDS, h + 10)), "ACCOUNT_INSUFFICIENT_FUNDS");
});

test("top-up: unknown, not the payer, nothing to do, earlier expiry, closing, closed, expired, overflow", () => {
  refused(as(PAYER, cc.topUp(99, 10n)), "CHANNELS_NO_CHANNEL");
  refused(as(PAYER, cc.topUp(0, 10n)), "CHANNELS_BAD_ID");
  refused(as(PAYER2, cc.topUp(1, 10n)), "CHANNELS_NOT_PAYER");
  refused(as(PAYER, cc.topUp(1, 0n, 0)), "CHANNELS_BAD_AMOUNT");
  refused(as(PAYER, cc.topUp(1, 0n, expiry1 - 1)), "CHANNELS_BAD_EXPIRY");
  refused(as(PAYER, cc.topUp(1, 0n, t.height + 2 + LIFE)), "CHANNELS_BAD_EXPIRY");
  refused(as(PAYER, cc.topUp(2, 10n)), "CHANNELS_CLOSING");
  refused(as(PAYER, cc.topUp(3, 10n)), "CHANNELS_CLOSED");
  refused(as(PAYER2, cc.topUp(4, 10n)), "CHANNELS_EXPIRED");
  refused(as(PAYER, cc.topUp(1, MAX)), "CHANNELS_OVERFLOW");
});

test("close: not the payee; bad vouchers (other key, channel, chain); above the deposit; states", () => {
  refused(as(PAYER, cc.close(voucher(PAYER, 1, 10n))), "CHANNELS_NOT_PAYEE");
  refused(as(NOBODY, cc.close(voucher(PAYER, 1, 10n))), "CHANNELS_NOT_PAYEE");
  refused(as(PAYEE, cc.close(voucher(PAYEE, 1, 10n))), "CHANNELS_BAD_SIGNATURE");
  refused(as(PAYEE, cc.close({ ...voucher(PAYER, 2, 10n), channel: 1 })), "CHANNELS_BAD_SIGNATURE");
  refused(as(PAYEE, cc.close({ ...voucher(PAYER, 1, 11n), amount: 10n })), "CHANNELS_BAD_SIGNATURE");
  refused(as(PAYEE, cc.close(voucher(PAYER, 1, 10n, "telchain-other"))), "CHANNELS_BAD_SIGNATURE");
  refused(as(PAYEE, cc.close(voucher(PAYER, 1, 1_001n))), "CHANNELS_ABOVE_DEPOSIT");
  refused(as(PAYEE, cc.close(voucher(PAYER, 1, 0n))), "CHANNELS_BAD_AMOUNT");
  refused(as(PAYEE, cc.close(voucher(PAYER, 99, 5n))), "CHANNELS_NO_CHANNEL");
  refused(as(PAYEE, cc.close(voucher(PAYER, 2, 299n))), "CHANNELS_BELOW_STATED");
  refused(as(PAYEE, cc.close(voucher(PAYER, 3, 20n))), "CHANNELS_CLOSED");
  refused(as(PAYEE, cc.close(voucher(PAYER2, 4, 20n))), "CHANNELS_EXPIRED");
});

test("start-close, settle, reclaim: who, when, in which state", () => {
  refused(as(PAYEE, cc.startClose(1, 10n)), "CHANNELS_NOT_PAYER");
  refused(as(PAYER, cc.startClose(1, 1_001n)), "CHANNELS_ABOVE_DEPOSIT");
  refused(as(PAYER, cc.startClose(2, 10n)), "CHANNELS_CLOSING");
  refused(as(PAYER, cc.startClose(3, 10n)), "CHANNELS_CLOSED");
  refused(as(PAYER2, cc.startClose(4, 10n)), "CHANNELS_EXPIRED");
  refused(as(NOBODY, cc.settle(1)), "CHANNELS_NOT_CLOSING");
  refused(as(NOBODY, cc.settle(2)), "CHANNELS_WINDOW_OPEN");
  refused(as(NOBODY, cc.settle(3)), "CHANNELS_CLOSED");
  refused(as(NOBODY, cc.settle(99)), "CHANNELS_NO_CHANNEL");
  refused(as(PAYER, cc.reclaim(1)), "CHANNELS_NOT_EXPIRED");
  refused(as(PAYER, cc.reclaim(2)), "CHANNELS_CLOSING");
  refused(as(PAYER, cc.reclaim(3)), "CHANNELS_CLOSED");
  refused(as(PAYEE, cc.reclaim(4)), "CHANNELS_NOT_PAYER");
});

test("after the payer rotates its key, vouchers of the old key are refused, the new key's accepted", async () => {
  const r = closeAfterwards(fresh());
  await r.mine(r.call(PAYER, cc.open(PAYEE, 1_000n, r.height + 50)));
  const old = voucher(PAYER, 1, 400n);
  const rotate = payloadFromJson("account", "rotate", { key: `0x${toHex(NEWKEY.pub)}` });
  await r.mine(r.tx(PAYER, "account", "rotate", rotate));
  r.refuse(r.call(PAYEE, cc.close(old), false), "CHANNELS_BAD_SIGNATURE");
  // the payer, signing with its new key, still tops up; the new key's voucher closes
  await r.mine(r.call(signingFor(PAYER, NEWKEY), cc.topUp(1, 100n)));
  const payee0 = r.balance(PAYEE.pub);
  await r.mine(r.call(PAYEE, cc.close(voucher(NEWKEY, 1, 400n))));
  assert.equal(r.balance(PAYEE.pub), payee0 + 400n - 1_000n);
  assert.equal(channelAt(r, 1)?.paid, 400n);
});

test("the payee may close at the expiry height, and the payer reclaim from the next", async () => {
  const r = closeAfterwards(fresh());
  const expiry = r.height + 3;
  await r.mine(r.call(PAYER, cc.open(PAYEE, 100n, expiry)), r.call(PAYER, cc.open(PAYEE, 100n, expiry)));
  await nextBlockAt(r, expiry);
  await r.mine(r.call(PAYEE, cc.close(voucher(PAYER, 1, 60n))));
  assert.equal(r.height, expiry);
  assert.equal(channelAt(r, 1)?.paid, 60n);
  await r.mine(r.call(PAYER, cc.reclaim(2)));
  assert.equal(channelAt(r, 2)?.how, 3);
});
