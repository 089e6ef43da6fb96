/** The carrier registry on a real chain: register, update, rotate-keys, every refusal, routes. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { equalBytes } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { utf8 } from "../../crypto/hash.js";
import { testKey } from "../../testing/chain-harness.js";
import { carrierRoutes } from "./routes.js";
import { RotateKeysPayload } from "./schemas.js";
import { carrierOfOperator, readCarrier } from "./store.js";
import { routesApp } from "./test-app.js";
import { ModuleTestChain } from "./test-chain.js";
import { carrierData, defaultRoutingPrefix } from "./validate.js";

const A = testKey(0);
const B = testKey(1);
const C = testKey(2);
const D = testKey(3); // unfunded: only ever added as a key

const chains: ModuleTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});
function fresh(): ModuleTestChain {
  const t = ModuleTestChain.create();
  chains.push(t);
  return t;
}

const rotate = (
  t: ModuleTestChain,
  by: typeof A,
  id: string,
  add: (typeof A)[],
  remove: (typeof A)[],
  consume = true,
) =>
  t.tx(
    by,
    "carriers",
    "rotate-keys",
    RotateKeysPayload.serialize({
      id: utf8(id),
      add: add.map((k) => k.pub),
      remove: remove.map((k) => k.pub),
    }),
    consume,
  );

test("register, update and rotate keys; the operator index follows the keys", async () => {
  const t = fresh();
  await t.mine(
    t.carrierTx(A, "register", {
      id: "AAA",
      name: "Carrier A",
      routingPrefixes: ["1555000"],
      sipIngress: ["sip:in.a.example", "gw.a.example:5060"],
    }),
  );
  const s = () => t.state("carriers");
  const a = readCarrier(s(), "AAA");
  assert.ok(a);
  assert.equal(new TextDecoder().decode(a.name), "Carrier A");
  assert.equal(a.operators.length, 1);
  assert.ok(equalBytes(a.operators[0], A.pub));
  assert.equal(a.registeredAt, 1);
  assert.equal(carrierOfOperator(s(), A.pub), "AAA");
  assert.equal(carrierOfOperator(s(), B.pub), undefined);

  // update: operators only; replaces name, prefixes and SIP ingress, keeps keys and height
  t.refuse(t.carrierTx(B, "update", { id: "AAA", name: "Hijack" }, false), "CARRIER_NOT_OPERATOR");
  t.refuse(t.carrierTx(A, "update", { id: "ZZZ" }, false), "CARRIER_UNKNOWN");
  await t.mine(
    t.carrierTx(A, "update", { id: "AAA", name: "Carrier A2", routingPrefixes: ["1555001", "44207"] }),
  );
  const a2 = readCarrier(s(), "AAA");
  assert.equal(new TextDecoder().decode(a2?.name), "Carrier A2");
  assert.deepEqual(
    a2?.routingPrefixes.map((p) => new TextDecoder().decode(p)),
    ["1555001", "44207"],
  );
  assert.equal(a2?.sipIngress.length, 0);
  assert.equal(a2?.registeredAt, 1);

  // rotate-keys: add B and D, then A removes itself; A loses the right to act
  await t.mine(rotate(t, A, "AAA", [B, D], []));
  assert.equal(carrierOfOperator(s(), D.pub), "AAA");
  await t.mine(rotate(t, B, "AAA", [], [A]));
  assert.equal(carrierOfOperator(s(), A.pub), undefined);
  assert.deepEqual(readCarrier(s(), "AAA")?.operators.map(encodeAddress), [B.pub, D.pub].map(encodeAddress));
  t.refuse(t.carrierTx(A, "update", { id: "AAA" }, false), "CARRIER_NOT_OPERATOR");
  // A is free again and may register its own carrier
  await t.mine(t.carrierTx(A, "register", { id: "BBB" }));
  assert.equal(carrierOfOperator(s(), A.pub), "BBB");
});

test("refusals: bad ids and data, taken ids, keys in use, the last key", async () => {
  const t = fresh();
  await t.mine(t.carrierTx(A, "register", { id: "AAA" }));
  for (const id of ["aaa", "AA", "A-B", "ÄBC", ""])
    t.refuse(t.carrierTx(B, "register", { id }, false), "CARRIER_BAD_ID");
  // more than 8 bytes does not even decode
  t.refuse(t.carrierTx(B, "register", { id: "ABCDEFGHI" }, false), "CODEC_MALFORMED");
  t.refuse(
    t.carrierTx(B, "register", { id: "BBB", routingPrefixes: ["1234567890123456"] }, false),
    "CODEC_MALFORMED",
  );
  const badData: Parameters<ModuleTestChain["carrierTx"]>[2][] = [
    { id: "BBB", name: "" },
    { id: "BBB", name: "tab\there" },
    { id: "BBB", routingPrefixes: [] },
    { id: "BBB", routingPrefixes: ["0555"] },
    { id: "BBB", routingPrefixes: ["15a"] },
    { id: "BBB", routingPrefixes: ["1555", "1555"] },
    { id: "BBB", sipIngress: ["http://x.example"] },
    { id: "BBB", sipIngress: ["sip:has space"] },
    { id: "BBB", sipIngress: ["host.example:0"] },
    { id: "BBB", sipIngress: ["host.example"] },
  ];
  for (const d of badData) t.refuse(t.carrierTx(B, "register", d, false), "CARRIER_BAD_DATA");
  t.refuse(t.carrierTx(B, "register", { id: "AAA" }, false), "CARRIER_EXISTS");
  t.refuse(t.carrierTx(A, "register", { id: "CCC" }, false), "CARRIER_KEY_IN_USE");
  await t.mine(
    t.carrierTx(B, "register", {
      id: "BBB",
      sipIngress: ["[2001:db8::1]:5061", "sips:edge.b.example;transport=tcp", "192.0.2.7:5060"],
    }),
  );
  // keys: in use by another carrier, or already this carrier's; removing a stranger; the last key
  t.refuse(rotate(t, A, "AAA", [B], [], false), "CARRIER_KEY_IN_USE");
  t.refuse(rotate(t, A, "AAA", [A], [], false), "CARRIER_KEY_IN_USE");
  t.refuse(rotate(t, A, "AAA", [], [C], false), "CARRIER_BAD_DATA");
  t.refuse(rotate(t, A, "AAA", [], [A], false), "CARRIER_LAST_KEY");
  t.refuse(rotate(t, A, "AAA", [], [], false), "CARRIER_BAD_DATA");
  t.refuse(rotate(t, A, "AAA", [C], [C], false), "CARRIER_BAD_DATA");
  t.refuse(rotate(t, C, "AAA", [D], [], false), "CARRIER_NOT_OPERATOR");
  t.refuse(rotate(t, A, "ZZZ", [D], [], false), "CARRIER_UNKNOWN");
  // at most 8 keys
  const extra = [3, 4, 5, 6, 7, 8, 10, 11].map(testKey);
  t.refuse(rotate(t, A, "AAA", extra, [], false), "CARRIER_BAD_DATA");
  await t.mine(rotate(t, A, "AAA", extra.slice(0, 7), []));
  assert.equal(readCarrier(t.state("carriers"), "AAA")?.operators.length, 8);
});

test("routes: GET /v1/carriers and /v1/carriers/:id", async () => {
  const t = fresh();
  await t.mine(
    t.carrierTx(B, "register", { id: "BBB", name: "Carrier B", routingPrefixes: ["1666"] }),
    t.carrierTx(A, "register", { id: "AAA", name: "Carrier A", sipIngress: ["sip:a.example"] }),
  );
  const app = await routesApp(carrierRoutes, t.query("carriers"));
  try {
    const one = await app.inject({ method: "GET", url: "/v1/carriers/AAA" });
    assert.equal(one.statusCode, 200);
    assert.deepEqual(one.json(), {
      id: "AAA",
      name: "Carrier A",
      operators: [encodeAddress(A.pub)],
      routingPrefixes: ["1555000"],
      sipIngress: ["sip:a.example"],
      registeredAt: 1,
    });
    const list = await app.inject({ method: "GET", url: "/v1/carriers" });
    assert.deepEqual(
      list.json().carriers.map((c: { id: string }) => c.id),
      ["AAA", "BBB"],
    );
    const missing = await app.inject({ method: "GET", url: "/v1/carriers/ZZZ" });
    assert.equal(missing.statusCode, 404);
    const bad = await app.inject({ method: "GET", url: "/v1/carriers/aa" });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.code, "CARRIER_BAD_ID");
  } finally {
    await app.close();
  }
});

test("the default routing prefix is 1 + 6 digits, stable per id and valid", () => {
  const a = defaultRoutingPrefix("AAA");
  assert.match(a, /^1[0-9]{6}$/);
  assert.equal(defaultRoutingPrefix("AAA"), a);
  assert.notEqual(defaultRoutingPrefix("BBB"), a);
  carrierData({ id: utf8("AAA"), name: utf8("x"), routingPrefixes: [utf8(a)], sipIngress: [] });
});
