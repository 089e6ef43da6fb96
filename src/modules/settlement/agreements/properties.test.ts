/**
 * Property tests of every kind of the agreements part: random and mutated payloads from random
 * senders, against a chain holding agreements in each status, an offer, a one-sided period and
 * an open dispute, are never a crash — a refused transaction carries a declared code (the
 * module's, or the codec's for bytes that are no payload) and leaves the state exactly as it was
 * (src/testing/kind-properties.ts).
 */
import { after, before } from "node:test";
import fc from "fast-check";
import type { ModuleCall } from "../../../module/kind.js";
import { T0 } from "../../../testing/chain-harness.js";
import { kindPropertyTests } from "../../../testing/kind-properties.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { SETTLEMENT_ERRORS } from "../errors.js";
import { DECK_HEADER } from "../rating/deck.js";
import {
  ARBITER,
  ac,
  BUYER,
  BUYER_OP,
  carriersChain,
  DECK,
  DECK_2,
  endOf,
  NOBODY,
  OTHER,
  OTHER_OP,
  SELLER,
  SELLER_OP,
  untilTime,
  usageSet,
} from "./fixtures.test.js";
import { agreementCalls } from "./kinds/index.js";

const SENDERS = [SELLER_OP, BUYER_OP, OTHER_OP, ARBITER, NOBODY];
const SELLER_SET = usageSet("s", 6, T0);
const BUYER_SET = usageSet("b", 4, T0);

let t: ModuleTestChain;
/**
 * 1: AAA → BBB in force, period 0 disputed (1,000 against 800, window open), period 1 committed
 *    by the seller only; 2: AAA → CCC proposed; 3: AAA → BBB terminated; offer 1 by AAA.
 */
before(async () => {
  t = await carriersChain();
  await t.mine(
    t.call(SELLER_OP, ac.propose({ toleranceBps: 0, disputeWindow: 3_600 })),
    t.call(SELLER_OP, ac.propose({}, SELLER, OTHER)),
    t.call(SELLER_OP, ac.propose()),
    t.call(SELLER_OP, ac.publish(`${DECK_HEADER}\nvoice,,100,60,60,0\n`)),
  );
  await t.mine(t.call(BUYER_OP, ac.accept(1)), t.call(BUYER_OP, ac.accept(3)));
  await t.mine(t.call(BUYER_OP, ac.terminate(3)), t.call(SELLER_OP, ac.version(1, 5)));
  await untilTime(t, endOf(0));
  await t.mine(
    t.call(SELLER_OP, ac.commit(1, 0, { charge: 1_000n, root: SELLER_SET.root, count: SELLER_SET.count })),
    t.call(BUYER_OP, ac.commit(1, 0, { charge: 800n, root: BUYER_SET.root, count: BUYER_SET.count })),
  );
  await untilTime(t, endOf(1));
  await t.mine(t.call(SELLER_OP, ac.commit(1, 1, { charge: 50n })));
  await t.mine(t.call(SELLER_OP, ac.proposeFigure(1, 0, 900n)));
});
after(() => t.close());

const id = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const periodArb = fc.oneof(fc.constantFrom(0, 1, 2, 3), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }));
const u64 = fc.oneof(
  fc.constantFrom(0n, 800n, 900n, 1_000n, 1_001n),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);
const bytes32: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constantFrom(DECK, DECK_2),
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
);
const carrier = fc.oneof(fc.constantFrom(SELLER, BUYER, OTHER, "ZZZ"), fc.stringMatching(/^[A-Z0-9]{3,8}$/));
const seconds = fc.oneof(fc.constantFrom(0, 1, 59, 60, 3_600, 366 * 86_400, 366 * 86_400 + 1), fc.nat());
const arbiterArb: fc.Arbitrary<Uint8Array[]> = fc.oneof(
  fc.constant<Uint8Array[]>([]),
  fc.constant<Uint8Array[]>([ARBITER.pub]),
  bytes32.map((b) => [b]),
);
const termsArb = fc
  .record({
    periodSeconds: seconds,
    anchor: fc.oneof(
      fc.constantFrom(0, T0, 253_402_300_800),
      fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
    ),
    toleranceBps: fc.integer({ min: 0, max: 65_535 }),
    commitDeadline: seconds,
    arbiter: arbiterArb,
    disputeWindow: seconds,
  })
  .map((terms) => ({ ...terms, arbiter: [...terms.arbiter] }));
const deckArb: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.constant(new TextEncoder().encode(`${DECK_HEADER}\nsms,,1,1,1,0\n`)),
  fc.string({ maxLength: 200 }).map((s) => new TextEncoder().encode(`${DECK_HEADER}\n${s}`)),
  fc.uint8Array({ maxLength: 300 }),
);
const recordArb = fc.oneof(
  fc.constantFrom(...SELLER_SET.records, ...BUYER_SET.records),
  fc.record({
    recordId: fc.stringMatching(/^[A-Za-z0-9._:-]{1,64}$/),
    service: fc.constantFrom("voice", "sms", "data"),
    start: fc.oneof(fc.constant(T0 + 5), fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER })),
    quantity: u64,
    calling: fc.stringMatching(/^\+[0-9]{2,15}$/),
    called: fc.stringMatching(/^\+[0-9]{2,15}$/),
  }),
);
const pathArb = fc.oneof(
  fc.constantFrom(...[0, 1, 2, 3, 4, 5].map((i) => SELLER_SET.proof(i))),
  fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { maxLength: 64 }),
);
const periodFields = fc.record({ agreementId: id, period: periodArb });
const figureFields = fc.record({ agreementId: id, period: periodArb, figure: u64 });
const versionFields = fc.record({ agreementId: id, deckHash: bytes32, fromPeriod: periodArb });
const C = agreementCalls;

/** Valid-looking calls of each kind with random fields. */
const fields: Record<keyof typeof agreementCalls, fc.Arbitrary<ModuleCall>> = {
  "agreement-propose": fc
    .record({ seller: carrier, buyer: carrier, deckHash: bytes32, terms: termsArb })
    .map((p) => C["agreement-propose"](p)),
  "agreement-accept": fc.record({ agreementId: id, deckHash: bytes32 }).map((p) => C["agreement-accept"](p)),
  "agreement-version": versionFields.map((p) => C["agreement-version"](p)),
  "agreement-version-accept": versionFields.map((p) => C["agreement-version-accept"](p)),
  "agreement-terminate": id.map((agreementId) => C["agreement-terminate"]({ agreementId })),
  "offer-publish": fc.record({ deck: deckArb, terms: termsArb }).map((p) => C["offer-publish"](p)),
  "offer-accept": id.map((offerId) => C["offer-accept"]({ offerId })),
  "offer-withdraw": id.map((offerId) => C["offer-withdraw"]({ offerId })),
  "usage-commit": fc
    .record({
      agreementId: id,
      period: periodArb,
      root: bytes32,
      count: fc.oneof(fc.constantFrom(0, 1, 6), fc.nat()),
      voice: u64,
      sms: u64,
      data: u64,
      charge: u64,
    })
    .map((p) => C["usage-commit"](p)),
  "dispute-concede": periodFields.map((p) => C["dispute-concede"](p)),
  "dispute-propose": figureFields.map((p) => C["dispute-propose"](p)),
  "dispute-accept": figureFields.map((p) => C["dispute-accept"](p)),
  "dispute-decide": figureFields.map((p) => C["dispute-decide"](p)),
  "dispute-evidence": fc
    .record({
      agreementId: id,
      period: periodArb,
      record: recordArb,
      index: fc.oneof(fc.constantFrom(0, 1, 2, 5, 6), fc.nat()),
      path: pathArb,
    })
    .map((p) => C["dispute-evidence"](p)),
};

const codes = Object.keys(SETTLEMENT_ERRORS.codes);

kindPropertyTests(() => t, { module: "settlement", calls: fields, signers: SENDERS, codes, runs: 250 });
