/** The genesis section: params, verifiers, pre-registered numbers, refusals; the dev genesis. */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { encodeAddress } from "../../crypto/address.js";
import { modulePrefix } from "../../module/registry.js";
import { devGenesis } from "../../node/dev-genesis.js";
import { Accounts } from "../../state/accounts.js";
import { Overlay, prefixedReader, prefixedView } from "../../state/overlay.js";
import { TestChain, testGenesis, testKey } from "../../testing/chain-harness.js";
import { devVerifier } from "./dev-verifier.js";
import { enumChain, enumTestGenesis, numberOf, SIP, VERIFIER } from "./fixtures.test.js";
import { enumGenesis } from "./genesis.js";
import { readParams, readVerifier } from "./store.js";
import { zoneSource } from "./zone-source.js";

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const c of closers) await c();
});

/** The module's genesis on an empty state, as the chain runs it. */
function runGenesis(section: unknown): void {
  const overlay = new Overlay({ get: () => undefined });
  const g = testGenesis();
  enumGenesis(
    {
      chainId: g.chainId,
      params: g.params,
      state: prefixedView(overlay, modulePrefix("enum")),
      accounts: new Accounts(overlay),
    },
    section,
  );
}

const owner = encodeAddress(testKey(0).pub);
const verifier = encodeAddress(VERIFIER.pub);

test("pre-registered numbers are served from the genesis block", async () => {
  const count = 2000;
  const numbers = Array.from({ length: count }, (_, i) => ({
    number: `+1555${String(1_000_000 + i)}`,
    owner,
    verifier,
    records: [SIP(`u${i}`)],
    attestedUntil: 2_000_000_000,
  }));
  const t = Date.now();
  const e = enumChain({ numbers });
  const ms = Date.now() - t;
  const zone = zoneSource(e.query("enum"));
  assert.equal(zone.records("15551000007")?.[0].regexp, "!^.*$!sip:u7@example.com!");
  assert.equal(zone.records(`1555${1_000_000 + count - 1}`)?.length, 1);
  assert.equal(zone.hasDescendant("15551"), true);
  assert.equal(numberOf(e, "15551000000")?.expiresAt, 20);
  assert.ok(ms < 5000, `genesis of ${count} numbers took ${ms} ms`);
});

test("bad genesis sections are refused with GENESIS_INVALID saying what is wrong", () => {
  const cases: [Record<string, unknown> | unknown[], RegExp][] = [
    [{ params: { commitMinAge: 0 } }, /commitMinAge must be an integer from 1/],
    [{ params: { commitMinAge: 10, commitMaxAge: 5 } }, /commitMaxAge must be at least commitMinAge/],
    [{ params: { maxRecords: 17 } }, /maxRecords/],
    [{ params: { nope: 1 } }, /unknown param nope/],
    [{ params: { registrationFee: "-1" } }, /registrationFee/],
    [{ authority: "tel1xyz" }, /authority/],
    [{ verifiers: [{ address: verifier, name: "" }] }, /verifiers\[0\]/],
    [
      { numbers: [{ number: "15551234567", owner, verifier, records: [], attestedUntil: 0 }] },
      /numbers\[0\].*missing "\+"/,
    ],
    [
      { numbers: [{ number: "+15551234567", owner, verifier: owner, records: [], attestedUntil: 0 }] },
      /not one of the genesis verifiers/,
    ],
    [
      {
        numbers: [
          {
            number: "+15551234567",
            owner,
            verifier,
            records: [{ ...SIP("a"), service: "x" }],
            attestedUntil: 0,
          },
        ],
      },
      /numbers\[0\]: record 0: service/,
    ],
    [
      {
        numbers: [
          { number: "+15551234567", owner, verifier, records: [], attestedUntil: 0 },
          { number: "+15551234567", owner, verifier, records: [], attestedUntil: 0 },
        ],
      },
      /listed twice/,
    ],
    [{ surprise: true }, /unknown field surprise/],
    [[], /must be an object/],
  ];
  for (const [section, why] of cases) {
    assert.throws(
      () =>
        runGenesis(
          Array.isArray(section) ? section : { ...(enumTestGenesis().modules.enum as object), ...section },
        ),
      (err: { code: string; message: string }) => err.code === "GENESIS_INVALID" && why.test(err.message),
      JSON.stringify(section),
    );
  }
});

test("a chain without an enum section runs on the default params and no verifiers", async () => {
  const c = TestChain.create(testGenesis());
  closers.push(() => c.close());
  const state = prefixedReader(c.chain.state, modulePrefix("enum"));
  assert.equal(readParams(state).commitMinAge, 2);
  assert.equal(readVerifier(state, VERIFIER.pub), undefined);
});

test("the dev genesis has the published dev verifier", async () => {
  const dev = devVerifier();
  assert.equal(dev.address, encodeAddress(dev.publicKey));
  const c = TestChain.create(devGenesis());
  closers.push(() => c.close());
  const state = prefixedReader(c.chain.state, modulePrefix("enum"));
  assert.equal(readVerifier(state, dev.publicKey)?.name, "telchain dev verifier");
  assert.equal(readParams(state).commitMinAge, 2);
  assert.equal(readParams(state).hasAuthority, true);
});
