/**
 * Property tests: every kind's random and mutated payloads from random senders are refused with a
 * declared code and change nothing, or accepted (src/testing/kind-properties.ts); the voucher
 * check says valid only for a voucher really signed by the payer's key for this chain, channel and
 * amount; and conservation: after every block of a randomized run, the coins in custody are the
 * sum of the deposits of the channels not closed, and no coin is made or lost.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import { equalBytes } from "../../bytes.js";
import type { ModuleCall } from "../../module/kind.js";
import { candidate, closeAfterwards, TEST_CHAIN_ID } from "../../testing/chain-harness.js";
import { kindPropertyTests } from "../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { checkVoucher } from "./check.js";
import { CHANNELS_ERRORS } from "./errors.js";
import {
  cc,
  channelAt,
  custody,
  fresh,
  lastId,
  NOBODY,
  openDeposits,
  PAYEE,
  PAYER,
  PAYER2,
  voucher,
} from "./fixtures.test.js";
import { channelsCalls } from "./kinds/index.js";
import type { ChannelView } from "./views.js";

const SENDERS = [PAYER, PAYEE, PAYER2, NOBODY];
const MAX = (1n << 64n) - 1n;

let t: ModuleTestChain;
/** Channels: 1 open, 2 closing (stated 300), 3 closed, 4 expired (PAYER2's). */
before(async () => {
  t = fresh();
  await t.mine(
    t.call(PAYER, cc.open(PAYEE, 1_000n, t.height + 500)),
    t.call(PAYER, cc.open(PAYEE, 1_000n, t.height + 500)),
    t.call(PAYER, cc.open(PAYEE, 1_000n, t.height + 500)),
    t.call(PAYER2, cc.open(PAYEE, 500n, t.height + 2)),
  );
  await t.mine(t.call(PAYER, cc.startClose(2, 300n)), t.call(PAYEE, cc.close(voucher(PAYER, 3, 10n))));
  await t.mine();
});
after(() => t.close());

const id = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const u64 = fc.oneof(
  fc.constantFrom(0n, 1n, 299n, 300n, 1_000n, 1_001n, MAX),
  fc.bigInt({ min: 0n, max: MAX }),
);
const u53 = fc.oneof(
  fc.constantFrom(0, 1, 5, 50, 505, 1_010, 2 ** 53 - 1),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const address = fc.oneof(
  fc.constantFrom(PAYER.pub, PAYEE.pub, NOBODY.pub, new Uint8Array(32)),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
/** A voucher: really signed by the payer (of a channel, any amount), or random bytes. */
const signed = fc.oneof(
  fc
    .record({ channel: fc.constantFrom(1, 2, 3), amount: u64 })
    .map((v) => voucher(PAYER, v.channel, v.amount)),
  fc.record({ channel: id, amount: u64, signature: fc.uint8Array({ minLength: 64, maxLength: 64 }) }),
);
const C = channelsCalls;

const fields: Record<keyof typeof channelsCalls, fc.Arbitrary<ModuleCall>> = {
  open: fc.record({ payee: address, deposit: u64, expiry: u53 }).map((p) => C.open(p)),
  "top-up": fc.record({ channel: id, amount: u64, expiry: u53 }).map((p) => C["top-up"](p)),
  close: signed.map((v) => C.close(v)),
  "start-close": fc.record({ channel: id, amount: u64 }).map((p) => C["start-close"](p)),
  settle: fc.record({ channel: id }).map((p) => C.settle(p)),
  reclaim: fc.record({ channel: id }).map((p) => C.reclaim(p)),
};

const codes = [...Object.keys(CHANNELS_ERRORS.codes), "ACCOUNT_INSUFFICIENT_FUNDS", "ACCOUNT_OVERFLOW"];

kindPropertyTests(() => t, { module: "channels", calls: fields, signers: SENDERS, codes, runs: 200 });

test("the voucher check: valid only when really signed by the payer for this chain, channel and amount", () => {
  const view: ChannelView = {
    id: 7,
    payer: "",
    payee: "",
    deposit: "1000",
    expiry: 100,
    openedAt: 1,
    status: "open",
    stated: null,
    settlesAt: null,
    paid: null,
    closedAt: null,
    how: null,
    at: 50,
    expired: false,
  };
  fc.assert(
    fc.property(
      fc.record({
        amount: fc.bigInt({ min: 1n, max: 1_000n }),
        chain: fc.constantFrom(TEST_CHAIN_ID, "telchain-dev"),
      }),
      fc.nat(63),
      fc.integer({ min: 1, max: 255 }),
      fc.constantFrom("none", "sig", "amount", "channel", "key"),
      ({ amount, chain }, i, x, mutation) => {
        const v = voucher(PAYER, 7, amount, chain);
        const sig = v.signature.slice();
        if (mutation === "sig") sig[i] ^= x;
        const tried = {
          channel: mutation === "channel" ? 8 : 7,
          amount: mutation === "amount" ? amount + 1n : amount,
          signature: sig,
        };
        const key = mutation === "key" ? PAYEE.pub : PAYER.pub;
        const r = checkVoucher(view, TEST_CHAIN_ID, tried, key);
        const good = mutation === "none" && chain === TEST_CHAIN_ID;
        assert.equal(r.valid, good, `${mutation} ${chain}: ${r.reason}`);
        if (!good)
          assert.ok(
            ["CHANNELS_BAD_SIGNATURE", "CHANNELS_WRONG_CHANNEL", "CHANNELS_ABOVE_DEPOSIT"].includes(
              r.reason ?? "",
            ),
            r.reason,
          );
      },
    ),
    { numRuns: 300 },
  );
});

test("conservation: custody = Σ open deposits after every block, and coins are neither made nor lost", async () => {
  const r = closeAfterwards(fresh());
  const keys = [PAYER, PAYEE, PAYER2, NOBODY];
  const total = () => keys.reduce((s, k) => s + r.balance(k.pub), 0n) + custody(r);
  let fees = 0n;
  const start = total();
  const keyOf = (a: Uint8Array) => keys.find((k) => equalBytes(k.pub, a)) ?? PAYER;
  const actions = fc.array(
    fc.record({
      who: fc.nat(3),
      to: fc.nat(3),
      what: fc.constantFrom("open", "open", "top-up", "close", "start-close", "settle", "reclaim", "wait"),
      channel: fc.nat(1_000),
      amount: fc.bigInt({ min: 0n, max: 2_000n }),
      life: fc.integer({ min: 1, max: 12 }),
    }),
    { minLength: 80, maxLength: 80 },
  );
  const [plan] = fc.sample(actions, { numRuns: 1, seed: 14 });
  for (const a of plan) {
    const n = lastId(r);
    const id = n === 0 ? 1 : 1 + (a.channel % n);
    const c = channelAt(r, id);
    // mostly the party the kind wants (a stranger now and then)
    const party = (k: "payer" | "payee") => (c && a.who !== 3 ? keyOf(c[k]) : keys[a.who]);
    const within = c ? (a.amount % c.deposit) + 1n : a.amount + 1n;
    let call: ModuleCall | undefined;
    let sender = party("payer");
    if (a.what === "open" || !c)
      [call, sender] = [cc.open(keys[a.to], a.amount + 1n, r.height + 1 + a.life), keys[a.who]];
    else if (a.what === "top-up") call = cc.topUp(id, a.amount, 0);
    else if (a.what === "close")
      [call, sender] = [cc.close(voucher(keyOf(c.payer), id, within)), party("payee")];
    else if (a.what === "start-close") call = cc.startClose(id, within - 1n);
    else if (a.what === "settle") call = cc.settle(id);
    else if (a.what === "reclaim") call = cc.reclaim(id);
    const accepted = call ? await tryMine(r, sender, call) : (await r.mine(), false);
    if (accepted) fees += 1_000n;
    assert.equal(custody(r), openDeposits(r), `after ${a.what} ${id}`);
    assert.equal(total() + fees, start, `coins after ${a.what} ${id}`);
  }
  assert.ok(
    lastId(r) >= 2 && fees >= 20_000n,
    `the run opened channels and did things (${fees / 1_000n} txs)`,
  );
});

/** Mines the call when the chain accepts it (true), else an empty block (false). */
async function tryMine(r: ModuleTestChain, key: typeof PAYER, call: ModuleCall): Promise<boolean> {
  const probe = r.call(key, call, false);
  const tpl = r.c.chain.buildTemplate(new Uint8Array(32).fill(9), [candidate(probe)]);
  if (tpl.rejected.length > 0) {
    await r.mine();
    return false;
  }
  await r.mine(r.call(key, call));
  return true;
}
