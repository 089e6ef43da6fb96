/**
 * Answers that outlive a head (cache.ts, answer.ts Lasting) against a real chain: after a
 * block changes a number, the next query answers the new records, never the cached old
 * ones; an unregistered number's NXDOMAIN carries the SOA serial of the current head; a
 * number that lapses with time alone stops being served at the head it lapses.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { NaptrAnswer, SoaAnswer } from "dns-packet";
import type { Block } from "../../../codec/schema.js";
import { encodeAddress } from "../../../crypto/address.js";
import type { HeadChange, ModuleService } from "../../../module/interface.js";
import { T0, testKeys } from "../../../testing/chain-harness.js";
import { type AskOptions, ask, type DnsResponse } from "../../../testing/dns.js";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { allModules } from "../../index.js";
import { numbersModule } from "../../numbers/index.js";
import { attest, commit, enumChain, SIP, TEST_PARAMS, VERIFIER } from "../fixtures.test.js";
import { enumModule } from "../index.js";
import { enumCalls } from "../kinds/index.js";
import { RegistryFilter } from "../registry-filter.js";
import { numberStatus } from "../status.js";
import { readNumber } from "../store.js";
import { changedNumbers } from "../zone-source.js";

const [owner, other] = testKeys(0, 1);
const A = "+15551230001";
const B = "+15551230002";
/** Lapses with time alone: attestedUntil + attestationGrace (100 s) = T0 + 130, blocks 10 s apart. */
const LAPSING = "+15551230003";
const UNREGISTERED = "+15551239999";

const nameOf = (number: string) => `${[...number.slice(1)].reverse().join(".")}.e164.arpa`;
const VARIANTS: AskOptions[] = [{}, { edns: 1232 }, { tcp: true }, { tcp: true, edns: 4096 }];

async function startDns(t: ModuleTestChain) {
  const heads: ((height: number, change?: HeadChange) => void)[] = [];
  let port = 0;
  const enumService = allModules().find((m) => m.name === "enum");
  const service = (await enumService?.start?.({
    query: t.query("enum"),
    options: { dns: "127.0.0.1:0" },
    dev: false,
    log: {
      info(o) {
        port = (o as { port?: number }).port ?? port;
      },
      warn() {},
    },
    onHead: (listener) => heads.push(listener),
    metrics: { inc() {} },
  })) as ModuleService;
  const mine = async (...txs: Parameters<ModuleTestChain["mine"]>): Promise<Block> => {
    const block = await t.mine(...txs);
    for (const h of heads) h(t.height, { connected: [block], disconnected: [] });
    return block;
  };
  const query = (number: string, opts: AskOptions = {}) =>
    ask(port, nameOf(number), "NAPTR", { timeoutMs: 2000, ...opts });
  return { service, mine, query };
}

const regexps = (r: DnsResponse) =>
  r.answers.filter((a) => a.type === "NAPTR").map((a) => (a.data as NaptrAnswer["data"]).regexp);
const serialOf = (r: DnsResponse) => (r.authorities[0] as SoaAnswer | undefined)?.data?.serial;

test("a block that changes a number's records: the next query answers the new ones", async () => {
  const t = enumChain({
    numbers: [A, B, LAPSING].map((number, i) => ({
      number,
      owner: encodeAddress(owner.pub),
      verifier: encodeAddress(VERIFIER.pub),
      records: [SIP(`user${i}`)],
      attestedUntil: number === LAPSING ? T0 + 30 : T0 + 1_000_000,
    })),
  });
  const { service, mine, query } = await startDns(t);
  try {
    // Fill the cache at this head, in every transport/EDNS form.
    for (const opts of VARIANTS) {
      assert.deepEqual(regexps(await query(A, opts)), [SIP("user0").regexp]);
      assert.deepEqual(regexps(await query(B, opts)), [SIP("user1").regexp]);
      const nx = await query(UNREGISTERED, opts);
      assert.equal(nx.rcode, "NXDOMAIN");
      assert.equal(serialOf(nx), t.height);
    }
    for (let round = 1; round <= 3; round++) {
      await mine(t.call(owner, enumCalls.set({ number: A, records: [SIP(`round${round}`)] })));
      for (const opts of VARIANTS) {
        assert.deepEqual(
          regexps(await query(A, opts)),
          [SIP(`round${round}`).regexp],
          "never the cached records",
        );
        assert.deepEqual(
          regexps(await query(B, opts)),
          [SIP("user1").regexp],
          "an untouched number is unchanged",
        );
        const nx = await query(UNREGISTERED, opts);
        assert.equal(nx.rcode, "NXDOMAIN");
        assert.equal(nx.flag_aa, true);
        assert.equal(serialOf(nx), t.height, "the SOA serial of the current head, not the cached one");
        assert.equal(nx.authorities[0].name, "e164.arpa");
      }
    }

    // A number registered below a name that answered NXDOMAIN: the number and its prefix change.
    const prefix = UNREGISTERED.slice(0, -1);
    assert.equal((await query(prefix)).rcode, "NXDOMAIN");
    const salt = await commit(t, other, UNREGISTERED);
    await t.mineEmpty(TEST_PARAMS.commitMinAge);
    const attestation = attest(t, UNREGISTERED, other.pub);
    await mine(
      t.call(other, enumCalls.register({ number: UNREGISTERED, salt, records: [SIP("new")], attestation })),
    );
    for (const opts of VARIANTS) {
      assert.deepEqual(regexps(await query(UNREGISTERED, opts)), [SIP("new").regexp]);
      const ent = await query(prefix, opts);
      assert.equal(ent.rcode, "NOERROR", "now an empty non-terminal");
      assert.equal(ent.answers.length, 0);
    }

    // Time alone: LAPSING is served until its attestation grace runs out, and not one head longer.
    const served = () => {
      const entry = readNumber(t.state("enum"), LAPSING.slice(1));
      return entry !== undefined && numberStatus(entry, t.query("enum")) === "active";
    };
    let lapsedSeen = false;
    for (let i = 0; i < 20 && !lapsedSeen; i++) {
      for (const opts of VARIANTS) {
        const r = await query(LAPSING, opts);
        if (served()) assert.deepEqual(regexps(r), [SIP("user2").regexp], `served at height ${t.height}`);
        else {
          assert.equal(r.rcode, "NXDOMAIN", `lapsed at height ${t.height}`);
          lapsedSeen = true;
        }
      }
      await mine();
    }
    assert.ok(lapsedSeen, "the attestation lapsed within the blocks mined");
  } finally {
    await service.stop();
  }
});

test("changedNumbers: the numbers enum transactions name; all on a reorg, a verifier or a numbers change", () => {
  const body = (module: string, kind: string, payload: Uint8Array) => ({
    body: { module: new TextEncoder().encode(module), kind: new TextEncoder().encode(kind), payload },
  });
  const kinds = enumModule.kinds;
  const set = body("enum", "set", kinds.set.payload.serialize({ number: A, records: [SIP("x")] }));
  const renew = body("enum", "renew", kinds.renew.payload.serialize({ number: B }));
  const commitTx = body("enum", "commit", kinds.commit.payload.serialize({ hash: new Uint8Array(32) }));
  const transfer = body("coin", "transfer", new Uint8Array([1, 2, 3]));
  assert.deepEqual(
    changedNumbers({ connected: [{ txs: [set, commitTx, transfer] }, { txs: [renew] }], disconnected: [] }),
    new Set([A.slice(1), B.slice(1)]),
  );
  assert.equal(changedNumbers({ connected: [{ txs: [set] }], disconnected: [{}] }), "all");
  const revoke = body(
    "enum",
    "verifier-revoke",
    kinds["verifier-revoke"].payload.serialize({ verifier: new Uint8Array(32) }),
  );
  assert.equal(changedNumbers({ connected: [{ txs: [revoke] }], disconnected: [] }), "all");
  assert.equal(
    changedNumbers({ connected: [{ txs: [body("numbers", "claim", new Uint8Array())] }], disconnected: [] }),
    "all",
  );
});

test("neither enum nor numbers changes the zone at the end of a block (changedNumbers relies on it)", () => {
  assert.equal(enumModule.endBlock, undefined);
  assert.equal(numbersModule.endBlock, undefined);
});

test("the prefix filter is built from every page of the registered numbers", () => {
  const numbers = Array.from({ length: 10 }, (_, i) => `+1555123000${i}`);
  const t = enumChain({
    numbers: numbers.map((number) => ({
      number,
      owner: encodeAddress(owner.pub),
      verifier: encodeAddress(VERIFIER.pub),
      records: [SIP("x")],
      attestedUntil: T0 + 1_000_000,
    })),
  });
  const steps: (() => void)[] = [];
  const filter = new RegistryFilter(t.query("enum"), (step) => steps.push(step), 3);
  assert.ok(filter.mayHold("1555"), "not built yet: anything may exist");
  let turns = 0;
  for (let step = steps.shift(); step !== undefined; step = steps.shift()) {
    step();
    turns++;
  }
  assert.equal(turns, 8, "two passes (count, add) of four pages of at most three numbers");
  assert.ok(filter.ready);
  for (const number of numbers) assert.ok(filter.mayHold(number.slice(1)), number);
  assert.equal(filter.mayHold("1666"), false);
});
