/** The allowances routes over a real chain's head (the API server's error shape, no network). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { toHex } from "../../bytes.js";
import { txHash } from "../../codec/hashing.js";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards } from "../../testing/chain-harness.js";
import { assertListRefusals, assertRouteRefusals, routesUnderTest } from "../../testing/routes-app.js";
import { ac, CARRIER, fresh, PAYER, PAYER2, SHOP } from "./fixtures.test.js";
import { allowancesModule } from "./index.js";
import type { GrantView } from "./views.js";

const t = closeAfterwards(fresh());
let grantTx = "";
let start = 0;
const app = routesUnderTest(allowancesModule, t, async () => {
  const first = t.call(PAYER, ac.grant(CARRIER, { limit: 100n, period: 5, cap: 1_000n, recipients: [SHOP] }));
  grantTx = toHex(txHash(first));
  await t.mine(
    first,
    t.call(PAYER, ac.grant(SHOP, { limit: 7n, period: 1, expiry: 500 })),
    t.call(PAYER2, ac.grant(CARRIER, { limit: 9n, period: 3 })),
  );
  start = t.height;
  await t.mine(t.call(CARRIER, ac.pull(1, 60n, SHOP)));
});

type Page<T> = { items: T[]; next: string | null };
const get = <T>(url: string) =>
  app.get(url) as Promise<{ status: number; body: T & { error?: { code: string } } }>;

test("a grant with what is left, computed at the next block's height", async () => {
  const g = await get<GrantView>("/v1/allowances/1");
  assert.equal(g.status, 200);
  assert.deepEqual(g.body, {
    id: 1,
    payer: encodeAddress(PAYER.pub),
    grantee: encodeAddress(CARRIER.pub),
    limit: "100",
    period: 5,
    cap: "1000",
    expiry: null,
    recipients: [encodeAddress(SHOP.pub)],
    start,
    at: t.height + 1,
    periodIndex: Math.floor((t.height + 1 - start) / 5),
    periodEndsAt: start + 5,
    spentThisPeriod: "60",
    remainingThisPeriod: "40",
    spentTotal: "60",
    remainingCap: "940",
    expired: false,
  });
  const two = await get<GrantView>("/v1/allowances/2");
  assert.deepEqual(
    [two.body.cap, two.body.expiry, two.body.remainingCap, two.body.recipients],
    [null, 500, null, []],
  );
  const created = await get<{ kind: string; id: number }>(`/v1/allowances/created/${grantTx}`);
  assert.deepEqual(created.body, { kind: "grant", id: 1 });
  await assertRouteRefusals(get, [
    ["/v1/allowances/99", 404, "NOT_FOUND"],
    ["/v1/allowances/0", 400, "ALLOWANCES_BAD_ID"],
    ["/v1/allowances/x", 400, "ALLOWANCES_BAD_ID"],
    [`/v1/allowances/created/${"0".repeat(64)}`, 404, "NOT_FOUND"],
    ["/v1/allowances/created/zz", 400, "BAD_REQUEST"],
  ]);
});

test("the grants a payer gave and a grantee holds, paged; exactly one filter", async () => {
  const ids = async (q: string) =>
    (await get<Page<GrantView>>(`/v1/allowances?${q}`)).body.items.map((g) => g.id);
  assert.deepEqual(await ids(`payer=${encodeAddress(PAYER.pub)}`), [1, 2]);
  assert.deepEqual(await ids(`payer=${encodeAddress(PAYER2.pub)}`), [3]);
  assert.deepEqual(await ids(`grantee=${encodeAddress(CARRIER.pub)}`), [1, 3]);
  assert.deepEqual(await ids(`grantee=${encodeAddress(SHOP.pub)}`), [2]);
  assert.deepEqual(await ids(`grantee=${encodeAddress(PAYER.pub)}`), []);
  const first = await get<Page<GrantView>>(`/v1/allowances?payer=${encodeAddress(PAYER.pub)}&limit=1`);
  assert.deepEqual(
    first.body.items.map((g) => [g.id, g.remainingThisPeriod]),
    [[1, "40"]],
  );
  const rest = await get<Page<GrantView>>(
    `/v1/allowances?payer=${encodeAddress(PAYER.pub)}&limit=1&cursor=${first.body.next}`,
  );
  assert.deepEqual(
    rest.body.items.map((g) => [g.id, g.remainingThisPeriod]),
    [[2, "7"]],
  );
  await assertListRefusals(get, [
    ["/v1/allowances", "BAD_REQUEST"],
    [`/v1/allowances?payer=${encodeAddress(PAYER.pub)}&grantee=${encodeAddress(CARRIER.pub)}`, "BAD_REQUEST"],
    ["/v1/allowances?payer=tel1nope", "ADDRESS_INVALID"],
    [`/v1/allowances?payer=${encodeAddress(PAYER.pub)}&cursor=zz`, "BAD_CURSOR"],
  ]);
});
