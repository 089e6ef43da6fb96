/**
 * The agreements commands as a user runs them: the real CLI in a subprocess against a real dev
 * node. Two carriers make an agreement from a deck file, both sides commit a period that has
 * ended, the dispute gets evidence and is settled on a figure both sign; an offer is published,
 * accepted and withdrawn; bad options are refused before anything is sent.
 */
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { toHex } from "../../../bytes.js";
import { sha256 } from "../../../crypto/hash.js";
import { devAccount } from "../../../crypto/mnemonic.js";
import { devCliFile, json, refusal, words } from "../../../testing/dev-cli.js";
import { DECK_HEADER } from "../rating/deck.js";
import { utcText } from "../rating/record.js";

const dev = devCliFile("telchain-settlement-cli-");
const { cli, nonce } = dev;
const DECK = `${DECK_HEADER}\nvoice,,100,60,60,0\nsms,,5,1,1,0\n`;
/** Period 0 started ten minutes ago and has ended; commits are open for a day. */
const ANCHOR = Math.floor(Date.now() / 1000) - 600;
/** Usage of period 0 (deck: 100 per minute, 60/60): 30 s → 100, 90 s → 200, 120 s → 200. */
const USAGE = [
  ["r1", 30],
  ["r2", 90],
  ["r3", 30],
  ["r4", 120],
].map(([id, q], i) => `${id},voice,${utcText(ANCHOR + 5 * i)},${q},+15551230000,+1555123456${i}`);
const USAGE_HEADER = "record_id,service,start_utc,quantity,calling,called";

const file = (name: string, content: string) => {
  const path = join(dev.h.dir, name);
  writeFileSync(path, content);
  return path;
};
type Obj = Record<string, unknown>;
const field = (o: unknown, ...path: string[]) => path.reduce((v, k) => (v as Obj)[k], o);

test("bad options are refused before anything is sent", async () => {
  const deck = file("deck.csv", DECK);
  const before = await nonce(4);
  const propose = (...extra: string[]) =>
    cli(...words`settlement agreement propose --seller AAA --buyer BBB --from dev4 --json`, ...extra);
  const cases: [string[], string, RegExp][] = [
    [["--deck", deck, "--period-seconds", "0"], "SETTLEMENT_BAD_OPTION", /--period-seconds is 1 s to 366 d/],
    [
      ["--deck", deck, "--period-seconds", "1h", "--tolerance-bps", "10001"],
      "SETTLEMENT_BAD_OPTION",
      /at most|too large/,
    ],
    [["--deck-hash", "abcd", "--period-seconds", "1h"], "SETTLEMENT_BAD_OPTION", /64 hex digits/],
    [["--period-seconds", "1h"], "SETTLEMENT_BAD_OPTION", /--deck FILE .* or --deck-hash HEX/],
    [
      ["--deck", join(dev.h.dir, "none.csv"), "--period-seconds", "1h"],
      "SETTLEMENT_BAD_OPTION",
      /cannot read --deck/,
    ],
    [
      ["--deck", deck, "--period-seconds", "1h", "--anchor", "yesterday"],
      "SETTLEMENT_BAD_OPTION",
      /UTC time/,
    ],
    [["--deck", deck, "--period-seconds", "1h", "--arbiter", "tel1xyz"], "ADDRESS_INVALID", /address/],
    [
      ["--deck", deck, "--period-seconds", "1h", "--commit-deadline", "0"],
      "SETTLEMENT_BAD_OPTION",
      /--commit-deadline/,
    ],
  ];
  for (const [args, code, message] of cases) {
    const r = refusal(await propose(...args));
    assert.equal(r.code, code, args.join(" "));
    assert.match(r.message, message);
  }
  const sameCarrier = refusal(
    await cli(
      ...words`settlement agreement propose --seller AAA --buyer AAA --deck ${deck} --period-seconds 1h --from dev4 --json`,
    ),
  );
  assert.equal(sameCarrier.code, "SETTLEMENT_SELF_AGREEMENT");
  const badDeck = refusal(
    await cli(
      "settlement",
      "offer",
      "publish",
      "--deck",
      file("bad.csv", "prefix,rate\n"),
      "--period-seconds",
      "1h",
      "--from",
      "dev4",
      "--json",
    ),
  );
  assert.equal(badDeck.code, "SETTLEMENT_BAD_DECK");
  const commit = refusal(
    await cli(
      ...words`settlement usage commit --agreement 1 --period 0 --count 1 --charge 5 --from dev4 --json`,
    ),
  );
  assert.match(commit.message, /--root HEX|32-byte hash/);
  assert.equal(
    refusal(await cli("settlement", "agreement", "show", "0", "--json")).code,
    "SETTLEMENT_BAD_ID",
  );
  assert.equal(await nonce(4), before, "no transaction was sent");
});

test("an agreement from a deck file, both sides commit, a dispute with evidence settled on a signed figure", async () => {
  json(await cli("carrier", "register", "--id", "AAA", "--name", "Carrier A", "--from", "dev4", "--json"));
  json(await cli("carrier", "register", "--id", "BBB", "--name", "Carrier B", "--from", "dev5", "--json"));
  const deck = file("deck.csv", DECK);
  const proposed = json(
    await cli(
      "settlement",
      "agreement",
      "propose",
      "--seller",
      "AAA",
      "--buyer",
      "BBB",
      "--deck",
      deck,
      "--period-seconds",
      "1min",
      "--anchor",
      String(ANCHOR),
      "--tolerance-bps",
      "100",
      "--arbiter",
      devAccount(6).address,
      "--dispute-window",
      "1h",
      "--from",
      "dev4",
      "--json",
    ),
  );
  assert.equal(field(proposed, "agreement", "id"), 1);
  assert.equal(field(proposed, "agreement", "status"), "proposed");
  assert.equal(field(proposed, "agreement", "deckHash"), toHex(sha256(new TextEncoder().encode(DECK))));

  const wrongDeck = refusal(
    await cli(
      "settlement",
      "agreement",
      "accept",
      "1",
      "--deck-hash",
      "00".repeat(32),
      "--from",
      "dev5",
      "--json",
    ),
  );
  assert.equal(wrongDeck.code, "SETTLEMENT_DECK_MISMATCH");
  const accepted = await cli("settlement", "agreement", "accept", "1", "--deck", deck, "--from", "dev5");
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(accepted.stdout, /^status\s+active$/m);
  assert.match(accepted.stdout, /^tolerance\s+100 bps \(1\.00 %\)$/m);

  // the seller's file has all four calls (600), the buyer's misses r4 (400): outside 1 %
  const sellerFile = file("seller.csv", [USAGE_HEADER, ...USAGE, ""].join("\n"));
  const buyerFile = file("buyer.csv", [USAGE_HEADER, ...USAGE.slice(0, 3), "bad line", ""].join("\n"));
  const seller = json(
    await cli(
      ...words`settlement usage commit --agreement 1 --period 0 --deck ${deck} --records ${sellerFile} --from dev4 --json`,
    ),
  );
  assert.deepEqual(
    [
      field(seller, "period", "seller", "charge"),
      field(seller, "period", "seller", "voice"),
      field(seller, "rated"),
    ],
    ["600", "270", { accepted: 4, rejected: 0 }],
  );
  const other = file("other.csv", "service,prefix,rate,initial,increment,connect_fee\nvoice,,1,1,1,0\n");
  const wrongDeck2 = refusal(
    await cli(
      ...words`settlement usage commit --agreement 1 --period 0 --deck ${other} --records ${buyerFile} --from dev5 --json`,
    ),
  );
  assert.equal(wrongDeck2.code, "SETTLEMENT_DECK_MISMATCH");
  const buyer = await cli(
    ...words`settlement usage commit --agreement 1 --period 0 --deck ${deck} --records ${buyerFile} --from dev5`,
  );
  assert.equal(buyer.code, 0, buyer.stderr);
  assert.match(buyer.stdout, /^outcome\s+400 agreed, 200 disputed \(cycle \d+\)$/m);
  assert.match(buyer.stdout, /^rated\s+3 records of the period; 1 lines of the file rejected/m);

  // the seller proves r4 with the rating tools and posts it
  const proved = await cli(
    ...words`settlement usage prove --records ${sellerFile} --record-id r4 --deck ${deck} --period-seconds 60 --anchor ${utcText(ANCHOR)} --json`,
  );
  assert.equal(proved.code, 0, proved.stderr);
  const proof = file("proof.json", proved.stdout);
  const evidence = json(
    await cli(
      ...words`settlement dispute evidence --agreement 1 --period 0 --proof ${proof} --from dev4 --json`,
    ),
  );
  assert.equal(field(evidence, "dispute", "evidence", "0", "record"), USAGE[3]);
  const early = refusal(
    await cli(...words`settlement dispute decide --agreement 1 --period 0 --figure 500 --from dev6 --json`),
  );
  assert.equal(early.code, "SETTLEMENT_WINDOW_OPEN");

  json(
    await cli(...words`settlement dispute propose --agreement 1 --period 0 --figure 500 --from dev4 --json`),
  );
  const settled = await cli(
    ...words`settlement dispute accept --agreement 1 --period 0 --figure 500 --from dev5`,
  );
  assert.equal(settled.code, 0, settled.stderr);
  assert.match(settled.stdout, /^status\s+resolved at 500 \(mutual, height \d+\)$/m);

  const shown = json(
    await cli("settlement", "dispute", "show", "--agreement", "1", "--period", "0", "--json"),
  );
  assert.deepEqual([shown.status, shown.figure, shown.resolution], ["resolved", "500", "mutual"]);
  const list = json(await cli("settlement", "dispute", "list", "--carrier", "BBB", "--json"));
  assert.equal((list.items as Obj[]).length, 1);
  const period = await cli("settlement", "usage", "show", "--agreement", "1", "--period", "0");
  assert.match(period.stdout, /^seller\s+charge 600, 4 records \(voice 270 s/m);
  const agreements = await cli("settlement", "agreement", "list", "--carrier", "AAA");
  assert.match(agreements.stdout, /^#1\s+AAA\s+-> BBB\s+active/m);
});

test("an offer: published with its deck, accepted by another carrier into an agreement, withdrawn", async () => {
  const deck = file("offer.csv", DECK);
  const published = json(
    await cli(...words`settlement offer publish --deck ${deck} --period-seconds 1h --from dev4 --json`),
  );
  assert.equal(field(published, "offer", "id"), 1);
  assert.equal(field(published, "offer", "deck"), DECK);
  const shown = await cli("settlement", "offer", "show", "1");
  assert.match(shown.stdout, /voice,,100,60,60,0/);
  assert.match((await cli("settlement", "offer", "list")).stdout, /^#1\s+AAA\s+1 h periods/m);
  const own = refusal(await cli("settlement", "offer", "accept", "1", "--from", "dev4", "--json"));
  assert.equal(own.code, "SETTLEMENT_OWN_OFFER");
  const taken = json(await cli("settlement", "offer", "accept", "1", "--from", "dev5", "--json"));
  assert.deepEqual(
    [
      field(taken, "agreement", "id"),
      field(taken, "agreement", "seller"),
      field(taken, "agreement", "buyer"),
    ],
    [2, "AAA", "BBB"],
  );
  const withdrawn = await cli("settlement", "offer", "withdraw", "1", "--from", "dev4");
  assert.match(withdrawn.stdout, /offer 1 withdrawn/);
  const terminated = json(await cli("settlement", "agreement", "terminate", "2", "--from", "dev5", "--json"));
  assert.equal(field(terminated, "agreement", "status"), "terminated");
});
