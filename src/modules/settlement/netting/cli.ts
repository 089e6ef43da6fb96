/**
 * `telchain settlement collateral deposit|withdraw|show`, `settlement cycle show N` and
 * `settlement statement --carrier ID --cycle N`: human output, --json, or --csv for the
 * statements. Ids, cycles and amounts are checked as the chain and the routes check them
 * before anything is sent.
 */
import type { Command } from "commander";
import { uint64Argument } from "../../../cli/arguments.js";
import { globals, keyValues } from "../../../cli/output.js";
import { signedCommand } from "../../../cli/signed-command.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import { checkCall } from "../../../module/kind.js";
import { collateralCalls, collateralKinds } from "../kinds/collateral.js";
import { parseCarrier, parseCycle } from "./ids.js";
import type { CollateralView, CycleView, StatementView, SummaryView } from "./views.js";

const CSV_COLUMNS = [
  ["carrier", "carrier"],
  ["cycle", "cycle"],
  ["gross_receivable", "grossReceivable"],
  ["gross_payable", "grossPayable"],
  ["net", "net"],
  ["paid", "paid"],
  ["received", "received"],
  ["carried_receivable", "carriedReceivable"],
  ["carried_payable", "carriedPayable"],
  ["arrears_receivable", "arrearsReceivable"],
  ["arrears_payable", "arrearsPayable"],
  ["withheld_receivable", "withheldReceivable"],
  ["withheld_payable", "withheldPayable"],
  ["defaulted", "defaulted"],
  ["default_round", "defaultRound"],
  ["collateral_after", "collateralAfter"],
] as const;

/** Statements as CSV: a header line, then one line per statement (ids and numbers need no quoting). */
export const statementsCsv = (items: StatementView[]): string =>
  [
    CSV_COLUMNS.map(([h]) => h).join(","),
    ...items.map((s) => CSV_COLUMNS.map(([, k]) => String(s[k] ?? "")).join(",")),
  ].join("\n");

const signed = (n: string) => (n.startsWith("-") || n === "0" ? n : `+${n}`);
const status = (s: StatementView) =>
  s.defaulted
    ? `DEFAULTED in round ${s.defaultRound}: its amounts were carried to cycle ${s.cycle + 1}`
    : "settled";

export function formatStatement(s: StatementView): string {
  return keyValues([
    ["carrier", s.carrier],
    ["cycle", s.cycle],
    ["gross receivable", s.grossReceivable],
    ["gross payable", s.grossPayable],
    ["net", signed(s.net)],
    ["paid", s.paid],
    ["received", s.received],
    ["carried receivable", s.carriedReceivable],
    ["carried payable", s.carriedPayable],
    ["arrears receivable", s.arrearsReceivable],
    ["arrears payable", s.arrearsPayable],
    ["withheld receivable", s.withheldReceivable],
    ["withheld payable", s.withheldPayable],
    ["status", status(s)],
    ["collateral after", s.collateralAfter],
  ]);
}

const summaryRows = (s: SummaryView): [string, string | number][] => [
  ["gross volume", s.grossVolume],
  ["settled volume", s.settledVolume],
  ["carried volume", s.carriedVolume],
  ["net volume", s.netVolume],
  ["saving", s.saving],
  ["carriers", s.carriers],
  ["defaulters", s.defaulters],
  ["rounds", s.rounds],
];

/** The statements as an aligned table (one line per carrier). */
function table(items: StatementView[]): string {
  const head = [
    "carrier",
    "receivable",
    "payable",
    "net",
    "paid",
    "received",
    "carried",
    "withheld",
    "status",
  ];
  const rows = items.map((s) => [
    s.carrier,
    s.grossReceivable,
    s.grossPayable,
    signed(s.net),
    s.paid,
    s.received,
    (BigInt(s.carriedReceivable) + BigInt(s.carriedPayable)).toString(),
    (BigInt(s.withheldReceivable) + BigInt(s.withheldPayable)).toString(),
    s.defaulted ? `DEFAULTED (round ${s.defaultRound})` : "settled",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(head), ...rows.map(line)].join("\n");
}

export function formatCycle(v: CycleView): string {
  const head = keyValues([
    ["cycle", v.cycle],
    ["heights", `${v.startHeight}-${v.endHeight} (netted at ${v.endHeight})`],
    ...summaryRows(v.summary),
  ]);
  const items = v.statements.items;
  return [head, ...(items.length > 0 ? ["", table(items)] : [])].join("\n");
}

export function formatCollateral(v: CollateralView): string {
  return keyValues([
    ["carrier", v.carrier],
    ["balance", v.balance],
    ["open cycle", v.openCycle],
    ["needed", `${v.needed} (its net debit so far in cycle ${v.openCycle})`],
    ["withdrawable", v.withdrawable],
    ["arrears payable", v.arrearsPayable],
    ["arrears receivable", v.arrearsReceivable],
    ["withheld payable", v.withheldPayable],
    ["withheld receivable", v.withheldReceivable],
  ]);
}

/** How to print: --json, --csv (not both), or the human text. */
function outputOf(cmd: Command, opts: { csv?: boolean }): "json" | "csv" | "human" {
  const { json } = globals(cmd);
  if (json && opts.csv) throw new TelchainError("BAD_ARGUMENT", "give --json or --csv, not both");
  return json ? "json" : opts.csv ? "csv" : "human";
}

/** The settlement command, shared with the module's other parts (each adds its subcommands). */
export const settlementCommand = (program: Command): Command =>
  program.commands.find((c) => c.name() === "settlement") ??
  program.command("settlement").description("inter-carrier settlement: agreements, usage, disputes, netting");

export function nettingCli(program: Command, ctx: CliContext): void {
  const root = settlementCommand(program);
  const collateral = root
    .command("collateral")
    .description("a carrier's collateral: deposit, withdraw what no open cycle needs, show");
  const getCollateral = (api: string, carrier: string) =>
    ctx.get(api, `/v1/settlement/collateral/${carrier}`) as Promise<CollateralView>;

  for (const [kind, verb, description] of [
    [
      "collateral-deposit",
      "deposit",
      "as an operator of the carrier, move coins from your account into its collateral",
    ],
    [
      "collateral-withdraw",
      "withdraw",
      "as an operator of the carrier, take what no open cycle needs into your account",
    ],
  ] as const) {
    signedCommand(collateral, ctx, {
      name: verb,
      description,
      options: (c) =>
        c
          .requiredOption("--carrier <id>", "the carrier")
          .requiredOption("--amount <units>", "base units, 1 to 2^64 − 1"),
      build: (_args, o) => {
        const carrier = parseCarrier(String(o.carrier));
        const amount = uint64Argument(String(o.amount), "--amount", {
          min: 1n,
          code: "SETTLEMENT_BAD_AMOUNT",
        });
        return checkCall(collateralKinds, collateralCalls[kind]({ carrier, amount }));
      },
      async show(r, _args, o) {
        const carrier = String(o.carrier);
        const view = r.status === "included" ? await getCollateral(r.api, carrier) : undefined;
        return {
          json: { carrier, amount: String(o.amount), collateral: view ?? null },
          human: view ? formatCollateral(view) : `${verb} of ${o.amount} for ${carrier} submitted`,
        };
      },
    });
  }

  collateral
    .command("show <carrier>")
    .description("balance, what the open cycle needs, withdrawable, arrears and withheld amounts")
    .action(async (raw: string, _o, cmd: Command) => {
      const g = globals(cmd);
      const v = await getCollateral(g.api, parseCarrier(raw));
      ctx.print(g.json, v, () => formatCollateral(v));
    });

  root
    .command("cycle")
    .description("netted cycles")
    .command("show <cycle>")
    .description("a netted cycle: its summary and every carrier's statement")
    .option("--csv", "the statements as CSV")
    .action(async (raw: string, o: { csv?: boolean }, cmd: Command) => {
      const out = outputOf(cmd, o);
      const { api } = globals(cmd);
      const cycle = parseCycle(raw);
      const path = `/v1/settlement/cycles/${cycle}?limit=100`;
      const v = (await ctx.get(api, path)) as CycleView;
      // every page of statements (a cycle holds at most 20,000 carriers)
      for (let next = v.statements.next; next !== null; ) {
        const page = (await ctx.get(api, `${path}&cursor=${next}`)) as CycleView;
        v.statements.items.push(...page.statements.items);
        next = page.statements.next;
      }
      v.statements.next = null;
      if (out === "csv") {
        const csv = statementsCsv(v.statements.items);
        ctx.print(false, csv, () => csv);
      } else ctx.print(out === "json", v, () => formatCycle(v));
    });

  root
    .command("statement")
    .description("a carrier's statement of a netted cycle")
    .requiredOption("--carrier <id>", "the carrier")
    .requiredOption("--cycle <n>", "the cycle")
    .option("--csv", "as CSV (a header and one line)")
    .action(async (o: { carrier: string; cycle: string; csv?: boolean }, cmd: Command) => {
      const out = outputOf(cmd, o);
      const { api } = globals(cmd);
      const carrier = parseCarrier(o.carrier);
      const cycle = parseCycle(o.cycle);
      const s = (await ctx.get(api, `/v1/settlement/statements/${carrier}/${cycle}`)) as StatementView;
      if (out === "csv") {
        const csv = statementsCsv([s]);
        ctx.print(false, csv, () => csv);
      } else ctx.print(out === "json", s, () => formatStatement(s));
    });
}
