/** The agreements part's routes on a real chain, through Fastify's inject with the API's error shape. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { toHex } from "../../../bytes.js";
import { txHash } from "../../../codec/hashing.js";
import { encodeAddress } from "../../../crypto/address.js";
import { sha256, utf8 } from "../../../crypto/hash.js";
import { T0 } from "../../../testing/chain-harness.js";
import { assertRouteRefusals, routesUnderTest } from "../../../testing/routes-app.js";
import { settlementModule } from "../index.js";
import { DECK_HEADER } from "../rating/deck.js";
import {
  ARBITER,
  ac,
  BUYER,
  BUYER_OP,
  DECK,
  endOf,
  fresh,
  OTHER,
  OTHER_OP,
  registerCarrier,
  SELLER,
  SELLER_OP,
  untilTime,
  usageSet,
} from "./fixtures.test.js";

const t = fresh();
after(() => t.close());
const DECK_TEXT = `${DECK_HEADER}\nsms,,5,1,1,0\n`;
const SET = usageSet("s", 3, T0);
let proposeTx = "";
let offerTx = "";

const app = routesUnderTest(settlementModule, t, async () => {
  await t.mine(
    t.call(SELLER_OP, registerCarrier(SELLER, "1555")),
    t.call(BUYER_OP, registerCarrier(BUYER, "4930")),
    t.call(OTHER_OP, registerCarrier(OTHER, "4420")),
  );
  const propose = t.call(SELLER_OP, ac.propose({ toleranceBps: 0 }));
  const publish = t.call(OTHER_OP, ac.publish(DECK_TEXT));
  proposeTx = toHex(txHash(propose));
  offerTx = toHex(txHash(publish));
  await t.mine(propose, publish);
  await t.mine(t.call(BUYER_OP, ac.accept(1)), t.call(SELLER_OP, ac.acceptOffer(1)));
  await untilTime(t, endOf(0));
  await t.mine(
    t.call(SELLER_OP, ac.commit(1, 0, { charge: 1_000n, root: SET.root, count: 3, voice: 99n })),
    t.call(BUYER_OP, ac.commit(1, 0, { charge: 900n })),
  );
  await t.mine(t.call(SELLER_OP, ac.evidence(1, 0, SET, 1)));
});

const get = app.get;

test("an agreement by id, and the agreements of a carrier", async () => {
  const { status, body } = await get("/v1/settlement/agreements/1");
  assert.equal(status, 200);
  assert.deepEqual(
    [
      body.id,
      body.seller,
      body.buyer,
      body.status,
      body.deckHash,
      body.arbiter,
      body.anchorUtc,
      body.currentPeriod,
    ],
    [1, SELLER, BUYER, "active", toHex(DECK), encodeAddress(ARBITER.pub), "2023-11-14T22:13:20Z", 1],
  );
  const aaa = (await get(`/v1/settlement/agreements?carrier=${SELLER}`)).body;
  assert.deepEqual(
    aaa.items.map((a: { id: number; seller: string }) => [a.id, a.seller]),
    [
      [1, SELLER],
      [2, OTHER],
    ],
  );
  assert.equal(aaa.next, null);
  assert.deepEqual(
    (await get(`/v1/settlement/agreements?carrier=${BUYER}`)).body.items.map((a: { id: number }) => a.id),
    [1],
  );
});

test("offers: the list without decks, one offer with its deck", async () => {
  const list = (await get("/v1/settlement/offers")).body;
  assert.deepEqual(
    list.items.map((o: { id: number; seller: string; deckBytes: number }) => [o.id, o.seller, o.deckBytes]),
    [[1, OTHER, utf8(DECK_TEXT).length]],
  );
  assert.equal(list.items[0].deck, undefined);
  const one = (await get("/v1/settlement/offers/1")).body;
  assert.equal(one.deck, DECK_TEXT);
  assert.equal(one.deckHash, toHex(sha256(utf8(DECK_TEXT))));
});

test("a period: both commitments and the outcome; its dispute with the evidence; a carrier's disputes", async () => {
  const p = (await get("/v1/settlement/agreements/1/periods/0")).body;
  assert.deepEqual(
    [p.start, p.end, p.deadline, p.seller.charge, p.seller.voice, p.seller.count, p.buyer.charge],
    [T0, T0 + 60, T0 + 120, "1000", "99", 3, "900"],
  );
  assert.deepEqual([p.outcome.kind, p.outcome.agreed, p.outcome.disputed], ["disputed", "900", "100"]);
  const empty = (await get("/v1/settlement/agreements/1/periods/7")).body;
  assert.deepEqual([empty.seller, empty.buyer, empty.outcome, empty.start], [null, null, null, T0 + 420]);

  const d = (await get("/v1/settlement/agreements/1/periods/0/dispute")).body;
  assert.deepEqual(
    [d.status, d.low, d.high, d.evidence.length, d.evidence[0].side],
    ["open", "900", "1000", 1, "seller"],
  );
  const mine = (await get(`/v1/settlement/disputes?carrier=${BUYER}`)).body;
  assert.deepEqual(
    mine.items.map((x: { agreementId: number; period: number }) => [x.agreementId, x.period]),
    [[1, 0]],
  );
  assert.deepEqual((await get(`/v1/settlement/disputes?carrier=${OTHER}`)).body.items, []);
});

test("what a transaction created", async () => {
  assert.deepEqual((await get(`/v1/settlement/created/${proposeTx}`)).body, { kind: "agreement", id: 1 });
  assert.deepEqual((await get(`/v1/settlement/created/${offerTx}`)).body, { kind: "offer", id: 1 });
  const none = await get(`/v1/settlement/created/${"00".repeat(32)}`);
  assert.deepEqual([none.status, none.body.error.code], [404, "NOT_FOUND"]);
  const bad = await get("/v1/settlement/created/xyz");
  assert.deepEqual([bad.status, bad.body.error.code], [400, "BAD_REQUEST"]);
});

test("malformed ids, periods and carriers are 400 with their codes; unknown ones 404", async () => {
  const cases: [string, number, string][] = [
    ["/v1/settlement/agreements/0", 400, "SETTLEMENT_BAD_ID"],
    ["/v1/settlement/agreements/abc", 400, "SETTLEMENT_BAD_ID"],
    ["/v1/settlement/agreements/9007199254740992", 400, "SETTLEMENT_BAD_ID"],
    ["/v1/settlement/agreements/9", 404, "NOT_FOUND"],
    ["/v1/settlement/offers/2", 404, "NOT_FOUND"],
    ["/v1/settlement/agreements/1/periods/-1", 400, "SETTLEMENT_BAD_PERIOD"],
    ["/v1/settlement/agreements/x/periods/0", 400, "SETTLEMENT_BAD_ID"],
    ["/v1/settlement/agreements/9/periods/0", 404, "SETTLEMENT_NO_AGREEMENT"],
    ["/v1/settlement/agreements/1/periods/1/dispute", 404, "SETTLEMENT_NO_DISPUTE"],
    ["/v1/settlement/agreements?carrier=aaa", 400, "SETTLEMENT_BAD_CARRIER"],
    ["/v1/settlement/disputes?carrier=A", 400, "SETTLEMENT_BAD_CARRIER"],
    ["/v1/settlement/disputes", 400, "BAD_REQUEST"],
  ];
  await assertRouteRefusals(get, cases);
});
