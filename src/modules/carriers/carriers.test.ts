/** The carrier registry on a real chain: register, update, rotate-keys, every refusal, routes, CLI. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ByteListType, ByteVectorType, ContainerType, ListCompositeType } from "@chainsafe/ssz";
import fc from "fast-check";
import { equalBytes } from "../../bytes.js";
import { Bytes32, Uint53 } from "../../codec/schema.js";
import { encodeAddress } from "../../crypto/address.js";
import { utf8 } from "../../crypto/hash.js";
import { type TestKey, testKey } from "../../testing/chain-harness.js";
import { checkKind, mutated } from "../../testing/kind-properties.js";
import { ModuleTestChain } from "../../testing/module-chain.js";
import { runModuleCli } from "../../testing/module-cli.js";
import { routesApp } from "../../testing/routes-app.js";
import { defaultRoutingPrefix } from "./cli.js";
import { CARRIERS_ERRORS } from "./errors.js";
import { carriersModule } from "./index.js";
import type { CarriersKeeper } from "./keeper.js";
import { carriersCalls } from "./kinds/index.js";
import { type CarrierData, CarrierEntry } from "./schemas.js";

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

/** Carrier data with defaults: name "Carrier <id>", prefix 1555000, no SIP ingress. */
const data = (d: Partial<CarrierData> & { id: string }): CarrierData => ({
  name: `Carrier ${d.id}`,
  routingPrefixes: ["1555000"],
  sipIngress: [],
  ...d,
});
const register = (d: Partial<CarrierData> & { id: string }) => carriersCalls.register(data(d));
const update = (d: Partial<CarrierData> & { id: string }) => carriersCalls.update(data(d));
const rotate = (id: string, add: TestKey[], remove: TestKey[]) =>
  carriersCalls["rotate-keys"]({ id, add: add.map((k) => k.pub), remove: remove.map((k) => k.pub) });

/** The register/update payload encoded with looser limits (same encoding within the real ones). */
const LooseData = new ContainerType({
  id: new ByteListType(64),
  name: new ByteListType(128),
  routingPrefixes: new ListCompositeType(new ByteListType(64), 16),
  sipIngress: new ListCompositeType(new ByteListType(300), 8),
});
const loose = (d: CarrierData) =>
  LooseData.serialize({
    id: utf8(d.id),
    name: utf8(d.name),
    routingPrefixes: d.routingPrefixes.map(utf8),
    sipIngress: d.sipIngress.map(utf8),
  });

test("register, update and rotate keys; the operator index follows the keys", async () => {
  const t = fresh();
  await t.mine(
    t.call(
      A,
      register({ id: "AAA", name: "Carrier A", sipIngress: ["sip:in.a.example", "gw.a.example:5060"] }),
    ),
  );
  const k = () => t.keeper<CarriersKeeper>("carriers");
  const a = k().carrier("AAA");
  assert.deepEqual(
    { ...a, operators: a?.operators.map(encodeAddress) },
    {
      id: "AAA",
      name: "Carrier A",
      operators: [encodeAddress(A.pub)],
      routingPrefixes: ["1555000"],
      sipIngress: ["sip:in.a.example", "gw.a.example:5060"],
      registeredAt: 1,
    },
  );
  assert.equal(k().carrierOfOperator(A.pub), "AAA");
  assert.equal(k().carrierOfOperator(B.pub), undefined);
  assert.equal(k().carrierOfOperator(new Uint8Array(5)), undefined);

  // update: operators only; replaces name, prefixes and SIP ingress, keeps keys and height
  t.refuse(t.call(B, update({ id: "AAA", name: "Hijack" }), false), "CARRIER_NOT_OPERATOR");
  t.refuse(t.call(A, update({ id: "ZZZ" }), false), "CARRIER_UNKNOWN");
  await t.mine(t.call(A, update({ id: "AAA", name: "Carrier A2", routingPrefixes: ["1555001", "44207"] })));
  const a2 = k().carrier("AAA");
  assert.equal(a2?.name, "Carrier A2");
  assert.deepEqual(a2?.routingPrefixes, ["1555001", "44207"]);
  assert.equal(a2?.sipIngress.length, 0);
  assert.equal(a2?.registeredAt, 1);

  // rotate-keys: add B and D, then A removes itself; A loses the right to act
  await t.mine(t.call(A, rotate("AAA", [B, D], [])));
  assert.equal(k().carrierOfOperator(D.pub), "AAA");
  await t.mine(t.call(B, rotate("AAA", [], [A])));
  assert.equal(k().carrierOfOperator(A.pub), undefined);
  assert.deepEqual(k().carrier("AAA")?.operators.map(encodeAddress), [B.pub, D.pub].map(encodeAddress));
  t.refuse(t.call(A, update({ id: "AAA" }), false), "CARRIER_NOT_OPERATOR");
  // A is free again and may register its own carrier
  await t.mine(t.call(A, register({ id: "BBB" })));
  assert.equal(k().carrierOfOperator(A.pub), "BBB");
});

test("refusals: bad ids and data, taken ids, keys in use, the last key", async () => {
  const t = fresh();
  await t.mine(t.call(A, register({ id: "AAA" })));
  const refuseData = (d: CarrierData, code: string) =>
    t.refuse(t.tx(B, "carriers", "register", loose(d), false), code);
  for (const id of ["aaa", "AA", "A-B", "ÄBC", "", "ABCDEFGHI"]) refuseData(data({ id }), "CARRIER_BAD_ID");
  // a text over its byte limit is refused with the field's code where it is decoded
  refuseData(data({ id: "BBB", routingPrefixes: ["1234567890123456"] }), "CARRIER_BAD_DATA");
  assert.throws(() => register({ id: "ABCDEFGHI" }), { code: "CARRIER_BAD_ID" }, "nor can it be built");
  const badData: CarrierData[] = [
    { name: "" },
    { name: "tab\there" },
    { name: "x".repeat(65) },
    { routingPrefixes: [] },
    { routingPrefixes: ["0555"] },
    { routingPrefixes: ["15a"] },
    { routingPrefixes: ["1555", "1555"] },
    { sipIngress: ["http://x.example"] },
    { sipIngress: ["sip:has space"] },
    { sipIngress: ["host.example:0"] },
    { sipIngress: ["host.example:65536"] },
    { sipIngress: ["host.example"] },
    { sipIngress: ["-host.example:5060"] },
    { sipIngress: ["sip:a.example", "sip:a.example"] },
    { sipIngress: [`sip:${"a".repeat(252)}`] },
  ].map((d) => data({ id: "BBB", ...d }));
  for (const d of badData) refuseData(d, "CARRIER_BAD_DATA");
  const notUtf8 = LooseData.serialize({
    id: utf8("BBB"),
    name: new Uint8Array([0xff, 0xfe]),
    routingPrefixes: [utf8("1555")],
    sipIngress: [],
  });
  t.refuse(t.tx(B, "carriers", "register", notUtf8, false), "CARRIER_BAD_DATA");
  t.refuse(t.call(B, register({ id: "AAA" }), false), "CARRIER_EXISTS");
  t.refuse(t.call(A, register({ id: "CCC" }), false), "CARRIER_KEY_IN_USE");
  await t.mine(
    t.call(
      B,
      register({
        id: "BBB",
        sipIngress: [
          "[2001:db8::1]:5061",
          "sips:edge.b.example;transport=tcp",
          "192.0.2.7:5060",
          "h.example:05060",
          `sip:${"a".repeat(251)}`,
        ],
      }),
    ),
  );
  // keys: in use by another carrier, or already this carrier's; removing a stranger; the last key
  const refuseRotate = (by: TestKey, id: string, add: TestKey[], remove: TestKey[], code: string) =>
    t.refuse(t.call(by, rotate(id, add, remove), false), code);
  refuseRotate(A, "AAA", [B], [], "CARRIER_KEY_IN_USE");
  refuseRotate(A, "AAA", [A], [], "CARRIER_KEY_IN_USE");
  refuseRotate(A, "AAA", [], [C], "CARRIER_BAD_DATA");
  refuseRotate(A, "AAA", [], [A], "CARRIER_LAST_KEY");
  refuseRotate(A, "AAA", [], [], "CARRIER_BAD_DATA");
  refuseRotate(A, "AAA", [C], [C], "CARRIER_BAD_DATA");
  refuseRotate(C, "AAA", [D], [], "CARRIER_NOT_OPERATOR");
  refuseRotate(A, "ZZZ", [D], [], "CARRIER_UNKNOWN");
  // a bad id: the builder refuses to encode it, and the chain refuses it encoded by hand
  assert.throws(() => rotate("aaa", [D], []), { code: "CARRIER_BAD_ID" });
  const LooseRotate = new ContainerType({
    id: new ByteListType(8),
    add: new ListCompositeType(new ByteVectorType(32), 8),
    remove: new ListCompositeType(new ByteVectorType(32), 8),
  });
  const badId = LooseRotate.serialize({ id: utf8("aaa"), add: [D.pub], remove: [] });
  t.refuse(t.tx(A, "carriers", "rotate-keys", badId, false), "CARRIER_BAD_ID");
  // at most 8 keys
  const extra = [3, 4, 5, 6, 7, 8, 10, 11].map(testKey);
  refuseRotate(A, "AAA", extra, [], "CARRIER_BAD_DATA");
  await t.mine(t.call(A, rotate("AAA", extra.slice(0, 7), [])));
  assert.equal(t.keeper<CarriersKeeper>("carriers").carrier("AAA")?.operators.length, 8);
});

test("routes: GET /v1/carriers (paged) and /v1/carriers/:id", async () => {
  const t = fresh();
  await t.mine(
    t.call(B, register({ id: "BBB", name: "Carrier B", routingPrefixes: ["1666"] })),
    t.call(A, register({ id: "AAA", name: "Carrier A", sipIngress: ["sip:a.example"] })),
  );
  const app = await routesApp(carriersModule, t.query("carriers"));
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
      list.json().items.map((c: { id: string }) => c.id),
      ["AAA", "BBB"],
    );
    // paged: one carrier a page, the cursor continues exactly, the last page's next is null
    const first = (await app.inject({ method: "GET", url: "/v1/carriers?limit=1" })).json();
    assert.deepEqual(
      first.items.map((c: { id: string }) => c.id),
      ["AAA"],
    );
    const second = (
      await app.inject({ method: "GET", url: `/v1/carriers?limit=1&cursor=${first.next}` })
    ).json();
    assert.deepEqual(
      second.items.map((c: { id: string }) => c.id),
      ["BBB"],
    );
    assert.equal(second.next, null);
    const badCursor = await app.inject({ method: "GET", url: "/v1/carriers?cursor=nothex" });
    assert.equal(badCursor.statusCode, 400);
    assert.equal(badCursor.json().error.code, "BAD_CURSOR");
    const badLimit = await app.inject({ method: "GET", url: "/v1/carriers?limit=101" });
    assert.equal(badLimit.json().error.code, "BAD_REQUEST");
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
  assert.throws(() => defaultRoutingPrefix("aa"), { code: "CARRIER_BAD_ID" });
});

/** Runs `telchain carrier ARGS` in process against a fake node; returns the calls submitted. */
const carrierCli = async (...args: string[]) => {
  const now = { ...data({ id: "AAA", sipIngress: ["sip:a.example"] }), operators: [], registeredAt: 1 };
  return (await runModuleCli(carriersModule, ["carrier", ...args], () => now)).sent;
};

test("CLI: calls are built from the kinds' builders and checked before anything is sent", async () => {
  const [reg] = await carrierCli("register", "--id", "AAA", "--name", "A");
  assert.deepEqual(reg, register({ id: "AAA", name: "A", routingPrefixes: [defaultRoutingPrefix("AAA")] }));
  // update keeps what is not given (read from the node), --no-sip drops the SIP ingress
  const [upd] = await carrierCli("update", "AAA", "--prefix", "1777", "--no-sip");
  assert.deepEqual(upd, update({ id: "AAA", routingPrefixes: ["1777"] }));
  const [rot] = await carrierCli("rotate-keys", "AAA", "--add", encodeAddress(B.pub));
  assert.deepEqual(rot, rotate("AAA", [B], []));
  await assert.rejects(carrierCli("register", "--id", "AAA", "--name", "A", "--prefix", "0123"), {
    code: "CARRIER_BAD_DATA",
    message: /^routing prefix "0123" is not allowed/,
  });
  await assert.rejects(carrierCli("register", "--id", "aa", "--name", "A"), { code: "CARRIER_BAD_ID" });
  await assert.rejects(carrierCli("rotate-keys", "AAA"), { code: "CARRIER_BAD_DATA" });
  await assert.rejects(carrierCli("update", "AAA"), { code: "BAD_ARGUMENT" });
});

test("properties: random and mutated payloads of every kind are accepted or refused with a declared code, never a crash", async () => {
  const t = fresh();
  await t.mine(
    t.call(A, register({ id: "AAA" })),
    t.call(B, register({ id: "BBB", routingPrefixes: ["1666"] })),
  );
  const codes = Object.keys(CARRIERS_ERRORS.codes);
  const id = fc.oneof(
    fc.constantFrom("AAA", "BBB", "CCC"),
    fc.stringMatching(/^[A-Z0-9]{3,8}$/),
    fc.string({ maxLength: 12 }),
  );
  const digits = fc.stringMatching(/^[1-9][0-9]{0,14}$/);
  const sip = fc.oneof(
    fc.constantFrom("sip:a.example", "gw.example:5060", "[::1]:5061"),
    fc.string({ maxLength: 70 }),
  );
  const carrierData = fc
    .record({
      id,
      name: fc.string({ maxLength: 30 }),
      routingPrefixes: fc.array(fc.oneof(digits, fc.string({ maxLength: 16 })), { maxLength: 16 }),
      sipIngress: fc.array(sip, { maxLength: 8 }),
    })
    .map(loose);
  const key = fc.oneof(
    fc.constantFrom(A.pub, B.pub, C.pub, D.pub),
    fc.uint8Array({ minLength: 32, maxLength: 32 }),
  );
  const LooseRotate = new ContainerType({
    id: new ByteListType(64),
    add: new ListCompositeType(Bytes32, 10),
    remove: new ListCompositeType(Bytes32, 10),
  });
  const rotation = fc
    .record({ id, add: fc.array(key, { maxLength: 9 }), remove: fc.array(key, { maxLength: 3 }) })
    .map((r) => LooseRotate.serialize({ ...r, id: utf8(r.id) }));
  for (const [kind, payloads] of [
    ["register", carrierData],
    ["update", carrierData],
    ["rotate-keys", rotation],
  ] as const) {
    const seen = checkKind(t, {
      module: "carriers",
      kind,
      signers: [A, B, C],
      payloads: mutated(payloads),
      codes,
    });
    assert.ok(seen.codes.size >= 3, `${kind}: refusals seen ${[...seen.codes]}`);
  }
});

test("properties: a carrier entry encodes and hashes exactly like the byte-list schema it replaced", () => {
  const list = (n: number, limit: number) => new ListCompositeType(new ByteListType(n), limit);
  const Old = new ContainerType({
    id: new ByteListType(8),
    name: new ByteListType(64),
    operators: new ListCompositeType(Bytes32, 8),
    routingPrefixes: list(15, 16),
    sipIngress: list(255, 8),
    registeredAt: Uint53,
  });
  const entry = fc.record({
    id: fc.stringMatching(/^[A-Z0-9]{3,8}$/),
    name: fc.string({ minLength: 1, maxLength: 16 }).filter((x) => !/\p{Cc}/u.test(x)),
    operators: fc.array(fc.uint8Array({ minLength: 32, maxLength: 32 }), { minLength: 1, maxLength: 8 }),
    routingPrefixes: fc.array(fc.stringMatching(/^[1-9][0-9]{0,14}$/), { minLength: 1, maxLength: 16 }),
    sipIngress: fc.array(fc.constantFrom("sip:a.example", "gw.example:5060", "[::1]:5061"), { maxLength: 8 }),
    registeredAt: fc.nat(),
  });
  fc.assert(
    fc.property(entry, (e) => {
      const old = {
        ...e,
        id: utf8(e.id),
        name: utf8(e.name),
        routingPrefixes: e.routingPrefixes.map(utf8),
        sipIngress: e.sipIngress.map(utf8),
      };
      assert.ok(equalBytes(CarrierEntry.serialize(e), Old.serialize(old)));
      assert.ok(equalBytes(CarrierEntry.hashTreeRoot(e), Old.hashTreeRoot(old)));
      assert.ok(
        equalBytes(CarrierEntry.serialize(CarrierEntry.deserialize(Old.serialize(old))), Old.serialize(old)),
      );
    }),
  );
});
