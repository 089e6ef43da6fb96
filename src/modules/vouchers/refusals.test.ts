/**
 * Every refusal of the vouchers kinds by its code, on a real chain: each bad transaction is
 * dropped from the next block's template (t.refuse), which leaves the state as it was; the
 * accepted ones around them show the limits are exact (the cap reached, the last unit moved).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ByteListType, ContainerType, ListCompositeType } from "@chainsafe/ssz";
import { Bool, Bytes32, Uint8, Uint16, Uint53, Uint64 } from "../../codec/schema.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import {
  ALICE,
  BOB,
  carriersChain,
  classAt,
  ISSUER_OP,
  keeper,
  NOBODY,
  OTHER_OP,
  PUB_OP,
  PUBLISHER,
  vc,
} from "./fixtures.test.js";
import { MAX_LIFETIME_BLOCKS } from "./kinds/class.js";
import { Cap } from "./schemas.js";

const MAX = (1n << 64n) - 1n;
/** The payloads with their texts as plain byte lists: what a client that skips the rules could send. */
const RawCreate = new ContainerType({
  unit: Uint8,
  name: new ByteListType(32),
  description: new ByteListType(256),
  expiry: Uint53,
  transferable: Bool,
  cap: Cap,
});
const RawRedeem = new ContainerType({ classId: Uint53, amount: Uint64, subscriber: new ByteListType(64) });
const RawPublish = new ContainerType({
  classId: Uint53,
  units: Uint64,
  price: Uint64,
  publisher: new ListCompositeType(
    new ContainerType({ carrier: new ByteListType(8), payee: Bytes32, feeBps: Uint16 }),
    1,
  ),
  stock: Uint53,
  end: Uint53,
});
const bytes = (s: string) => new TextEncoder().encode(s);
const rawCreate = (over: Partial<{ unit: number; name: string; description: string }>) =>
  RawCreate.serialize({
    unit: over.unit ?? 2,
    name: bytes(over.name ?? "ok"),
    description: bytes(over.description ?? ""),
    expiry: 100,
    transferable: true,
    cap: [],
  });

test("classes: who may create them, their unit, texts, expiry and cap", async () => {
  const t = closeAfterwards(await carriersChain());
  const h = t.height + 1;
  const cases: [key: typeof ALICE, payload: Uint8Array, code: string][] = [
    [NOBODY, vc.create({ expiry: 100 }).payload, "VOUCHERS_NOT_OPERATOR"],
    [ISSUER_OP, vc.create({ expiry: h - 1 }).payload, "VOUCHERS_BAD_EXPIRY"],
    [ISSUER_OP, vc.create({ expiry: h + MAX_LIFETIME_BLOCKS + 1 }).payload, "VOUCHERS_BAD_EXPIRY"],
    [ISSUER_OP, vc.create({ expiry: 2 ** 53 }).payload, "VOUCHERS_BAD_EXPIRY"],
    [ISSUER_OP, vc.create({ expiry: 100, cap: 0n }).payload, "VOUCHERS_BAD_AMOUNT"],
    [ISSUER_OP, rawCreate({ unit: 3 }), "VOUCHERS_BAD_UNIT"],
    [ISSUER_OP, rawCreate({ name: "" }), "VOUCHERS_BAD_TEXT"],
    [ISSUER_OP, rawCreate({ name: "bad\nname" }), "VOUCHERS_BAD_TEXT"],
    [ISSUER_OP, rawCreate({ description: "\u0007" }), "VOUCHERS_BAD_TEXT"],
  ];
  for (const [key, payload, code] of cases)
    t.refuse(t.tx(key, "vouchers", "class-create", payload, false), code);
  // the limits themselves are accepted: expiry in this very block, and 100,000,000 blocks on
  await t.mine(
    t.call(ISSUER_OP, vc.create({ expiry: h })),
    t.call(ISSUER_OP, vc.create({ expiry: h + MAX_LIFETIME_BLOCKS, unit: "message", cap: 1n })),
  );
  assert.equal(keeper(t).classInfo(2)?.unit, "message");
});

test("issue, transfer, redeem: issuer, cap, overflow, transferable, balance, ids and amounts", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(
    t.call(ISSUER_OP, vc.create({ expiry: 100, cap: 1_000n })),
    t.call(ISSUER_OP, vc.create({ expiry: 100, transferable: false })),
    t.call(ISSUER_OP, vc.create({ expiry: 100 })),
  );
  await t.mine(t.call(ISSUER_OP, vc.issue(1, ALICE, 999n)), t.call(ISSUER_OP, vc.issue(2, ALICE, 10n)));
  await t.mine(t.call(ISSUER_OP, vc.issue(3, ALICE, MAX)));
  const cases: [key: typeof ALICE, call: ReturnType<typeof vc.issue>, code: string][] = [
    [NOBODY, vc.issue(1, ALICE, 1n), "VOUCHERS_NOT_OPERATOR"],
    [OTHER_OP, vc.issue(1, ALICE, 1n), "VOUCHERS_NOT_ISSUER"],
    [ISSUER_OP, vc.issue(9, ALICE, 1n), "VOUCHERS_NO_CLASS"],
    [ISSUER_OP, vc.issue(0, ALICE, 1n), "VOUCHERS_BAD_ID"],
    [ISSUER_OP, vc.issue(1, ALICE, 0n), "VOUCHERS_BAD_AMOUNT"],
    [ISSUER_OP, vc.issue(1, ALICE, 2n), "VOUCHERS_CAP_EXCEEDED"],
    [ISSUER_OP, vc.issue(3, BOB, 1n), "VOUCHERS_OVERFLOW"],
    [ALICE, vc.transfer(2, BOB, 1n), "VOUCHERS_NOT_TRANSFERABLE"],
    [ALICE, vc.transfer(1, BOB, 1_000n), "VOUCHERS_INSUFFICIENT"],
    [BOB, vc.transfer(1, ALICE, 1n), "VOUCHERS_INSUFFICIENT"],
    [ALICE, vc.transfer(1, BOB, 0n), "VOUCHERS_BAD_AMOUNT"],
    [ALICE, vc.transfer(7, BOB, 1n), "VOUCHERS_NO_CLASS"],
    [ALICE, vc.redeem(1, 1_000n), "VOUCHERS_INSUFFICIENT"],
    [ALICE, vc.redeem(1, 0n), "VOUCHERS_BAD_AMOUNT"],
  ];
  for (const [key, call, code] of cases) t.refuse(t.call(key, call, false), code);
  for (const subscriber of ["", "+49\t151", "x".repeat(64).replace(/x$/, "\u0085")])
    t.refuse(
      t.tx(
        ALICE,
        "vouchers",
        "redeem",
        RawRedeem.serialize({ classId: 1, amount: 1n, subscriber: bytes(subscriber) }),
        false,
      ),
      "VOUCHERS_BAD_SUBSCRIBER",
    );
  // exact limits pass: the last unit of the cap, all of a balance, a non-transferable class redeemed
  await t.mine(
    t.call(ISSUER_OP, vc.issue(1, BOB, 1n)),
    t.call(ALICE, vc.transfer(1, BOB, 999n)),
    t.call(ALICE, vc.redeem(2, 10n, "x".repeat(64))),
  );
  assert.equal(keeper(t).balance(1, BOB.pub), 1_000n);
  assert.equal(classAt(t, 1)?.issued, 1_000n);
  assert.equal(classAt(t, 2)?.redeemed, 10n);
});

test("offers: publisher, end, amounts, fee, payee, cap; buying: stock, end, overflow, funds", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(
    t.call(ISSUER_OP, vc.create({ expiry: 50, cap: 1_000n })),
    t.call(ISSUER_OP, vc.create({ expiry: 50 })),
  );
  const h = t.height + 1;
  const ok = { units: 100n, price: 10n, stock: 2, end: 40 };
  const pub = (carrier: string, payee: typeof PUB_OP, bps: number) => ({
    ...ok,
    publisher: [carrier, payee, bps] as [string, typeof PUB_OP, number],
  });
  const cases: [key: typeof ALICE, call: ReturnType<typeof vc.publish>, code: string][] = [
    [OTHER_OP, vc.publish(1, ok), "VOUCHERS_NOT_ISSUER"],
    [NOBODY, vc.publish(1, ok), "VOUCHERS_NOT_OPERATOR"],
    [ISSUER_OP, vc.publish(5, ok), "VOUCHERS_NO_CLASS"],
    [ISSUER_OP, vc.publish(1, { ...ok, end: h - 1 }), "VOUCHERS_BAD_END"],
    [ISSUER_OP, vc.publish(1, { ...ok, end: 51 }), "VOUCHERS_BAD_END"],
    [ISSUER_OP, vc.publish(1, { ...ok, units: 0n }), "VOUCHERS_BAD_AMOUNT"],
    [ISSUER_OP, vc.publish(1, { ...ok, price: 0n }), "VOUCHERS_BAD_AMOUNT"],
    [ISSUER_OP, vc.publish(1, { ...ok, stock: 0 }), "VOUCHERS_BAD_AMOUNT"],
    [ISSUER_OP, vc.publish(2, { ...ok, units: 1n << 63n, stock: 2 }), "VOUCHERS_OVERFLOW"],
    [ISSUER_OP, vc.publish(1, { ...ok, stock: 11 }), "VOUCHERS_CAP_EXCEEDED"],
    [ISSUER_OP, vc.publish(1, pub(PUBLISHER, PUB_OP, 10_001)), "VOUCHERS_BAD_FEE"],
    [ISSUER_OP, vc.publish(1, pub("AAA", ISSUER_OP, 100)), "VOUCHERS_SELF_PUBLISHER"],
    [ISSUER_OP, vc.publish(1, pub("ZZZ", PUB_OP, 100)), "VOUCHERS_UNKNOWN_CARRIER"],
    [ISSUER_OP, vc.publish(1, pub(PUBLISHER, OTHER_OP, 100)), "VOUCHERS_BAD_PAYEE"],
  ];
  for (const [key, call, code] of cases) t.refuse(t.call(key, call, false), code);
  const badCarrier = RawPublish.serialize({
    ...ok,
    classId: 1,
    publisher: [{ carrier: bytes("bb"), payee: PUB_OP.pub, feeBps: 1 }],
  });
  t.refuse(t.tx(ISSUER_OP, "vouchers", "offer-publish", badCarrier, false), "VOUCHERS_BAD_CARRIER");

  await t.mine(
    t.call(ISSUER_OP, vc.publish(1, { units: 400n, price: 10n, stock: 2, end: 40 })), // 800 of the cap 1,000
    t.call(ISSUER_OP, vc.publish(2, { units: 1n, price: 1n << 63n, stock: 3, end: 40 })),
    t.call(ISSUER_OP, vc.publish(2, { units: 1n, price: 10n, stock: 5, end: t.height + 2 })),
    t.call(ISSUER_OP, vc.publish(2, { units: 1n, price: 2_000_000_000_000n, stock: 5, end: 40 })),
  );
  await t.mine(t.call(ISSUER_OP, vc.issue(1, BOB, 300n)));
  const buys: [key: typeof ALICE, call: ReturnType<typeof vc.buy>, code: string][] = [
    [ALICE, vc.buy(1, 2), "VOUCHERS_CAP_EXCEEDED"], // 300 + 800 > 1,000
    [ALICE, vc.buy(1, 3), "VOUCHERS_OUT_OF_STOCK"],
    [ALICE, vc.buy(1, 0), "VOUCHERS_BAD_AMOUNT"],
    [ALICE, vc.buy(0, 1), "VOUCHERS_BAD_ID"],
    [ALICE, vc.buy(2, 2), "VOUCHERS_OVERFLOW"], // 2 × 2^63 > 2^64 − 1
    [ALICE, vc.buy(4, 1), "ACCOUNT_INSUFFICIENT_FUNDS"],
    [ALICE, vc.buy(9, 1), "VOUCHERS_NO_OFFER"],
  ];
  for (const [key, call, code] of buys) t.refuse(t.call(key, call, false), code);
  await t.mine(t.call(ALICE, vc.buy(1, 1)));
  await t.mine();
  t.refuse(t.call(ALICE, vc.buy(3, 1), false), "VOUCHERS_OFFER_ENDED");
  t.refuse(t.call(BOB, vc.buy(1, 1), false), "VOUCHERS_CAP_EXCEEDED"); // 700 + 400 > 1,000
  assert.equal(keeper(t).balance(1, ALICE.pub), 400n);
  assert.equal(classAt(t, 1)?.issued, 700n);
});
