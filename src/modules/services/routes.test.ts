/**
 * The services routes over a real chain's head: the search sorted by price, then average rating,
 * then id; its filters; a lapsed listing gone from search but shown by the lookup; the provider
 * list; the created route; bad input → {error:{code,message}}.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { txHash } from "../../codec/hashing.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { assertRouteRefusals, routesUnderTest } from "../../testing/routes-app.js";
import { CLIENT, CLIENT2, fresh, NOBODY, PERIOD, PROVIDER, PROVIDER2, sc } from "./fixtures.test.js";
import { servicesModule } from "./index.js";
import type { ListingView } from "./views.js";

const t = closeAfterwards(fresh());
let listTx = "";
let heard = 0;
const app = routesUnderTest(servicesModule, t, async () => {
  // listing 1: PROVIDER's, lapses (listed first, never renewed)
  await t.mine(t.call(PROVIDER, sc.list({ price: 10n, region: "FR" })));
  const start = t.height;
  while (t.height < start + PERIOD) await t.mine();
  const first = t.call(PROVIDER, sc.list({ price: 200n })); // 2: vpn DE 200, rated 3
  listTx = toHex(txHash(first));
  await t.mine(
    first,
    t.call(PROVIDER2, sc.list({ price: 100n })), // 3: vpn DE 100, unrated
    t.call(PROVIDER2, sc.list({ price: 200n })), // 4: vpn DE 200, rated 5
    t.call(PROVIDER, sc.list({ price: 100n, kind: "hotspot", region: "FR", unit: "minute" })), // 5
    t.call(PROVIDER2, sc.list({ price: 200n, region: "US" })), // 6: vpn US 200, unrated
    t.call(NOBODY, sc.channel(1, CLIENT, PROVIDER)),
    t.call(NOBODY, sc.channel(2, CLIENT, PROVIDER2)),
    t.call(NOBODY, sc.channel(3, CLIENT2, PROVIDER2)),
  );
  heard = t.height;
  await t.mine(
    t.call(CLIENT, sc.rate(2, 1, 3)),
    t.call(CLIENT, sc.rate(4, 2, 5)),
    t.call(CLIENT2, sc.rate(4, 3, 4)),
  );
});

type Search = { items: ListingView[]; truncated: boolean };
const ids = async (q: string) => {
  const r = await app.get(`/v1/services${q}`);
  assert.equal(r.status, 200, q);
  return (r.body as Search).items.map((l) => l.id);
};

test("search: live only, by price, then average rating (unrated last), then id", async () => {
  assert.deepEqual(await ids(""), [3, 5, 4, 2, 6]);
  assert.deepEqual(await ids("?kind=vpn"), [3, 4, 2, 6]);
  assert.deepEqual(await ids("?kind=vpn&region=DE"), [3, 4, 2]);
  assert.deepEqual(await ids("?region=FR"), [5], "listing 1 (FR, 10) lapsed");
  assert.deepEqual(await ids("?maxPrice=100"), [3, 5]);
  assert.deepEqual(await ids("?maxPrice=99"), []);
  assert.deepEqual(await ids("?kind=hotspot&region=DE"), []);
  assert.deepEqual(await ids("?limit=2"), [3, 5]);
  assert.deepEqual(await ids("?kind=roaming-data"), []);
  const r = await app.get("/v1/services?kind=vpn&region=DE&maxPrice=200");
  const four = (r.body as Search).items[1];
  assert.deepEqual(four, {
    id: 4,
    provider: encodeAddress(PROVIDER2.pub),
    kind: "vpn",
    region: "DE",
    price: "200",
    unit: "mb",
    endpoint: "socks5://127.0.0.1:1080",
    bond: "1000",
    createdAt: heard,
    heardAt: heard,
    liveUntil: heard + PERIOD,
    live: true,
    withdrawableFrom: heard + PERIOD + 3,
    rating: { count: 2, average: 4.5 },
  });
  assert.equal((r.body as Search).truncated, false);
});

test("the lookup shows a lapsed listing with live: false; the provider list; created", async () => {
  const one = await app.get("/v1/services/1");
  assert.equal(one.status, 200);
  assert.equal((one.body as ListingView).live, false);
  assert.equal((one.body as ListingView).region, "FR");
  const list = await app.get(`/v1/services/listings?provider=${encodeAddress(PROVIDER.pub)}`);
  assert.deepEqual(
    (list.body as { items: ListingView[] }).items.map((l) => l.id),
    [1, 2, 5],
  );
  const created = await app.get(`/v1/services/created/${listTx}`);
  assert.deepEqual(created.body, { kind: "listing", id: 2 });
});

test("bad input: a code and a message", async () => {
  await assertRouteRefusals(app.get, [
    ["/v1/services?kind=dvpn", 400, "SERVICES_BAD_KIND"],
    ["/v1/services?region=de", 400, "SERVICES_BAD_REGION"],
    ["/v1/services?region=XK", 400, "SERVICES_BAD_REGION"],
    ["/v1/services?maxPrice=0", 400, "SERVICES_BAD_PRICE"],
    ["/v1/services?maxPrice=18446744073709551616", 400, "SERVICES_BAD_PRICE"],
    ["/v1/services?maxPrice=1e3", 400, "SERVICES_BAD_PRICE"],
    ["/v1/services?limit=0", 400, "SERVICES_BAD_LIMIT"],
    ["/v1/services?limit=101", 400, "SERVICES_BAD_LIMIT"],
    ["/v1/services/0", 400, "SERVICES_BAD_ID"],
    ["/v1/services/x", 400, "SERVICES_BAD_ID"],
    ["/v1/services/99", 404, "NOT_FOUND"],
  ]);
  const r = await app.get("/v1/services?kind=dvpn");
  assert.match((r.body as { error: { message: string } }).error.message, /vpn, hotspot or roaming-data/);
});
