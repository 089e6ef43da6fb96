/** Open offers on a real chain: publish with the deck inline, accept in one transaction, withdraw. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../../bytes.js";
import { txHash } from "../../../codec/hashing.js";
import { sha256, utf8 } from "../../../crypto/hash.js";
import { closeAfterwards } from "../../../testing/chain-harness.js";
import { DECK_HEADER } from "../rating/deck.js";
import {
  ac,
  agreement,
  BUYER,
  BUYER_OP,
  carriersChain,
  NOBODY,
  OTHER,
  OTHER_OP,
  paidCall,
  SELLER,
  SELLER_OP,
} from "./fixtures.test.js";
import { MAX_OFFER_DECK_BYTES } from "./schemas.js";
import { readCreated } from "./store.js";
import { lookupOffer } from "./views.js";

const DECK_TEXT = `${DECK_HEADER}\r\nvoice,49,120,60,60,0\r\nsms,,5,1,1,0\r\ndata,,200,1,1,0\r\n`;

test("a published offer keeps its deck; any other carrier accepts it into an agreement in force", async () => {
  const t = closeAfterwards(await carriersChain());
  const publish = t.call(SELLER_OP, ac.publish(DECK_TEXT, { toleranceBps: 50 }));
  await t.mine(publish);
  const offer = lookupOffer(t.state("settlement"), 1);
  assert.equal(offer?.seller, SELLER);
  assert.equal(offer?.deck, DECK_TEXT);
  assert.equal(offer?.deckHash, toHex(sha256(utf8(DECK_TEXT))), "the hash of the bytes as published");
  assert.equal(offer?.deckBytes, utf8(DECK_TEXT).length);
  assert.equal(offer?.toleranceBps, 50);
  assert.deepEqual(readCreated(t.state("settlement"), txHash(publish)), {
    what: "offer",
    id: 1,
  });

  t.refuse(t.call(SELLER_OP, ac.acceptOffer(1), false), "SETTLEMENT_OWN_OFFER");
  t.refuse(t.call(NOBODY, ac.acceptOffer(1), false), "SETTLEMENT_NOT_OPERATOR");
  t.refuse(t.call(BUYER_OP, ac.acceptOffer(2), false), "SETTLEMENT_NO_OFFER");

  // two carriers accept the same offer: two agreements, both in force at once
  await t.mine(t.call(BUYER_OP, ac.acceptOffer(1)), t.call(OTHER_OP, ac.acceptOffer(1)));
  for (const [id, buyer] of [
    [1, BUYER],
    [2, OTHER],
  ] as const) {
    const a = agreement(t, id);
    assert.equal(a?.status, "active");
    assert.equal(a?.seller, SELLER);
    assert.equal(a?.buyer, buyer);
    assert.equal(a?.offerId, 1);
    assert.equal(a?.deckHash, offer?.deckHash);
    assert.equal(a?.toleranceBps, 50);
    assert.equal(a?.acceptedAt, t.height);
  }

  t.refuse(t.call(BUYER_OP, ac.withdraw(1), false), "SETTLEMENT_NOT_PUBLISHER");
  await t.mine(t.call(SELLER_OP, ac.withdraw(1)));
  assert.equal(lookupOffer(t.state("settlement"), 1), undefined);
  t.refuse(t.call(BUYER_OP, ac.acceptOffer(1), false), "SETTLEMENT_NO_OFFER");
  t.refuse(t.call(SELLER_OP, ac.withdraw(1), false), "SETTLEMENT_NO_OFFER");
  assert.equal(agreement(t, 2)?.status, "active", "agreements made from it stay");
});

test("an offer's deck must be UTF-8 with the deck header, within the size bound; its terms are checked", async () => {
  const t = closeAfterwards(await carriersChain());
  const bom = Uint8Array.of(0xef, 0xbb, 0xbf, ...utf8(DECK_TEXT));
  const refusals: [string | Uint8Array, string][] = [
    ["", "SETTLEMENT_BAD_DECK"],
    ["prefix,rate\n49,1\n", "SETTLEMENT_BAD_DECK"],
    [Uint8Array.of(...utf8(`${DECK_HEADER}\n`), 0xff, 0xfe), "SETTLEMENT_BAD_DECK"],
    [`${DECK_HEADER}\n`, "SETTLEMENT_BAD_DECK"], // no rate line
    [`${DECK_HEADER}\nvoice,49,abc,60,60,0\n`, "SETTLEMENT_BAD_DECK"],
    [`${DECK_HEADER}\nvoice,49,1,60,60,0\nvoice,+49,2,60,60,0\n`, "SETTLEMENT_BAD_DECK"],
  ];
  for (const [deck, code] of refusals) t.refuse(t.call(SELLER_OP, ac.publish(deck), false), code);
  assert.match(
    t.refuse(t.call(SELLER_OP, ac.publish(`${DECK_HEADER}\nsms,,1,2,1,0\n`), false), "SETTLEMENT_BAD_DECK"),
    /line 2: sms is rated per message/,
  );
  t.refuse(
    t.call(SELLER_OP, ac.publish(DECK_TEXT, { periodSeconds: 30 }), false),
    "SETTLEMENT_BAD_PERIOD_LENGTH",
  );
  t.refuse(t.call(NOBODY, ac.publish(DECK_TEXT), false), "SETTLEMENT_NOT_OPERATOR");
  // one byte over the bound: the payload's decoder refuses it
  const huge = new Uint8Array(MAX_OFFER_DECK_BYTES + 1).fill(0x41);
  t.refuse(paidCall(t, SELLER_OP, ac.publish(huge), 100_000n, false), "CODEC_MALFORMED");

  // a byte-order mark is kept, and hashed as published
  const rows = Array.from({ length: 600 }, (_, i) => `voice,49${i},120,60,60,0\n`);
  const big = `${DECK_HEADER}\n${rows.join("")}`;
  assert.ok(utf8(big).length <= MAX_OFFER_DECK_BYTES);
  await t.mine(t.call(SELLER_OP, ac.publish(bom)), paidCall(t, BUYER_OP, ac.publish(big), 100_000n));
  assert.equal(lookupOffer(t.state("settlement"), 1)?.deckHash, toHex(sha256(bom)));
  assert.equal(lookupOffer(t.state("settlement"), 2)?.deckBytes, utf8(big).length);
});
