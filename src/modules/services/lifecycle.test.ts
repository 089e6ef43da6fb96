/**
 * The services lifecycle on a real chain: a listing is live until its heartbeat lapses (search
 * before and after), a heartbeat revives it, the bond comes back only after the withdrawal delay
 * (too early refused, then the balance back), and ratings only from the payer of a paid, closed
 * channel to the listing's provider, once per channel. Heights by hand: period 5, delay 3.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { closeAfterwards } from "../../testing/chain-harness.js";
import {
  CLIENT,
  CLIENT2,
  countOf,
  DELAY,
  FUNDS,
  fresh,
  listingAt,
  MIN_BOND,
  mineTo,
  NOBODY,
  PERIOD,
  PROVIDER,
  PROVIDER2,
  sc,
  snapshot,
  TX_FEE,
  viewAt,
} from "./fixtures.test.js";
import { parseSearch, searchListings } from "./search.js";

const search = (t: ReturnType<typeof fresh>, q: Record<string, string> = {}) =>
  searchListings(t.query("services"), parseSearch(q)).items.map((l) => l.id);

test("a listing without heartbeats drops out of search by itself; a heartbeat brings it back", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PROVIDER, sc.list({ price: 100n, bond: 5_000n })));
  const h = t.height; // listed at h: live up to h + 5
  const l = listingAt(t, 1);
  assert.equal(l?.heardAt, h);
  assert.equal(l?.listed, 1);
  assert.equal(t.balance(PROVIDER.pub), FUNDS - 5_000n - TX_FEE, "the bond is debited");
  assert.equal(countOf(t, PROVIDER), 1);
  assert.deepEqual(search(t), [1]);
  assert.deepEqual(search(t, { kind: "vpn", region: "DE" }), [1]);

  await mineTo(t, h + PERIOD);
  assert.deepEqual(search(t), [1], "live at heardAt + period");
  assert.equal(viewAt(t, 1)?.live, true);
  assert.equal(viewAt(t, 1)?.liveUntil, h + PERIOD);

  await t.mine(); // h + 6: lapsed; the end of block unlisted it
  assert.deepEqual(search(t), [], "lapsed: no longer found");
  assert.equal(viewAt(t, 1)?.live, false, "the lookup still shows it, live: false");
  assert.equal(listingAt(t, 1)?.listed, 0, "taken out of the search indexes");

  await t.mine(t.call(PROVIDER, sc.heartbeat(1)));
  const h2 = t.height;
  assert.equal(listingAt(t, 1)?.heardAt, h2);
  assert.deepEqual(search(t), [1], "revived");
  await mineTo(t, h2 + PERIOD + 1);
  assert.deepEqual(search(t), [], "and lapses again without another");
});

test("a heartbeat before the lapse keeps the listing live throughout", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PROVIDER, sc.list()));
  const h = t.height;
  await mineTo(t, h + 3);
  await t.mine(t.call(PROVIDER, sc.heartbeat(1))); // at h + 4
  for (let i = 0; i < PERIOD + 1; i++) {
    assert.deepEqual(search(t), [1], `live at ${t.height}`);
    await t.mine();
  }
  assert.equal(t.height, h + 4 + PERIOD + 1);
  assert.deepEqual(search(t), []);
});

test("the bond comes back only after the delay, and the listing is gone", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PROVIDER, sc.list({ bond: 7_000n })));
  const h = t.height;
  const from = h + PERIOD + DELAY; // 5 + 3
  assert.equal(viewAt(t, 1)?.withdrawableFrom, from);
  await mineTo(t, from - 2); // the next block is from − 1: too early
  const before = snapshot(t);
  t.refuse(t.call(PROVIDER, sc.withdraw(1), false), "SERVICES_TOO_EARLY");
  t.refuse(t.call(NOBODY, sc.withdraw(1), false), "SERVICES_NOT_PROVIDER");
  assert.deepEqual(snapshot(t), before);
  await t.mine(); // next block is `from`
  const balance = t.balance(PROVIDER.pub);
  await t.mine(t.call(PROVIDER, sc.withdraw(1)));
  assert.equal(t.height, from);
  assert.equal(t.balance(PROVIDER.pub), balance + 7_000n - TX_FEE, "the bond is back");
  assert.equal(listingAt(t, 1), undefined);
  assert.equal(countOf(t, PROVIDER), 0);
  t.refuse(t.call(PROVIDER, sc.heartbeat(1), false), "SERVICES_NO_LISTING");
  t.refuse(t.call(PROVIDER, sc.withdraw(1), false), "SERVICES_NO_LISTING");
});

test("a heartbeat restarts the withdrawal delay", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PROVIDER, sc.list()));
  const h = t.height;
  await mineTo(t, h + PERIOD + DELAY - 1);
  await t.mine(t.call(PROVIDER, sc.heartbeat(1)));
  t.refuse(t.call(PROVIDER, sc.withdraw(1), false), "SERVICES_TOO_EARLY");
});

test("ratings: only the payer of a paid, closed channel to the provider, once per channel", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(
    t.call(PROVIDER, sc.list()),
    t.call(NOBODY, sc.channel(1, CLIENT, PROVIDER)), // closed, paid 500: good
    t.call(NOBODY, sc.channel(2, CLIENT, PROVIDER, { status: "open" })),
    t.call(NOBODY, sc.channel(3, CLIENT, PROVIDER, { status: "closing" })),
    t.call(NOBODY, sc.channel(4, CLIENT, PROVIDER, { paid: 0n })),
    t.call(NOBODY, sc.channel(5, CLIENT, PROVIDER2)), // another payee
    t.call(NOBODY, sc.channel(6, CLIENT2, PROVIDER)), // CLIENT2's
    t.call(NOBODY, sc.channel(7, PROVIDER, PROVIDER)), // the provider paying itself
  );
  const before = snapshot(t);
  const refusals: [typeof CLIENT, number, number, number, string][] = [
    [CLIENT, 1, 99, 5, "SERVICES_NO_CHANNEL"],
    [CLIENT, 1, 2, 5, "SERVICES_CHANNEL_NOT_CLOSED"],
    [CLIENT, 1, 3, 5, "SERVICES_CHANNEL_NOT_CLOSED"],
    [CLIENT, 1, 4, 5, "SERVICES_UNPAID"],
    [CLIENT, 1, 5, 5, "SERVICES_WRONG_PROVIDER"],
    [CLIENT, 1, 6, 5, "SERVICES_NOT_PAYER"],
    [PROVIDER, 1, 7, 5, "SERVICES_SELF_RATING"],
    [CLIENT, 2, 1, 5, "SERVICES_NO_LISTING"],
    [CLIENT, 1, 1, 0, "SERVICES_BAD_SCORE"],
    [CLIENT, 1, 1, 6, "SERVICES_BAD_SCORE"],
    [CLIENT, 0, 1, 5, "SERVICES_BAD_ID"],
    [CLIENT, 1, 0, 5, "SERVICES_BAD_ID"],
  ];
  for (const [key, listing, channel, score, code] of refusals)
    t.refuse(t.call(key, sc.rate(listing, channel, score), false), code);
  assert.deepEqual(snapshot(t), before, "refusals change nothing");

  await t.mine(t.call(CLIENT, sc.rate(1, 1, 4)));
  assert.deepEqual(viewAt(t, 1)?.rating, { count: 1, average: 4 });
  t.refuse(t.call(CLIENT, sc.rate(1, 1, 5), false), "SERVICES_ALREADY_RATED");
  await t.mine(t.call(NOBODY, sc.channel(8, CLIENT2, PROVIDER)));
  await t.mine(t.call(CLIENT2, sc.rate(1, 8, 1)));
  assert.deepEqual(viewAt(t, 1)?.rating, { count: 2, average: 2.5 });
  assert.deepEqual([listingAt(t, 1)?.ratings, listingAt(t, 1)?.scoreSum], [2, 5]);
});

test("a lapsed listing can still be rated; a withdrawn one cannot", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PROVIDER, sc.list()), t.call(NOBODY, sc.channel(1, CLIENT, PROVIDER)));
  const h = t.height;
  await mineTo(t, h + PERIOD + 1);
  await t.mine(t.call(CLIENT, sc.rate(1, 1, 5)));
  assert.equal(viewAt(t, 1)?.rating.count, 1);
  await mineTo(t, h + PERIOD + DELAY - 1);
  await t.mine(t.call(PROVIDER, sc.withdraw(1)), t.call(NOBODY, sc.channel(2, CLIENT, PROVIDER)));
  t.refuse(t.call(CLIENT, sc.rate(1, 2, 5), false), "SERVICES_NO_LISTING");
});

test("list refusals: each with its code, nothing changed", async () => {
  const t = closeAfterwards(fresh());
  await t.mine(t.call(PROVIDER, sc.list()), t.call(PROVIDER, sc.list()), t.call(PROVIDER, sc.list()));
  const before = snapshot(t);
  const cases: [typeof CLIENT, ReturnType<typeof sc.list>, string][] = [
    [PROVIDER, sc.list(), "SERVICES_TOO_MANY"],
    [CLIENT, sc.list({ bond: MIN_BOND - 1n }), "SERVICES_BAD_BOND"],
    [CLIENT, sc.list({ price: 0n }), "SERVICES_BAD_PRICE"],
    [CLIENT, sc.list({ region: "XK" }), "SERVICES_BAD_REGION"],
    [CLIENT, sc.list({ endpoint: "socks5://127.0.0.1" }), "SERVICES_BAD_ENDPOINT"],
    [CLIENT, sc.list({ endpoint: "socks5://127.0.0.1:70000" }), "SERVICES_BAD_ENDPOINT"],
    [CLIENT, sc.list({ endpoint: "/ip4/1.2.3.4/tcp/0" }), "SERVICES_BAD_ENDPOINT"],
    [CLIENT, sc.list({ bond: FUNDS * 2n }), "ACCOUNT_INSUFFICIENT_FUNDS"],
    [NOBODY, sc.heartbeat(1), "SERVICES_NOT_PROVIDER"],
    [PROVIDER, sc.heartbeat(4), "SERVICES_NO_LISTING"],
    [PROVIDER, sc.heartbeat(0), "SERVICES_BAD_ID"],
  ];
  for (const [key, call, code] of cases) t.refuse(t.call(key, call, false), code);
  const bad = sc.list();
  bad.payload[0] = 3; // kind 3
  t.refuse(t.call(CLIENT, bad, false), "SERVICES_BAD_KIND");
  // kind u8 @0, region offset @1, price u64 @5, unit u8 @13, endpoint offset @14, bond @18, region @26, endpoint @28
  const mutated = (at: number, byte: number) => {
    const c = sc.list();
    c.payload[at] = byte;
    return c;
  };
  t.refuse(t.call(CLIENT, mutated(13, 2), false), "SERVICES_BAD_UNIT");
  t.refuse(t.call(CLIENT, mutated(26, 0x64), false), "SERVICES_BAD_REGION"); // "dE"
  t.refuse(t.call(CLIENT, mutated(30, 0x20), false), "SERVICES_BAD_ENDPOINT"); // a space
  t.refuse(t.call(CLIENT, mutated(30, 0x07), false), "SERVICES_BAD_ENDPOINT"); // a control character
  assert.deepEqual(snapshot(t), before);
  // the forms that pass
  await t.mine(
    t.call(CLIENT, sc.list({ endpoint: "/ip4/10.0.0.1/tcp/1080" })),
    t.call(CLIENT, sc.list({ endpoint: "https://[::1]:8443/v1", kind: "hotspot", unit: "minute" })),
    t.call(CLIENT, sc.list({ endpoint: "wss://vpn.example.com:443" })),
  );
  assert.equal(countOf(t, CLIENT), 3);
});
