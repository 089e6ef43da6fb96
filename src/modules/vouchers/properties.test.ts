/**
 * Property tests of every vouchers kind: random and mutated payloads from random senders, against
 * a chain holding a live class, a non-transferable one, one at its cap, an expired one, balances,
 * and offers open, sold out, with a publisher and ended, are never a crash — a refused transaction
 * carries a declared code (the module's, the codec's, or the core's for a buyer who cannot pay)
 * and leaves the state exactly as it was (src/testing/kind-properties.ts). Also: the price split
 * and the feed's event parser.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { ModuleCall } from "../../module/kind.js";
import { kindPropertyTests } from "../../testing/kind-properties.js";
import { memoEnvelope } from "../../testing/memos.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { parseSse } from "./cli-feed.js";
import { VOUCHERS_ERRORS } from "./errors.js";
import {
  ALICE,
  BOB,
  carriersChain,
  ISSUER,
  ISSUER_OP,
  NOBODY,
  OTHER,
  OTHER_OP,
  PUB_OP,
  PUBLISHER,
  vc,
} from "./fixtures.test.js";
import { vouchersCalls } from "./kinds/index.js";
import { splitPrice } from "./kinds/offer.js";

const SENDERS = [ISSUER_OP, PUB_OP, OTHER_OP, ALICE, BOB, NOBODY];

let t: ModuleTestChain;
/**
 * Classes: 1 live, transferable (Alice 1,000, Bob 5); 2 non-transferable (Alice 10); 3 capped at
 * 100, all issued; 4 expired. Offers on class 1: 1 open, 2 sold out, 3 with BBB at 250 bps, 4 ended.
 */
before(async () => {
  t = await carriersChain();
  const soon = t.height + 3;
  await t.mine(
    t.call(ISSUER_OP, vc.create({ expiry: 10_000 })),
    t.call(ISSUER_OP, vc.create({ expiry: 10_000, transferable: false })),
    t.call(ISSUER_OP, vc.create({ expiry: 10_000, cap: 100n })),
    t.call(ISSUER_OP, vc.create({ expiry: soon })),
  );
  await t.mine(
    t.call(ISSUER_OP, vc.issue(1, ALICE, 1_000n)),
    t.call(ISSUER_OP, vc.issue(1, BOB, 5n)),
    t.call(ISSUER_OP, vc.issue(2, ALICE, 10n)),
    t.call(ISSUER_OP, vc.issue(3, ALICE, 100n)),
    t.call(ISSUER_OP, vc.issue(4, ALICE, 7n)),
    t.call(ISSUER_OP, vc.publish(1, { units: 10n, price: 100n, stock: 50, end: 5_000 })),
    t.call(ISSUER_OP, vc.publish(1, { units: 10n, price: 100n, stock: 1, end: 5_000 })),
    t.call(
      ISSUER_OP,
      vc.publish(1, { units: 1n, price: 999n, stock: 9, end: 5_000, publisher: [PUBLISHER, PUB_OP, 250] }),
    ),
    t.call(ISSUER_OP, vc.publish(1, { units: 1n, price: 1n, stock: 9, end: soon })),
  );
  await t.mine(t.call(BOB, vc.buy(2)));
  while (t.height <= soon + 1) await t.mine();
});
after(() => t.close());

const id = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 5), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const u64 = fc.oneof(
  fc.constantFrom(0n, 1n, 5n, 10n, 100n, 1_000n, 1_001n, (1n << 64n) - 1n, 1n << 63n),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);
const height = fc.oneof(
  fc.constantFrom(0, 1, 10, 100, 5_000, 10_000, 10_001),
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
);
const address = fc.oneof(
  fc.constantFrom(ALICE.pub, BOB.pub, ISSUER_OP.pub, PUB_OP.pub),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const printable = (max: number, min = 0) =>
  fc.stringMatching(new RegExp(`^[A-Za-z0-9 +.:-]{${min},${max}}$`));
const carrier = fc.oneof(
  fc.constantFrom(ISSUER, PUBLISHER, OTHER, "ZZZ"),
  fc.stringMatching(/^[A-Z0-9]{3,8}$/),
);
const publisher = fc.oneof(
  fc.constant<{ carrier: string; payee: Uint8Array; feeBps: number }[]>([]),
  fc
    .record({
      carrier,
      payee: address,
      feeBps: fc.oneof(fc.constantFrom(0, 250, 10_000, 10_001), fc.integer({ min: 0, max: 65_535 })),
    })
    .map((p) => [p]),
);
const C = vouchersCalls;

/** Valid-looking calls of each kind with random fields. */
const fields: Record<keyof typeof vouchersCalls, fc.Arbitrary<ModuleCall>> = {
  "class-create": fc
    .record({
      unit: fc.integer({ min: 0, max: 4 }),
      name: printable(32, 1),
      description: printable(256),
      expiry: height,
      transferable: fc.boolean(),
      cap: fc.oneof(
        fc.constant<bigint[]>([]),
        u64.map((c) => [c]),
      ),
    })
    .map((p) => C["class-create"](p)),
  issue: fc.record({ classId: id, to: address, amount: u64 }).map((p) => C.issue(p)),
  transfer: fc.record({ classId: id, to: address, amount: u64 }).map((p) => C.transfer(p)),
  "transfer-memo": fc
    .record({ classId: id, to: address, amount: u64, memo: memoEnvelope })
    .map((p) => C["transfer-memo"](p)),
  redeem: fc.record({ classId: id, amount: u64, subscriber: printable(64, 1) }).map((p) => C.redeem(p)),
  "offer-publish": fc
    .record({ classId: id, units: u64, price: u64, publisher, stock: height, end: height })
    .map((p) => C["offer-publish"](p)),
  "offer-buy": fc
    .record({ offerId: id, count: fc.oneof(fc.constantFrom(0, 1, 2, 9, 50, 51), fc.nat(0xffff_ffff)) })
    .map((p) => C["offer-buy"](p)),
};

const codes = [
  ...Object.keys(VOUCHERS_ERRORS.codes),
  "ACCOUNT_INSUFFICIENT_FUNDS",
  "ACCOUNT_OVERFLOW",
  "MEMO_TOO_LARGE",
  "MEMO_MALFORMED",
];

kindPropertyTests(() => t, { module: "vouchers", calls: fields, signers: SENDERS, codes, runs: 250 });

test("the split gives the publisher floor(total × bps / 10,000) and the issuer the rest, never more than the total", () => {
  fc.assert(
    fc.property(
      fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
      fc.integer({ min: 0, max: 10_000 }),
      (total, bps) => {
        const s = splitPrice(total, bps);
        assert.equal(s.issuer + s.publisher, total);
        assert.ok(s.publisher >= 0n && s.issuer >= 0n);
        assert.ok(s.publisher * 10_000n <= total * BigInt(bps));
        assert.ok((s.publisher + 1n) * 10_000n > total * BigInt(bps), "rounded down, by less than one unit");
      },
    ),
  );
});

test("the event parser reads any split of a stream the same as the whole", () => {
  const event = fc.record({
    event: fc.constantFrom("redemption", "reorg"),
    id: fc.nat(),
    data: fc.json().map((j) => j.replace(/\n/g, " ")),
  });
  fc.assert(
    fc.property(fc.array(event, { maxLength: 8 }), fc.array(fc.nat(), { maxLength: 6 }), (events, cuts) => {
      const text = events.map((e) => `: note\nevent: ${e.event}\nid: ${e.id}\ndata: ${e.data}\n\n`).join("");
      const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
      let buffer = "";
      const got: { event: string; id?: string; data: string }[] = [];
      let from = 0;
      for (const p of [...points, text.length]) {
        buffer += text.slice(from, p);
        from = p;
        const r = parseSse(buffer);
        got.push(...r.events);
        buffer = r.rest;
      }
      assert.deepEqual(
        got,
        events.map((e) => ({ event: e.event, id: String(e.id), data: e.data })),
      );
    }),
  );
});
