/** The recovery routes over a real chain's head (the API server's error shape, no network). */
import assert from "node:assert/strict";
import { test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { closeAfterwards, type TestKey } from "../../testing/chain-harness.js";
import { assertRouteRefusals, routesUnderTest } from "../../testing/routes-app.js";
import { fresh, G1, G2, G3, NEW, OP, OWNER, rc, registerCarrier, STRANGER, THIEF } from "./fixtures.test.js";
import { recoveryModule } from "./index.js";
import type { GuardedView, RecoveryView } from "./views.js";

const addr = (k: TestKey) => encodeAddress(k.pub);
const t = closeAfterwards(fresh());
let started = 0;
let changed = 0;
const app = routesUnderTest(recoveryModule, t, async () => {
  await t.mine(t.call(OP, registerCarrier("AAA", "1555")));
  await t.mine(t.call(OWNER, rc.set([G1, "carrier:AAA", G2], 2, 20)), t.call(G3, rc.set([G1], 1, 20)));
  await t.mine(
    t.call(G1, rc.propose(OWNER, NEW)),
    t.call(G2, rc.propose(OWNER, THIEF)),
    t.call(OWNER, rc.set([G2, G3], 1, 10)),
  );
  changed = t.height;
  await t.mine(t.call(OP, rc.propose(OWNER, NEW)), t.call(G1, rc.lock(OWNER)));
  started = t.height;
});

test("an account's guardians, pending change, proposals, started recovery and lock", async () => {
  const r = await app.get(`/v1/recovery/${addr(OWNER)}`);
  assert.equal(r.status, 200);
  const v = r.body as RecoveryView;
  assert.deepEqual(
    { ...v, since: 0 },
    {
      account: addr(OWNER),
      guardians: [addr(G1), "carrier:AAA", addr(G2)],
      threshold: 2,
      delay: 20,
      since: 0,
      pending: {
        guardians: [addr(G2), addr(G3)],
        threshold: 1,
        delay: 10,
        requestedAt: changed,
        appliesAt: changed + 20,
      },
      proposals: [],
      recovery: { key: addr(NEW), startedAt: started, executableAt: started + 20, executable: false },
      lockedUntil: started + 20,
      vetoes: { count: 0, latest: [] },
    },
  );
});

test("the accounts an address or a carrier guards", async () => {
  const byG1 = await app.get(`/v1/recovery?guardian=${addr(G1)}`);
  assert.equal(byG1.status, 200);
  const items = (byG1.body as { items: GuardedView[] }).items;
  assert.deepEqual(items.map((i) => i.account).sort(), [addr(OWNER), addr(G3)].sort());
  const owner = items.find((i) => i.account === addr(OWNER));
  assert.deepEqual(owner, {
    account: addr(OWNER),
    guardians: [addr(G1), "carrier:AAA", addr(G2)],
    threshold: 2,
    delay: 20,
    pendingAppliesAt: changed + 20,
    recovery: "started",
  });
  const byG3 = (await app.get(`/v1/recovery?guardian=${addr(G3)}`)).body as { items: GuardedView[] };
  assert.deepEqual(
    byG3.items.map((i) => i.account),
    [addr(OWNER)],
    "a pending guardian is listed",
  );
  const byAAA = (await app.get("/v1/recovery?carrier=AAA")).body as { items: GuardedView[] };
  assert.deepEqual(
    byAAA.items.map((i) => i.account),
    [addr(OWNER)],
  );
  const none = (await app.get(`/v1/recovery?guardian=${addr(STRANGER)}`)).body as { items: GuardedView[] };
  assert.deepEqual(none.items, []);
});

test("refusals", async () => {
  await assertRouteRefusals(app.get, [
    [`/v1/recovery/${addr(STRANGER)}`, 404, "NOT_FOUND"],
    ["/v1/recovery/tel1nope", 400, "ADDRESS_INVALID"],
    ["/v1/recovery?guardian=tel1nope", 400, "ADDRESS_INVALID"],
    ["/v1/recovery?carrier=aa", 400, "RECOVERY_BAD_GUARDIAN"],
  ]);
});
