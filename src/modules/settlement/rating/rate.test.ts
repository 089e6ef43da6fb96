/**
 * The rating function against hand-computed cases (each row worked out on paper from the
 * formula in rate.ts), its overflow refusals, longest-prefix matching of a deck, and fast-check
 * properties of the rounding.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { utf8 } from "../../../crypto/hash.js";
import { isTelchainError } from "../../../errors.js";
import { parseDeck } from "./deck.js";
import { rateQuantity, type Tariff } from "./rate.js";
import type { Service } from "./record.js";

const MAX = (1n << 64n) - 1n;
const t = (rate: bigint, initial: bigint, increment: bigint, connectFee = 0n): Tariff => ({
  rate,
  initial,
  increment,
  connectFee,
});

// [what, service, tariff, quantity, billed, charge]
const TABLE: [string, Service, Tariff, bigint, bigint, bigint][] = [
  // voice 60/60 at 1,200 per minute
  ["60/60: unanswered", "voice", t(1200n, 60n, 60n), 0n, 0n, 0n],
  ["60/60: 1 s bills a minute", "voice", t(1200n, 60n, 60n), 1n, 60n, 1200n],
  ["60/60: 60 s", "voice", t(1200n, 60n, 60n), 60n, 60n, 1200n],
  ["60/60: 61 s bills two minutes", "voice", t(1200n, 60n, 60n), 61n, 120n, 2400n],
  ["60/60: 120 s", "voice", t(1200n, 60n, 60n), 120n, 120n, 2400n],
  ["60/60: 121 s", "voice", t(1200n, 60n, 60n), 121n, 180n, 3600n],
  // voice 1/1 at 100 per minute: per-second billing, the charge rounded up
  ["1/1: 1 s = ceil(100/60)", "voice", t(100n, 1n, 1n), 1n, 1n, 2n],
  ["1/1: 59 s = ceil(5900/60)", "voice", t(100n, 1n, 1n), 59n, 59n, 99n],
  ["1/1: 60 s", "voice", t(100n, 1n, 1n), 60n, 60n, 100n],
  ["1/1: 61 s = ceil(6100/60)", "voice", t(100n, 1n, 1n), 61n, 61n, 102n],
  // voice 30/6 at 900 per minute with a connect fee of 5
  ["30/6: 1 s bills 30 s", "voice", t(900n, 30n, 6n, 5n), 1n, 30n, 455n],
  ["30/6: 30 s", "voice", t(900n, 30n, 6n, 5n), 30n, 30n, 455n],
  ["30/6: 31 s bills 36 s", "voice", t(900n, 30n, 6n, 5n), 31n, 36n, 545n],
  ["30/6: 36 s", "voice", t(900n, 30n, 6n, 5n), 36n, 36n, 545n],
  ["30/6: 37 s bills 42 s", "voice", t(900n, 30n, 6n, 5n), 37n, 42n, 635n],
  ["30/6: unanswered, no connect fee", "voice", t(900n, 30n, 6n, 5n), 0n, 0n, 0n],
  // voice with no initial block: 0/60
  ["0/60: 1 s bills a minute", "voice", t(60n, 0n, 60n), 1n, 60n, 60n],
  // data per KB at 500 per MB (1,024 KB)
  ["data 1/1: 1 KB = ceil(500/1024)", "data", t(500n, 1n, 1n), 1n, 1n, 1n],
  ["data 1/1: 1,024 KB = 1 MB", "data", t(500n, 1n, 1n), 1024n, 1024n, 500n],
  ["data 1/1: 1,025 KB = ceil(512500/1024)", "data", t(500n, 1n, 1n), 1025n, 1025n, 501n],
  ["data 1/1: 2,048 KB", "data", t(500n, 1n, 1n), 2048n, 2048n, 1000n],
  ["data 1/1 at 3 per MB: 341 KB = ceil(1023/1024)", "data", t(3n, 1n, 1n), 341n, 341n, 1n],
  ["data 1/1 at 3 per MB: 342 KB = ceil(1026/1024)", "data", t(3n, 1n, 1n), 342n, 342n, 2n],
  // data in 10 KB increments after a first 100 KB, at 1,024 per MB (1 per KB)
  ["data 100/10: 1 KB bills 100", "data", t(1024n, 100n, 10n), 1n, 100n, 100n],
  ["data 100/10: 101 KB bills 110", "data", t(1024n, 100n, 10n), 101n, 110n, 110n],
  ["data 100/10: 115 KB bills 120", "data", t(1024n, 100n, 10n), 115n, 120n, 120n],
  ["data 100/10 + connect 7: 0 KB", "data", t(1024n, 100n, 10n, 7n), 0n, 0n, 0n],
  // sms per message
  ["sms: 1 message", "sms", t(3n, 1n, 1n), 1n, 1n, 3n],
  ["sms: 5 messages", "sms", t(3n, 1n, 1n), 5n, 5n, 15n],
  ["sms: 2 messages + connect 2", "sms", t(3n, 1n, 1n, 2n), 2n, 2n, 8n],
  ["sms: none", "sms", t(3n, 1n, 1n, 2n), 0n, 0n, 0n],
  // the largest amounts that still fit
  ["voice at the top: 60 s at 2^64-1 per minute", "voice", t(MAX, 1n, 1n), 60n, 60n, MAX],
  ["sms: 2^64-1 messages at 1", "sms", t(1n, 1n, 1n), MAX, MAX, MAX],
];

test("rateQuantity: the hand-computed table", () => {
  for (const [what, service, tariff, q, billed, charge] of TABLE)
    assert.deepEqual(rateQuantity(service, q, tariff), { billed, charge }, what);
});

test("rateQuantity: a billed quantity or a charge over 2^64 - 1 is SETTLEMENT_OVERFLOW", () => {
  const overflow = (service: Service, q: bigint, tariff: Tariff, what: RegExp) =>
    assert.throws(
      () => rateQuantity(service, q, tariff),
      (e) => isTelchainError(e) && e.code === "SETTLEMENT_OVERFLOW" && what.test(e.message),
    );
  overflow("voice", 60n, t(MAX, 1n, 1n, 1n), /charge/); // MAX + connect fee 1
  overflow("voice", 61n, t(MAX, 1n, 1n), /charge/);
  overflow("voice", MAX, t(1n, 0n, 2n), /billed/); // ceil(MAX / 2) × 2 = MAX + 1
  overflow("sms", MAX, t(2n, 1n, 1n), /charge/);
});

const DECK = `service,prefix,rate,initial,increment,connect_fee
voice,,2000,60,60,0
voice,44,1200,60,60,0
voice,4420,900,30,6,5
voice,442079,100,1,1,0
data,1,500,1,1,0
sms,44,3,1,1,0
`;

test("the longest prefix of the record's service applies; none matching is undefined", () => {
  const deck = parseDeck(utf8(DECK)).deck;
  assert.ok(deck);
  const prefix = (s: Service, digits: string) => deck.match(s, digits)?.prefix;
  assert.equal(prefix("voice", "442079460000"), "442079");
  assert.equal(prefix("voice", "442071234567"), "4420");
  assert.equal(prefix("voice", "441234567890"), "44");
  assert.equal(prefix("voice", "15551234567"), ""); // the empty prefix: any destination
  assert.equal(prefix("voice", "4"), ""); // shorter than every other prefix
  assert.equal(prefix("data", "15551234567"), "1");
  assert.equal(prefix("data", "442079460000"), undefined); // no data line for +44
  assert.equal(prefix("sms", "15551234567"), undefined);
  assert.equal(prefix("sms", "447700900000"), "44");
  // and the rate of the matched line
  const line = deck.match("voice", "442071234567");
  assert.ok(line);
  assert.deepEqual(rateQuantity("voice", 31n, line), { billed: 36n, charge: 545n });
});

test("properties: billed covers q within one increment, and the charge covers the connect fee", () => {
  const u = (max: bigint) => fc.bigInt({ min: 0n, max });
  fc.assert(
    fc.property(
      fc.constantFrom<Service>("voice", "sms", "data"),
      u(1n << 40n),
      u(1n << 20n),
      u(1_000n),
      fc.bigInt({ min: 1n, max: 1_000n }),
      u(1n << 20n),
      (service, q, rate, initial, increment, connectFee) => {
        const { billed, charge } = rateQuantity(service, q, { rate, initial, increment, connectFee });
        if (q === 0n) return billed === 0n && charge === 0n;
        const fits = billed >= q && billed >= initial && (billed === initial || billed - q < increment);
        const onGrid = billed === initial || (billed - initial) % increment === 0n;
        return fits && onGrid && charge >= connectFee;
      },
    ),
  );
});
