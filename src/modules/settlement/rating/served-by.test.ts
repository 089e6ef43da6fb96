/**
 * The served-by check against a real chain served by the real API: a number claimed and
 * confirmed with AAA, then ported to BBB; records before the claim, while AAA served, during the
 * pending port and after the port are flagged or not for each seller; a claimed but unconfirmed
 * number and an unknown number are never flagged; each number and each height is asked once.
 * Then the same through `telchain settlement usage rate --seller --api` as a subprocess.
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { createApiServer } from "../../../api/server.js";
import { Mempool } from "../../../mempool/mempool.js";
import { calls, type ModuleCall } from "../../../module/kind.js";
import { NodeService } from "../../../node/service.js";
import { testGenesis, testKey } from "../../../testing/chain-harness.js";
import { repoRoot } from "../../../testing/fixtures.js";
import { ModuleTestChain } from "../../../testing/module-chain.js";
import { cliPath } from "../../../testing/node-process.js";
import { carriersModule } from "../../carriers/index.js";
import { numbersModule } from "../../numbers/index.js";
import { DECK_HEADER, parseDeck } from "./deck.js";
import { rateUsage } from "./rate-file.js";
import { utcText } from "./record.js";
import { RECORDS_HEADER } from "./records.js";
import { apiRegistry, type RegistrySource, ServedByCheck, servedAt } from "./served-by.js";

const [opA, opB, sub] = [testKey(0), testKey(1), testKey(2)];
const N = "+15551230000"; // AAA, then ported to BBB
const M = "+15551230001"; // claimed with AAA, never confirmed
const X = "+15551239999"; // unknown to the registry
const carriers = calls("carriers", carriersModule.kinds) as Record<string, (p: unknown) => ModuleCall>;
const numbers = calls("numbers", numbersModule.kinds) as Record<string, (p: unknown) => ModuleCall>;

const dir = mkdtempSync(join(tmpdir(), "telchain-served-by-"));
const base = testGenesis();
const t = ModuleTestChain.create({
  genesis: {
    ...base,
    alloc: [opA, opB, sub].map((k) => ({ address: k.pub, balance: 1_000_000n })),
    modules: {
      ...base.modules,
      numbers: { params: { claimDeposit: "50000", portFee: "2000", confirmDeadline: 5, portDeadline: 4 } },
    },
  },
});
let app: FastifyInstance | undefined;
let api = "";
/** Block times: claimed, confirmed, port asked, port accepted. */
const at = { claimed: 0, confirmed: 0, portAsked: 0, ported: 0 };

before(async () => {
  const register = (id: string, routingPrefixes: string[]) =>
    carriers.register({ id, name: `Carrier ${id}`, routingPrefixes, sipIngress: [] });
  await t.mine(t.call(opA, register("AAA", ["1555000"])), t.call(opB, register("BBB", ["1666"])));
  at.claimed = (
    await t.mine(
      t.call(sub, numbers.claim({ number: N, carrier: "AAA" })),
      t.call(sub, numbers.claim({ number: M, carrier: "AAA" })),
    )
  ).header.timestamp;
  at.confirmed = (
    await t.mine(t.call(opA, numbers.confirm({ number: N, routingNumber: "" })))
  ).header.timestamp;
  at.portAsked = (await t.mine(t.call(sub, numbers.port({ number: N, toCarrier: "BBB" })))).header.timestamp;
  at.ported = (
    await t.mine(t.call(opB, numbers["accept-port"]({ number: N, routingNumber: "" })))
  ).header.timestamp;
  const limits = { maxTxs: 100, maxBytes: 1 << 20, maxPerSender: 10, replaceBumpPercent: 10 };
  app = await createApiServer(new NodeService(t.c.chain, new Mempool(limits)));
  api = await app.listen({ host: "127.0.0.1", port: 0 });
});
after(async () => {
  await app?.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

const DECK = parseDeck(new TextEncoder().encode(`${DECK_HEADER}\nvoice,,60,1,1,0\n`)).deck;
assert.ok(DECK);

/** [id, called, start] of each record; written as a usage file. */
function usageFile(): { path: string; rows: [string, string, number][] } {
  const rows: [string, string, number][] = [
    ["before-claim", N, at.claimed - 1],
    ["at-confirm", N, at.confirmed],
    ["port-pending", N, at.portAsked],
    ["just-before-port", N, at.ported - 1],
    ["after-port", N, at.ported],
    ["unconfirmed", M, at.ported + 5],
    ["unknown", X, at.ported + 5],
    ["after-port-2", N, at.ported + 100],
  ];
  const path = join(dir, "usage.csv");
  const lines = rows.map(([id, called, start]) => `${id},voice,${utcText(start)},60,+442079460000,${called}`);
  writeFileSync(path, `${RECORDS_HEADER}\n${lines.join("\n")}\n`);
  return { path, rows };
}

/** The API source, counting what it is asked. */
function counted(source: RegistrySource) {
  const asked = { numbers: [] as string[], heights: [] as number[] };
  const wrapped: RegistrySource = {
    number: (d) => {
      asked.numbers.push(d);
      return source.number(d);
    },
    blockTime: (h) => {
      asked.heights.push(h);
      return source.blockTime(h);
    },
  };
  return { asked, wrapped };
}

async function flagged(seller: string) {
  const { path } = usageFile();
  const { asked, wrapped } = counted(apiRegistry(api));
  const check = new ServedByCheck(wrapped, seller);
  await rateUsage(DECK, path, { onRecord: (r) => check.check(r).then(() => undefined) });
  return { check, asked, ids: check.flags.map((f) => `${f.recordId}:${f.servedBy}`) };
}

test("servedAt: the last span starting at or before t; unknown before the first", () => {
  const spans = [
    { from: 100, carrier: null },
    { from: 110, carrier: "AAA" },
    { from: 130, carrier: "BBB" },
  ];
  assert.equal(servedAt(spans, 99), undefined);
  assert.equal(servedAt(spans, 100), null);
  assert.equal(servedAt(spans, 110), "AAA");
  assert.equal(servedAt(spans, 129), "AAA");
  assert.equal(servedAt(spans, 130), "BBB");
  assert.equal(servedAt([], 130), undefined);
});

test("seller AAA: only the records after the port to BBB are flagged; each number and height asked once", async () => {
  const { check, asked, ids } = await flagged("AAA");
  assert.deepEqual(ids, ["after-port:BBB", "after-port-2:BBB"]);
  assert.deepEqual(asked.numbers, ["15551230000", "15551230001", "15551239999"]);
  assert.equal(new Set(asked.heights).size, asked.heights.length, "each height once");
  assert.equal(check.numbersChecked, 3);
  assert.equal(check.unknownNumbers, 1);
  assert.equal(check.flags[0].line, 6);
  assert.equal(check.flags[0].called, N);
});

test("seller BBB: the records while AAA served are flagged, not those before the claim", async () => {
  const { ids } = await flagged("BBB");
  assert.deepEqual(ids, ["at-confirm:AAA", "port-pending:AAA", "just-before-port:AAA"]);
});

test("the CLI: usage rate --seller AAA --api URL --json lists the flags", async () => {
  const { path } = usageFile();
  const deck = join(dir, "deck.csv");
  writeFileSync(deck, `${DECK_HEADER}\nvoice,,60,1,1,0\n`);
  const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
    execFile(
      process.execPath,
      [
        cliPath(),
        "settlement",
        "usage",
        "rate",
        "--deck",
        deck,
        "--records",
        path,
        "--seller",
        "AAA",
        "--api",
        api,
        "--json",
      ],
      { cwd: repoRoot() },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
  assert.equal(run.code, 0, run.stderr);
  const out = JSON.parse(run.stdout) as {
    servedBy: {
      seller: string;
      numbersChecked: number;
      unknownNumbers: number;
      flags: { recordId: string; servedBy: string; start: string }[];
    };
  };
  assert.equal(out.servedBy.seller, "AAA");
  assert.equal(out.servedBy.numbersChecked, 3);
  assert.equal(out.servedBy.unknownNumbers, 1);
  assert.deepEqual(
    out.servedBy.flags.map((f) => [f.recordId, f.servedBy, f.start]),
    [
      ["after-port", "BBB", utcText(at.ported)],
      ["after-port-2", "BBB", utcText(at.ported + 100)],
    ],
  );
});
