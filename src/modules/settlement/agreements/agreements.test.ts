/** Agreements on a real chain: propose, accept, new deck versions, terminate, and each refusal by its code. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../../bytes.js";
import { encodeAddress } from "../../../crypto/address.js";
import { closeAfterwards, T0 } from "../../../testing/chain-harness.js";
import {
  ARBITER,
  ac,
  agreement,
  agreementChain,
  BUYER,
  BUYER_OP,
  carriersChain,
  DECK,
  DECK_2,
  endOf,
  NOBODY,
  OTHER,
  OTHER_OP,
  PERIOD,
  period,
  SELLER,
  SELLER_OP,
  untilTime,
} from "./fixtures.test.js";

test("the seller proposes, the buyer accepts with the deck it holds: the agreement is in force", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(SELLER_OP, ac.propose()));
  let a = agreement(t, 1);
  assert.equal(a?.status, "proposed");
  assert.equal(a?.seller, SELLER);
  assert.equal(a?.buyer, BUYER);
  assert.equal(a?.deckHash, toHex(DECK));
  assert.equal(a?.arbiter, encodeAddress(ARBITER.pub));
  assert.equal(a?.proposedAt, 2);
  assert.equal(a?.acceptedAt, null);

  t.refuse(t.call(SELLER_OP, ac.accept(1), false), "SETTLEMENT_NOT_BUYER");
  t.refuse(t.call(OTHER_OP, ac.accept(1), false), "SETTLEMENT_NOT_BUYER");
  t.refuse(t.call(NOBODY, ac.accept(1), false), "SETTLEMENT_NOT_OPERATOR");
  t.refuse(t.call(BUYER_OP, ac.accept(2), false), "SETTLEMENT_NO_AGREEMENT");
  assert.match(
    t.refuse(t.call(BUYER_OP, ac.accept(1, DECK_2), false), "SETTLEMENT_DECK_MISMATCH"),
    new RegExp(`proposes deck ${toHex(DECK)}`),
  );
  // a commitment before acceptance is refused
  t.refuse(t.call(SELLER_OP, ac.commit(1, 0, { charge: 1n }), false), "SETTLEMENT_AGREEMENT_INACTIVE");

  await t.mine(t.call(BUYER_OP, ac.accept(1)));
  a = agreement(t, 1);
  assert.equal(a?.status, "active");
  assert.equal(a?.acceptedAt, 3);
  assert.equal(a?.currentPeriod, 0, "block 3 is at T0 + 30: period 0");
  t.refuse(t.call(BUYER_OP, ac.accept(1), false), "SETTLEMENT_NOT_PROPOSED");
});

test("a proposal is refused for bad terms, the wrong seller, an unknown buyer, or itself as buyer", async () => {
  const t = closeAfterwards(await carriersChain());
  const refusals: [Parameters<typeof ac.propose>, string][] = [
    [[{ periodSeconds: 59 }], "SETTLEMENT_BAD_PERIOD_LENGTH"], // below the chain's 60 s
    [[{ periodSeconds: 366 * 86_400 + 1 }], "SETTLEMENT_BAD_PERIOD_LENGTH"],
    [[{ toleranceBps: 10_001 }], "SETTLEMENT_BAD_TOLERANCE"],
    [[{ anchor: 253_402_300_800 }], "SETTLEMENT_BAD_TERMS"],
    [[{ commitDeadline: 0 }], "SETTLEMENT_BAD_TERMS"],
    [[{ disputeWindow: 366 * 86_400 + 1 }], "SETTLEMENT_BAD_TERMS"],
    [[{}, SELLER, SELLER], "SETTLEMENT_SELF_AGREEMENT"],
    [[{}, BUYER, SELLER], "SETTLEMENT_NOT_SELLER"], // SELLER_OP operates AAA, not BBB
    [[{}, SELLER, "ZZZ"], "SETTLEMENT_UNKNOWN_CARRIER"],
  ];
  for (const [args, code] of refusals) t.refuse(t.call(SELLER_OP, ac.propose(...args), false), code);
  t.refuse(t.call(NOBODY, ac.propose(), false), "SETTLEMENT_NOT_OPERATOR");
  // the bounds themselves are fine
  await t.mine(t.call(SELLER_OP, ac.propose({ periodSeconds: 60, toleranceBps: 10_000, disputeWindow: 0 })));
  assert.equal(agreement(t, 1)?.toleranceBps, 10_000);
});

test("a new deck: the seller proposes it from a future period, the buyer accepts it, it is in force from then", async () => {
  const t = closeAfterwards(await agreementChain());
  // block 4 is at T0 + 40: period 0 is current
  t.refuse(t.call(SELLER_OP, ac.version(1, 0), false), "SETTLEMENT_BAD_VERSION");
  t.refuse(t.call(BUYER_OP, ac.version(1, 2), false), "SETTLEMENT_NOT_SELLER");
  t.refuse(t.call(BUYER_OP, ac.versionAccept(1, 2), false), "SETTLEMENT_NO_VERSION_PENDING");
  await t.mine(t.call(SELLER_OP, ac.version(1, 2)));
  assert.deepEqual(agreement(t, 1)?.pendingVersion, { fromPeriod: 2, deckHash: toHex(DECK_2) });
  t.refuse(t.call(SELLER_OP, ac.versionAccept(1, 2), false), "SETTLEMENT_NOT_BUYER");
  t.refuse(t.call(BUYER_OP, ac.versionAccept(1, 3), false), "SETTLEMENT_NO_VERSION_PENDING");
  t.refuse(t.call(BUYER_OP, ac.versionAccept(1, 2, DECK), false), "SETTLEMENT_NO_VERSION_PENDING");
  await t.mine(t.call(BUYER_OP, ac.versionAccept(1, 2)));
  const a = agreement(t, 1);
  assert.equal(a?.pendingVersion, null);
  assert.deepEqual(a?.versions, [
    { fromPeriod: 0, deckHash: toHex(DECK) },
    { fromPeriod: 2, deckHash: toHex(DECK_2) },
  ]);
  assert.equal(period(t, 1, 1).deckHash, toHex(DECK));
  assert.equal(period(t, 1, 2).deckHash, toHex(DECK_2));
  assert.equal(period(t, 1, 9).deckHash, toHex(DECK_2));
  // a later version starts after the last one's first period
  t.refuse(t.call(SELLER_OP, ac.version(1, 2, DECK), false), "SETTLEMENT_BAD_VERSION");

  // a proposal accepted too late (its period has begun) is refused
  await t.mine(t.call(SELLER_OP, ac.version(1, 3, DECK)));
  await untilTime(t, T0 + 3 * PERIOD);
  t.refuse(t.call(BUYER_OP, ac.versionAccept(1, 3, DECK), false), "SETTLEMENT_BAD_VERSION");
});

test("terminate: a proposal is cancelled; an agreement in force covers no period after the current one", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(SELLER_OP, ac.propose()), t.call(SELLER_OP, ac.propose({}, SELLER, OTHER)));
  // the buyer rejects proposal 1
  t.refuse(t.call(OTHER_OP, ac.terminate(1), false), "SETTLEMENT_NOT_PARTY");
  await t.mine(t.call(BUYER_OP, ac.terminate(1)));
  assert.equal(agreement(t, 1)?.status, "cancelled");
  t.refuse(t.call(BUYER_OP, ac.accept(1), false), "SETTLEMENT_NOT_PROPOSED");
  t.refuse(t.call(SELLER_OP, ac.terminate(1), false), "SETTLEMENT_AGREEMENT_INACTIVE");
  t.refuse(t.call(SELLER_OP, ac.version(1, 5), false), "SETTLEMENT_AGREEMENT_INACTIVE");

  // agreement 2 (AAA sells to CCC) in force, terminated by the seller in period 1
  await t.mine(t.call(OTHER_OP, ac.accept(2)));
  await untilTime(t, endOf(0));
  await t.mine(t.call(SELLER_OP, ac.version(2, 3)));
  await t.mine(t.call(SELLER_OP, ac.terminate(2)));
  const a = agreement(t, 2);
  assert.equal(a?.status, "terminated");
  assert.equal(a?.endPeriod, 2, "terminated in period 1: periods 0 and 1 stay covered");
  assert.equal(a?.pendingVersion, null, "a proposed deck goes with the termination");
  t.refuse(t.call(OTHER_OP, ac.terminate(2), false), "SETTLEMENT_TERMINATED");
  t.refuse(t.call(SELLER_OP, ac.version(2, 4), false), "SETTLEMENT_TERMINATED");
  // period 1 can still be committed once it ends, period 2 never
  await untilTime(t, endOf(1));
  await t.mine(t.call(SELLER_OP, ac.commit(2, 1, { charge: 10n })));
  assert.equal(period(t, 2, 1).seller?.charge, "10");
  await untilTime(t, endOf(2));
  assert.match(
    t.refuse(t.call(SELLER_OP, ac.commit(2, 2, { charge: 10n }), false), "SETTLEMENT_PERIOD_TERMINATED"),
    /covers periods before 2 only/,
  );
});

test("an agreement terminated before its first period starts covers none", async () => {
  const t = closeAfterwards(await carriersChain());
  await t.mine(t.call(SELLER_OP, ac.propose({ anchor: T0 + 3600 })));
  await t.mine(t.call(BUYER_OP, ac.accept(1)));
  assert.equal(agreement(t, 1)?.currentPeriod, -1);
  await t.mine(t.call(BUYER_OP, ac.terminate(1)));
  assert.equal(agreement(t, 1)?.endPeriod, 0);
  t.refuse(t.call(BUYER_OP, ac.commit(1, 0, { charge: 1n }), false), "SETTLEMENT_PERIOD_TERMINATED");
});
