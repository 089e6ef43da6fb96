/**
 * The netting routes and CLI over a real chain: the docs' example cycle (AAA defaults) read
 * through GET /v1/settlement/... and through `telchain settlement ...` (human, --json, --csv),
 * whose GETs are answered by the same routes; every refusal by its code.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import type { ModuleTestChain } from "../../../testing/module-chain.js";
import { runCliOverRoutes } from "../../../testing/module-cli.js";
import { assertRouteRefusals, routesUnderTest } from "../../../testing/routes-app.js";
import { settlementModule } from "../index.js";
import {
  depositAll,
  EXAMPLE,
  EXAMPLE_COLLATERAL,
  mineTo,
  nettingChain,
  nettingHeight,
  obligeAll,
  sc,
  settlementUnderTest,
} from "./fixtures.test.js";
import type { CollateralView, CycleView, StatementView } from "./views.js";

let t: ModuleTestChain;
const api = routesUnderTest(
  settlementUnderTest,
  { query: (m: string) => t.query(m) } as ModuleTestChain,
  async () => {
    t = await nettingChain();
    await depositAll(t, EXAMPLE_COLLATERAL);
    await obligeAll(t, EXAMPLE);
    await mineTo(t, nettingHeight(0));
  },
);
after(() => t.close());

const get = api.get;

test("GET a netted cycle: summary and statements in carrier order, paged", async () => {
  const { status, body } = await get("/v1/settlement/cycles/0");
  assert.equal(status, 200);
  const v = body as CycleView;
  assert.deepEqual(
    { cycle: v.cycle, startHeight: v.startHeight, endHeight: v.endHeight },
    { cycle: 0, startHeight: 0, endHeight: 4 },
  );
  assert.deepEqual(v.summary, {
    grossVolume: "1500",
    settledVolume: "700",
    carriedVolume: "800",
    netVolume: "150",
    saving: "550",
    carriers: 4,
    defaulters: 1,
    rounds: 2,
  });
  assert.deepEqual(
    v.statements.items.map((s) => [s.carrier, s.net, s.paid, s.received, s.defaulted]),
    [
      ["AAA", "-400", "0", "0", true],
      ["BBB", "450", "50", "0", false],
      ["CCC", "-50", "0", "150", false],
      ["DDD", "0", "100", "0", false],
    ],
  );
  assert.equal(v.statements.next, null);
  const p1 = (await get("/v1/settlement/cycles/0?limit=3")).body as CycleView;
  assert.deepEqual(
    p1.statements.items.map((s) => s.carrier),
    ["AAA", "BBB", "CCC"],
  );
  const p2 = (await get(`/v1/settlement/cycles/0?limit=3&cursor=${p1.statements.next}`)).body as CycleView;
  assert.deepEqual(
    p2.statements.items.map((s) => s.carrier),
    ["DDD"],
  );
  assert.equal(p2.statements.next, null);
});

test("GET a statement and a collateral", async () => {
  const s = await get("/v1/settlement/statements/AAA/0");
  assert.equal(s.status, 200);
  assert.deepEqual(s.body as StatementView, {
    carrier: "AAA",
    cycle: 0,
    grossReceivable: "200",
    grossPayable: "600",
    net: "-400",
    paid: "0",
    received: "0",
    carriedReceivable: "200",
    carriedPayable: "600",
    arrearsReceivable: "0",
    arrearsPayable: "0",
    withheldReceivable: "0",
    withheldPayable: "0",
    defaulted: true,
    defaultRound: 1,
    collateralAfter: "300",
  });
  const c = await get("/v1/settlement/collateral/AAA");
  assert.deepEqual(c.body as CollateralView, {
    carrier: "AAA",
    balance: "300",
    openCycle: 1,
    needed: "400",
    withdrawable: "0",
    arrearsPayable: "600",
    arrearsReceivable: "200",
    withheldPayable: "0",
    withheldReceivable: "0",
  });
  const bbb = (await get("/v1/settlement/collateral/BBB")).body as CollateralView;
  assert.deepEqual(
    [bbb.balance, bbb.needed, bbb.withdrawable, bbb.arrearsReceivable],
    ["10", "0", "10", "500"],
  );
});

test("route refusals: bad ids, an open cycle, no statement, an unknown carrier; arrears carried again", async () => {
  const cases: [string, number, string][] = [
    ["/v1/settlement/cycles/x", 400, "SETTLEMENT_BAD_CYCLE"],
    ["/v1/settlement/cycles/-1", 400, "SETTLEMENT_BAD_CYCLE"],
    ["/v1/settlement/cycles/1234567890123456", 400, "SETTLEMENT_BAD_CYCLE"],
    ["/v1/settlement/cycles/1", 404, "SETTLEMENT_CYCLE_OPEN"],
    ["/v1/settlement/cycles/0?cursor=zz", 400, "BAD_CURSOR"],
    ["/v1/settlement/statements/aa/0", 400, "SETTLEMENT_BAD_CARRIER"],
    ["/v1/settlement/statements/AAA/1", 404, "SETTLEMENT_CYCLE_OPEN"],
    ["/v1/settlement/statements/EEE/0", 404, "SETTLEMENT_NO_STATEMENT"],
    ["/v1/settlement/collateral/ZZZ", 404, "NOT_FOUND"],
    ["/v1/settlement/collateral/a-b", 400, "SETTLEMENT_BAD_CARRIER"],
  ];
  await assertRouteRefusals(get, cases);
  // nobody deposits: AAA defaults again in cycles 1 and 2, its amounts carried cycle after cycle
  await mineTo(t, nettingHeight(2));
  const two = (await get("/v1/settlement/cycles/2")).body as CycleView;
  assert.deepEqual([two.summary.defaulters, two.summary.carriedVolume, two.summary.rounds], [1, "800", 2]);
  const aaa = (await get("/v1/settlement/statements/AAA/2")).body as StatementView;
  assert.deepEqual([aaa.arrearsPayable, aaa.carriedPayable, aaa.defaultRound], ["600", "600", 1]);
  // BBB, CCC and DDD had only AAA's pairs left: nothing moved
  const ccc = (await get("/v1/settlement/statements/CCC/2")).body as StatementView;
  assert.deepEqual([ccc.grossPayable, ccc.paid, ccc.received, ccc.defaulted], ["200", "0", "0", false]);
});

/** Runs `telchain settlement ...` in process; its GETs are answered by the routes under test. */
const cli = (...args: string[]) => runCliOverRoutes(settlementModule, args, get);

test("CLI: collateral deposit and withdraw build the kinds' calls, checked before anything is sent", async () => {
  const d = await cli(
    "settlement",
    "collateral",
    "deposit",
    "--carrier",
    "AAA",
    "--amount",
    "250",
    "--from",
    "dev1",
  );
  assert.deepEqual(d.sent, [sc.deposit("AAA", 250n)]);
  const w = await cli(
    "settlement",
    "collateral",
    "withdraw",
    "--carrier",
    "BBB",
    "--amount",
    "10",
    "--from",
    "dev1",
  );
  assert.deepEqual(w.sent, [sc.withdraw("BBB", 10n)]);
  const refused: [string[], string][] = [
    [["--carrier", "AAA", "--amount", "0"], "SETTLEMENT_BAD_AMOUNT"],
    [["--carrier", "AAA", "--amount", "18446744073709551616"], "SETTLEMENT_BAD_AMOUNT"],
    [["--carrier", "AAA", "--amount", "1.5"], "SETTLEMENT_BAD_AMOUNT"],
    [["--carrier", "aaa", "--amount", "1"], "SETTLEMENT_BAD_CARRIER"],
  ];
  for (const [opts, code] of refused)
    await assert.rejects(cli("settlement", "collateral", "deposit", ...opts, "--from", "dev1"), { code });
});

test("CLI: collateral show, cycle show and statement — human, --json and --csv", async () => {
  const coll = await cli("settlement", "collateral", "show", "AAA");
  assert.match(coll.printed[0].text, /^carrier\s+AAA$/m);
  assert.match(coll.printed[0].text, /^withdrawable\s+0$/m);
  assert.match(coll.printed[0].text, /^arrears payable\s+600$/m);

  const human = (await cli("settlement", "cycle", "show", "0")).printed[0].text;
  assert.match(human, /^net volume\s+150$/m);
  assert.match(human, /^rounds\s+2$/m);
  assert.match(human, /^AAA\s+200\s+600\s+-400\s+0\s+0\s+800\s+0\s+DEFAULTED \(round 1\)$/m);
  assert.match(human, /^CCC\s+300\s+350\s+-50\s+0\s+150\s+200\s+0\s+settled$/m);

  const json = (await cli("--json", "settlement", "cycle", "show", "0")).printed[0];
  assert.equal(json.json, true);
  assert.equal((json.value as CycleView).statements.items.length, 4);

  const csv = (await cli("settlement", "cycle", "show", "0", "--csv")).printed[0].text.split("\n");
  assert.equal(
    csv[0],
    "carrier,cycle,gross_receivable,gross_payable,net,paid,received,carried_receivable,carried_payable," +
      "arrears_receivable,arrears_payable,withheld_receivable,withheld_payable,defaulted,default_round,collateral_after",
  );
  assert.deepEqual(csv.slice(1), [
    "AAA,0,200,600,-400,0,0,200,600,0,0,0,0,true,1,300",
    "BBB,0,750,300,450,50,0,500,0,0,0,0,0,false,,10",
    "CCC,0,300,350,-50,0,150,0,200,0,0,0,0,false,,250",
    "DDD,0,250,250,0,100,0,100,0,0,0,0,0,false,,100",
  ]);

  const st = (await cli("settlement", "statement", "--carrier", "BBB", "--cycle", "0")).printed[0].text;
  assert.match(st, /^net\s+\+450$/m);
  assert.match(st, /^paid\s+50$/m);
  assert.match(st, /^status\s+settled$/m);
  const stCsv = (await cli("settlement", "statement", "--carrier", "BBB", "--cycle", "0", "--csv"))
    .printed[0];
  assert.equal(stCsv.text.split("\n")[1], "BBB,0,750,300,450,50,0,500,0,0,0,0,0,false,,10");
  const stJson = (await cli("--json", "settlement", "statement", "--carrier", "AAA", "--cycle", "0"))
    .printed[0];
  assert.equal((stJson.value as StatementView).defaultRound, 1);

  await assert.rejects(cli("settlement", "cycle", "show", "x"), { code: "SETTLEMENT_BAD_CYCLE" });
  await assert.rejects(cli("settlement", "statement", "--carrier", "EEE", "--cycle", "0"), {
    code: "SETTLEMENT_NO_STATEMENT",
  });
  await assert.rejects(cli("--json", "settlement", "cycle", "show", "0", "--csv"), { code: "BAD_ARGUMENT" });
  await assert.rejects(cli("settlement", "cycle", "show", "99"), { code: "SETTLEMENT_CYCLE_OPEN" });
});
