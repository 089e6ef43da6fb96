/** The vouchers routes over a real chain's head (the API server's error shape, no network). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { txHash } from "../../codec/hashing.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { assertListRefusals, routesUnderTest } from "../../testing/routes-app.js";
import {
  ALICE,
  BOB,
  carriersChain,
  ISSUER,
  ISSUER_OP,
  OTHER_OP,
  PUB_OP,
  PUBLISHER,
  vc,
} from "./fixtures.test.js";
import { vouchersModule } from "./index.js";
import type { BalanceView, ClassView, OfferView } from "./views.js";

const t = closeAfterwards(await carriersChain());
let publishTx = "";
const app = routesUnderTest(vouchersModule, t, async () => {
  await t.mine(
    t.call(
      ISSUER_OP,
      vc.create({ expiry: 500, cap: 10_000n, name: "Roaming 1 GB", description: "EU roaming" }),
    ),
    t.call(ISSUER_OP, vc.create({ expiry: 600, unit: "minute", transferable: false })),
    t.call(OTHER_OP, vc.create({ expiry: 700, unit: "message" })),
  );
  const publish = t.call(
    ISSUER_OP,
    vc.publish(1, { units: 1_024n, price: 2_000n, stock: 4, end: 400, publisher: [PUBLISHER, PUB_OP, 500] }),
  );
  publishTx = toHex(txHash(publish));
  await t.mine(publish, t.call(ISSUER_OP, vc.issue(2, ALICE, 60n)), t.call(OTHER_OP, vc.issue(3, ALICE, 5n)));
  await t.mine(t.call(ALICE, vc.buy(1)));
});

type Page<T> = { items: T[]; next: string | null };
const get = async <T>(url: string) => {
  const r = await app.inject({ method: "GET", url });
  return { status: r.statusCode, body: r.json() as T & { error?: { code: string } } };
};

test("a class, an issuer's classes, refusals", async () => {
  const c = await get<ClassView>("/v1/vouchers/classes/1");
  assert.equal(c.status, 200);
  assert.equal(c.body.name, "Roaming 1 GB");
  assert.equal(c.body.description, "EU roaming");
  assert.equal(c.body.issuer, ISSUER);
  assert.equal(c.body.unit, "megabyte");
  assert.equal(c.body.status, "live");
  assert.equal(c.body.blocksLeft, 500 - t.height);
  assert.equal(c.body.cap, "10000");
  assert.equal(c.body.issued, "1024");
  assert.equal(c.body.supply, "1024");
  assert.equal(c.body.holders, 1);
  assert.equal(c.body.prunedAt, null);
  const list = await get<Page<ClassView>>(`/v1/vouchers/classes?issuer=${ISSUER}`);
  assert.deepEqual(
    list.body.items.map((x) => [x.id, x.unit, x.transferable]),
    [
      [1, "megabyte", true],
      [2, "minute", false],
    ],
  );
  assert.equal((await get("/v1/vouchers/classes/99")).status, 404);
  const bad = await get("/v1/vouchers/classes/0");
  assert.deepEqual([bad.status, bad.body.error?.code], [400, "VOUCHERS_BAD_ID"]);
  await assertListRefusals(
    async (q) => get(`/v1/vouchers/classes${q}`),
    [
      ["?issuer=aa", "VOUCHERS_BAD_CARRIER"],
      ["", "BAD_REQUEST"],
    ],
  );
});

test("balances of an address, paged, and one balance", async () => {
  const all = await get<Page<BalanceView>>(`/v1/vouchers/balances?holder=${encodeAddress(ALICE.pub)}`);
  assert.deepEqual(
    all.body.items.map((b) => [b.classId, b.amount, b.unit, b.issuer]),
    [
      [1, "1024", "megabyte", ISSUER],
      [2, "60", "minute", ISSUER],
      [3, "5", "message", "CCC"],
    ],
  );
  const first = await get<Page<BalanceView>>(
    `/v1/vouchers/balances?holder=${encodeAddress(ALICE.pub)}&limit=2`,
  );
  assert.equal(first.body.items.length, 2);
  assert.ok(first.body.next);
  const rest = await get<Page<BalanceView>>(
    `/v1/vouchers/balances?holder=${encodeAddress(ALICE.pub)}&limit=2&cursor=${first.body.next}`,
  );
  assert.deepEqual(
    rest.body.items.map((b) => b.classId),
    [3],
  );
  assert.equal(rest.body.next, null);
  const one = await get<BalanceView>(`/v1/vouchers/classes/2/balances/${encodeAddress(ALICE.pub)}`);
  assert.equal(one.body.amount, "60");
  const none = await get<BalanceView>(`/v1/vouchers/classes/2/balances/${encodeAddress(BOB.pub)}`);
  assert.equal(none.body.amount, "0");
  const missing = await get(`/v1/vouchers/classes/9/balances/${encodeAddress(BOB.pub)}`);
  assert.deepEqual([missing.status, missing.body.error?.code], [404, "VOUCHERS_NO_CLASS"]);
  const badAddress = await get("/v1/vouchers/balances?holder=tel1nope");
  assert.deepEqual([badAddress.status, badAddress.body.error?.code], [400, "ADDRESS_INVALID"]);
});

test("offers by class, issuer and publisher; one offer; what a transaction created", async () => {
  for (const q of ["class=1", `issuer=${ISSUER}`, `publisher=${PUBLISHER}`]) {
    const r = await get<Page<OfferView>>(`/v1/vouchers/offers?${q}`);
    assert.deepEqual(
      r.body.items.map((o) => o.id),
      [1],
      q,
    );
  }
  assert.deepEqual((await get<Page<OfferView>>("/v1/vouchers/offers?publisher=CCC")).body.items, []);
  const o = await get<OfferView>("/v1/vouchers/offers/1");
  assert.equal(o.body.price, "2000");
  assert.deepEqual(o.body.split, { issuer: "1900", publisher: "100" }, "5 % of 2,000 to BBB");
  assert.deepEqual(o.body.publisher, { carrier: PUBLISHER, payee: encodeAddress(PUB_OP.pub), feeBps: 500 });
  assert.equal(o.body.payee, encodeAddress(ISSUER_OP.pub));
  assert.deepEqual([o.body.stock, o.body.sold, o.body.status], [3, 1, "open"]);
  await assertListRefusals(
    async (q) => get(`/v1/vouchers/offers${q}`),
    [
      ["?class=x", "VOUCHERS_BAD_ID"],
      ["?issuer=a", "VOUCHERS_BAD_CARRIER"],
      ["?class=1&issuer=AAA", "BAD_REQUEST"],
    ],
  );
  const created = await get<{ kind: string; id: number }>(`/v1/vouchers/created/${publishTx}`);
  assert.deepEqual(created.body, { kind: "offer", id: 1 });
  assert.equal((await get(`/v1/vouchers/created/${"0".repeat(64)}`)).status, 404);
});
