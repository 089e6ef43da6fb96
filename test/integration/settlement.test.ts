/**
 * The settlement flow as a new user runs it: a real `--dev` node (2 s blocks, a netting
 * cycle every 30 blocks) and the real CLI as subprocesses, with the deck and usage CSV files of
 * test/fixtures/settlement (whose README has the hand-computed figures). Four carriers register;
 * three agreements are made from the deck file; both sides of each commit their usage file (one
 * pair inside the 1 % tolerance, one outside); the disputed pair is resolved by the buyer's
 * concession; two carriers deposit collateral; and the cycle's statement shows the net
 * positions of the hand-computed table.
 */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { utcText } from "../../src/modules/settlement/rating/record.js";
import { runCli } from "../../src/testing/dev-cli.js";
import { repoRoot } from "../../src/testing/fixtures.js";
import { NodeProcess } from "../../src/testing/node-process.js";
import { waitUntil } from "../../src/testing/wait.js";

const dir = mkdtempSync(join(tmpdir(), "telchain-settlement-flow-"));
const fixtures = join(repoRoot(), "test", "fixtures", "settlement");
const CYCLE_BLOCKS = 30; // the dev chain's settlement section (params.ts devSettlementGenesis)
/** Period 0 of every agreement ended ten minutes ago: both sides may commit it (deadline 1 day). */
const ANCHOR = Math.floor(Date.now() / 1000) - 600;
let node: NodeProcess | undefined;
let env: Record<string, string | undefined> = {};

after(async () => {
  await node?.kill();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(args, env);
/** Runs a command with --json and returns its JSON (failing the test with its stderr otherwise). */
async function json(...args: string[]): Promise<Record<string, unknown>> {
  const r = await cli(...args, "--json");
  assert.equal(r.code, 0, `telchain ${args.join(" ")}\n${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}
const height = async () => Number((await json("status")).height);
const waitFor = (what: string, cond: () => Promise<boolean>, timeoutMs = 150_000) =>
  waitUntil(what, cond, { timeoutMs, pollMs: 500 });

/** A fixture usage file with its START placeholders set to a time inside period 0. */
function usage(name: string): string {
  const path = join(dir, name);
  writeFileSync(path, readFileSync(join(fixtures, name), "utf8").replaceAll("START", utcText(ANCHOR + 5)));
  return path;
}

const CARRIERS = [
  ["AAA", "dev4"],
  ["BBB", "dev5"],
  ["CCC", "dev6"],
  ["DDD", "dev7"],
] as const;
const wallet = (id: string) => CARRIERS.find(([c]) => c === id)?.[1] as string;

test("four carriers: agreements from a deck file, usage committed on both sides, a dispute resolved, a netted cycle", async (t) => {
  node = await NodeProcess.start(["--dev", "--datadir", join(dir, "data")], {
    TELCHAIN_HOME: join(dir, "home"),
  });
  assert.ok(await node.ready(), `node did not start:\n${node.output}`);
  const { TELCHAIN_API: _ignored, ...inherited } = process.env;
  env = { ...inherited, TELCHAIN_HOME: join(dir, "home"), TELCHAIN_API: node.url };
  const deck = join(fixtures, "deck.csv");

  // Four carriers, each registered by its own dev key (in parallel: different senders).
  await Promise.all(
    CARRIERS.map(([id, from]) =>
      json("carrier", "register", "--id", id, "--name", `Carrier ${id}`, "--from", from),
    ),
  );

  // Three agreements, each proposed by the seller from the deck file and accepted by the buyer.
  const agree = async (seller: string, buyer: string) => {
    const proposed = await json(
      "settlement",
      "agreement",
      "propose",
      "--seller",
      seller,
      "--buyer",
      buyer,
      "--deck",
      deck,
      "--period-seconds",
      "60",
      "--anchor",
      String(ANCHOR),
      "--tolerance-bps",
      "100",
      "--from",
      wallet(seller),
    );
    const id = String((proposed.agreement as { id: number }).id);
    const accepted = await json(
      "settlement",
      "agreement",
      "accept",
      id,
      "--deck",
      deck,
      "--from",
      wallet(buyer),
    );
    assert.equal((accepted.agreement as { status: string }).status, "active");
    return id;
  };
  const ab = await agree("AAA", "BBB");
  const cd = await agree("CCC", "DDD");
  const da = await agree("DDD", "AAA");

  // Collateral of the two net debtors (the table: BBB owes 3883, DDD 3278 net).
  await Promise.all([
    json("settlement", "collateral", "deposit", "--carrier", "BBB", "--amount", "5000", "--from", "dev5"),
    json("settlement", "collateral", "deposit", "--carrier", "DDD", "--amount", "5000", "--from", "dev7"),
  ]);

  // Everything that makes an obligation lands in one cycle: start right after a cycle begins.
  await waitFor("the start of a cycle", async () => (await height()) % CYCLE_BLOCKS <= 2);
  const commit = (agreement: string, file: string, carrier: string) =>
    json(
      "settlement",
      "usage",
      "commit",
      "--agreement",
      agreement,
      "--period",
      "0",
      "--deck",
      deck,
      "--records",
      usage(file),
      "--from",
      wallet(carrier),
    );
  // Different senders in parallel; each pair's second commitment settles (or disputes) it.
  const committed = await Promise.all([
    commit(ab, "ab-seller.csv", "AAA"),
    commit(ab, "ab-buyer.csv", "BBB"),
    commit(cd, "cd-seller.csv", "CCC"),
    commit(cd, "cd-buyer.csv", "DDD"),
  ]);
  committed.push(...(await Promise.all([commit(da, "da.csv", "DDD"), commit(da, "da.csv", "AAA")])));
  const firstHeight = Math.min(...committed.map((c) => Number(c.height)));
  // each side's total, as the fixtures' README computes it
  const charges = async (agreement: string) => {
    const p = (await json(
      "settlement",
      "usage",
      "show",
      "--agreement",
      agreement,
      "--period",
      "0",
    )) as Record<string, { charge: string } | null>;
    return [p.seller?.charge ?? null, p.buyer?.charge ?? null];
  };
  assert.deepEqual(await charges(ab), ["3883", "3863"], "AB: seller 3883, buyer 3863");
  assert.deepEqual(await charges(cd), ["3883", "1835"], "CD: seller 3883, buyer 1835");
  assert.deepEqual(await charges(da), ["605", "605"], "DA: 605 on both sides");

  const dispute = await json("settlement", "dispute", "show", "--agreement", cd, "--period", "0");
  t.diagnostic(`CD dispute: ${JSON.stringify(dispute)}`);
  assert.equal(dispute.status, "open");
  const none = await cli("settlement", "dispute", "show", "--agreement", ab, "--period", "0", "--json");
  assert.notEqual(none.code, 0, "AB is inside the tolerance: no dispute");

  // The buyer concedes: the seller's figure (3883) stands.
  const conceded = await json(
    "settlement",
    "dispute",
    "concede",
    "--agreement",
    cd,
    "--period",
    "0",
    "--from",
    "dev7",
  );
  const resolvedAt = Number((conceded as { height?: number }).height);
  // Normally all in one cycle (we started at a cycle's start); on a slow machine the amounts may
  // straddle two cycles: then each carrier's figures are the sums over them (nobody defaults).
  const [from, cycle] = [Math.floor(firstHeight / CYCLE_BLOCKS), Math.floor(resolvedAt / CYCLE_BLOCKS)];
  t.diagnostic(`committed from height ${firstHeight}, resolved at ${resolvedAt}: cycles ${from}..${cycle}`);

  // A cycle is netted at its last block.
  await waitFor(`cycle ${cycle} netted`, async () => (await height()) >= (cycle + 1) * CYCLE_BLOCKS);
  const sums = new Map<string, bigint[]>();
  let gross = 0n;
  const views: Record<string, unknown>[] = [];
  for (let c = from; c <= cycle; c++) {
    const view = await json("settlement", "cycle", "show", String(c));
    views.push(view);
    gross += BigInt((view.summary as { grossVolume: string }).grossVolume);
    for (const st of (view.statements as { items: Record<string, string>[] }).items) {
      const row = [st.grossReceivable, st.grossPayable, st.net, st.paid, st.received].map(BigInt);
      const sum = sums.get(st.carrier) ?? [0n, 0n, 0n, 0n, 0n];
      sums.set(
        st.carrier,
        sum.map((v, i) => v + (row[i] as bigint)),
      );
    }
  }
  const table = [...sums].sort().map(([carrier, v]) => [carrier, ...v.map(String)]);
  assert.deepEqual(table, [
    ["AAA", "3883", "605", "3278", "0", "3278"],
    ["BBB", "0", "3883", "-3883", "3883", "0"],
    ["CCC", "3883", "0", "3883", "0", "3883"],
    ["DDD", "605", "3883", "-3278", "3278", "0"],
  ]);
  assert.equal(gross, 8371n);
  if (views.length === 1) {
    const summary = views[0]?.summary as Record<string, unknown>;
    assert.equal(summary.netVolume, "7161");
    assert.equal(summary.defaulters, 0);
  }

  // One carrier's statement, as CSV and human text.
  const csv = await cli("settlement", "statement", "--carrier", "DDD", "--cycle", String(cycle), "--csv");
  assert.equal(csv.code, 0, csv.stderr);
  assert.match(csv.stdout, /^carrier,/);
  assert.match(csv.stdout, /\nDDD,/);
  const human = await cli("settlement", "statement", "--carrier", "CCC", "--cycle", String(cycle));
  assert.equal(human.code, 0, human.stderr);
  assert.match(human.stdout, /CCC/);
  const collateral = await json("settlement", "collateral", "show", "BBB");
  assert.equal(collateral.balance, String(5000 - 3883));
});
