/**
 * GET /v1/enum?owner=: the owner index holds the genesis numbers and follows registrations
 * and transfers, pages continue exactly, bad input is 400 with a code, and a reorg takes it
 * back to the surviving branch.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Page } from "../../api/paging.js";
import { toHex } from "../../bytes.js";
import { encodeAddress } from "../../crypto/address.js";
import { SPACING, testKeys } from "../../testing/chain-harness.js";
import type { ModuleTestChain } from "../../testing/module-chain.js";
import { assertListRefusals, getFromRoutes } from "../../testing/routes-app.js";
import { enumChain, registerNumber, SIP, VERIFIER } from "./fixtures.test.js";
import { enumModule } from "./index.js";
import { enumCalls } from "./kinds/index.js";
import type { EnumNumberView } from "./routes.js";

const [A, B] = testKeys(0, 1);
const N = "+15559990000";

type Answer = Page<EnumNumberView> & { error?: { code: string } };
const list = (t: ModuleTestChain, query: string) =>
  getFromRoutes<Answer>(enumModule, t.query("enum"), `/v1/enum?${query}`);
const owner = (key: { pub: Uint8Array }) => `owner=${encodeAddress(key.pub)}`;
async function numbers(t: ModuleTestChain, query: string): Promise<string[]> {
  const r = await list(t, query);
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.items.map((v) => v.number);
}

/** `count` numbers +1555100000i owned by A in the genesis. */
const genesisNumbers = (count: number) => ({
  numbers: Array.from({ length: count }, (_, i) => ({
    number: `+1555${String(1_000_000 + i)}`,
    owner: encodeAddress(A.pub),
    verifier: encodeAddress(VERIFIER.pub),
    records: [SIP(`u${i}`)],
    attestedUntil: 2_000_000_000,
  })),
});

test("genesis numbers are listed by owner, page after page of the default 50", async () => {
  const t = enumChain(genesisNumbers(120));
  const pages: Answer[] = [];
  let cursor = "";
  do {
    const r = await list(t, `${owner(A)}${cursor ? `&cursor=${cursor}` : ""}`);
    assert.equal(r.status, 200);
    pages.push(r.body);
    cursor = r.body.next ?? "";
  } while (cursor);
  assert.deepEqual(
    pages.map((p) => p.items.length),
    [50, 50, 20],
  );
  const all = pages.flatMap((p) => p.items.map((v) => v.number));
  assert.deepEqual(
    all,
    Array.from({ length: 120 }, (_, i) => `+1555${1_000_000 + i}`),
  );
  assert.equal(pages[0]?.items[0]?.owner, encodeAddress(A.pub), "items are the number route's view");
  assert.equal(pages[0]?.items[0]?.status, "active");
  assert.deepEqual(await numbers(t, owner(B)), []);
});

test("a registration and a transfer move the number between owners' lists", async () => {
  const t = enumChain();
  await registerNumber(t, A, N);
  assert.deepEqual(await numbers(t, owner(A)), [N]);
  await t.mine(t.call(A, enumCalls.transfer({ number: N, to: B.pub })));
  assert.deepEqual(await numbers(t, owner(A)), []);
  assert.deepEqual(await numbers(t, owner(B)), [N]);
});

test("bad list requests are 400 with a code", async () => {
  const t = enumChain();
  const cases: [string, string][] = [
    ["", "BAD_REQUEST"],
    ["owner=nobody", "ADDRESS_INVALID"],
    [`${owner(A)}&limit=1000`, "BAD_REQUEST"],
    [`${owner(A)}&cursor=abc`, "BAD_CURSOR"],
  ];
  await assertListRefusals((query) => list(t, query), cases);
});

test("after a reorg an owner's list is what the surviving branch says", async () => {
  const a = enumChain(genesisNumbers(3));
  const b = enumChain(genesisNumbers(3));
  const first = "+15551000000";
  // Branch A: A hands its first number to B.
  await a.mine(a.call(A, enumCalls.transfer({ number: first, to: B.pub })));
  assert.deepEqual(await numbers(a, owner(B)), [first]);
  // Branch B (heavier): nothing happens.
  b.c.clock = a.c.clock + 1;
  const branch = [await b.mine(), await b.mine()];
  a.c.clock = b.c.clock + SPACING;
  for (const block of branch) await a.c.chain.importBlock(block);
  assert.equal(toHex(a.c.chain.head().hash), toHex(b.c.chain.head().hash), "A reorganised onto B");
  assert.deepEqual(await numbers(a, owner(B)), []);
  assert.equal((await numbers(a, owner(A))).length, 3);
  assert.deepEqual((await list(a, owner(A))).body, (await list(b, owner(A))).body);
});
