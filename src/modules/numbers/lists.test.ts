/**
 * GET /v1/numbers?holder= and ?carrier=: the index keys follow claims, ports and releases,
 * pages continue exactly, bad input is 400 with a code, and a reorg takes the index back
 * to what the surviving branch says.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { Page } from "../../api/paging.js";
import { toHex } from "../../bytes.js";
import { headerHash } from "../../codec/hashing.js";
import { encodeAddress } from "../../crypto/address.js";
import { testKey } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { assertListRefusals, getFromRoutes } from "../../testing/routes-app.js";
import { accept, claim, confirm, fresh, port, registerCarrier, release } from "./fixtures.test.js";
import { numbersModule } from "./index.js";
import type { NumberView } from "./routes.js";

const opA = testKey(0);
const opB = testKey(1);
const alice = testKey(2);
const bob = testKey(3);
const [N1, N2, N3, N4] = ["+15551230001", "+15551230002", "+15551230003", "+15551230004"];

const chains: ModuleTestChain[] = [];
after(async () => {
  for (const c of chains) await c.close();
});

const list = (t: ModuleTestChain, query: string) =>
  getFromRoutes<Page<NumberView>>(numbersModule, t.query("numbers"), `/v1/numbers?${query}`);
const numbers = async (t: ModuleTestChain, query: string) => {
  const r = await list(t, query);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.map((v) => v.number);
};
const holder = (key: { pub: Uint8Array }) => `holder=${encodeAddress(key.pub)}`;

async function withNumbers(): Promise<ModuleTestChain> {
  const t = fresh();
  chains.push(t);
  await t.mine(
    t.call(opA, registerCarrier("AAA", ["1555000"])),
    t.call(opB, registerCarrier("BBB", ["1666"])),
  );
  await t.mine(
    t.call(alice, claim(N3, "AAA")),
    t.call(alice, claim(N1, "AAA")),
    t.call(alice, claim(N2, "BBB")),
    t.call(bob, claim(N4, "AAA")),
  );
  return t;
}

test("lists by holder and by carrier, in digit order, following claims, ports and releases", async () => {
  const t = await withNumbers();
  assert.deepEqual(await numbers(t, holder(alice)), [N1, N2, N3]);
  assert.deepEqual(await numbers(t, holder(bob)), [N4]);
  assert.deepEqual(await numbers(t, holder(opA)), []);
  assert.deepEqual(await numbers(t, "carrier=AAA"), [N1, N3, N4]);
  assert.deepEqual(await numbers(t, "carrier=BBB"), [N2]);
  assert.deepEqual(await numbers(t, "carrier=ZZZ"), []);
  const [first] = (await list(t, holder(alice))).body.items;
  assert.equal(first?.status, "pending-confirmation", "items are the dip's view");

  await t.mine(t.call(opA, confirm(N1)), t.call(opA, confirm(N3)));
  await t.mine(t.call(alice, port(N1, "BBB")), t.call(alice, release(N3)));
  await t.mine(t.call(opB, accept(N1)));
  assert.deepEqual(await numbers(t, "carrier=AAA"), [N4], "ported away and released");
  assert.deepEqual(await numbers(t, "carrier=BBB"), [N1, N2]);
  assert.deepEqual(await numbers(t, holder(alice)), [N1, N2]);
});

test("pages of a holder's numbers continue exactly; the last has next null", async () => {
  const t = await withNumbers();
  const one = await list(t, `${holder(alice)}&limit=2`);
  assert.deepEqual(
    one.body.items.map((v) => v.number),
    [N1, N2],
  );
  assert.equal(typeof one.body.next, "string");
  const two = await list(t, `${holder(alice)}&limit=2&cursor=${one.body.next}`);
  assert.deepEqual(two.body, { items: two.body.items, next: null });
  assert.deepEqual(
    two.body.items.map((v) => v.number),
    [N3],
  );
  const exact = await list(t, `carrier=AAA&limit=3`);
  assert.equal(exact.body.next, null, "a page ending at the end of the list says so");
});

test("bad list requests are 400 with a code", async () => {
  const t = await withNumbers();
  const cases: [string, string][] = [
    ["", "BAD_REQUEST"],
    [`${holder(alice)}&carrier=AAA`, "BAD_REQUEST"],
    ["holder=tel1nothing", "ADDRESS_INVALID"],
    [`${holder(alice)}&limit=0`, "BAD_REQUEST"],
    [`${holder(alice)}&limit=101`, "BAD_REQUEST"],
    [`${holder(alice)}&limit=two`, "BAD_REQUEST"],
    [`${holder(alice)}&cursor=xyz`, "BAD_CURSOR"],
    [`${holder(alice)}&cursor=${"ab".repeat(200)}`, "BAD_REQUEST"],
    [`carrier=${"A".repeat(65)}`, "BAD_REQUEST"],
  ];
  await assertListRefusals((query) => list(t, query), cases);
});

test("after a reorg the lists are what the surviving branch says", async () => {
  const a = fresh();
  const b = fresh();
  chains.push(a, b);
  const common = [
    await a.mine(
      a.call(opA, registerCarrier("AAA", ["1555000"])),
      a.call(opB, registerCarrier("BBB", ["1666"])),
    ),
    await a.mine(a.call(alice, claim(N1, "AAA"))),
    await a.mine(a.call(opA, confirm(N1))),
  ];
  for (const block of common) await b.c.chain.importBlock(block);
  b.copyNoncesFrom(a);
  b.c.clock = a.c.clock + 1; // different timestamps, so different blocks
  // Branch A: N1 is ported to BBB, bob claims N2.
  await a.mine(a.call(alice, port(N1, "BBB")), a.call(bob, claim(N2, "BBB")));
  await a.mine(a.call(opB, accept(N1)));
  assert.deepEqual(await numbers(a, "carrier=BBB"), [N1, N2]);
  assert.deepEqual(await numbers(a, holder(bob)), [N2]);
  // Branch B (heavier): alice releases N1, nothing else.
  const branch = [await b.mine(b.call(alice, release(N1))), await b.mine(), await b.mine()];
  a.c.clock = b.c.clock;
  for (const block of branch) await a.c.chain.importBlock(block);
  assert.equal(toHex(a.c.chain.head().hash), toHex(headerHash(branch[2].header)), "A reorganised onto B");
  for (const q of ["carrier=AAA", "carrier=BBB", holder(alice), holder(bob)]) {
    assert.deepEqual((await list(a, q)).body, (await list(b, q)).body, q);
    assert.deepEqual(await numbers(a, q), [], q);
  }
});
