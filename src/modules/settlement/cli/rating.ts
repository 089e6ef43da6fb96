/**
 * The offline rating tools, under `telchain settlement` (no node needed, except for the
 * served-by check of `usage rate --seller`):
 *
 *   deck hash FILE                 the SHA-256 an agreement names (refused for a deck with errors)
 *   deck check FILE                every error with its line; exit 1 when there is one
 *   usage rate --deck F --records F [--period-seconds S --anchor UTC] [--seller ID] [--out F]
 *   usage prove --records F --record-id ID [--deck F] [--period-seconds S --anchor UTC]
 *   usage compare MINE THEIRS --deck F
 *
 * Each prints clear text, or exactly one JSON object with --json. Large files show a progress
 * bar on stderr when it is a terminal.
 */
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Command } from "commander";
import { toHex } from "../../../bytes.js";
import { uint64Argument } from "../../../cli/arguments.js";
import { globals, keyValues, print } from "../../../cli/output.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import { type PeriodCommitment, type PeriodOptions, totalsOf } from "../rating/commitment.js";
import { CLASSES, type CompareResult, compareUsage, type SideRecord } from "../rating/compare.js";
import { checkDeckFile, type DeckCheck, errorLines, loadDeck } from "../rating/deck.js";
import { type RatedRecord, rateUsage } from "../rating/rate-file.js";
import { canonicalLine, SERVICES, type Service, type UsageRecord, utcText } from "../rating/record.js";
import { parseUtc, type RecordReject } from "../rating/records.js";
import { apiRegistry, ServedByCheck } from "../rating/served-by.js";
import { fileProgress } from "./progress.js";

/** Most rejects, differences and flags listed in the human output (--json lists all). */
const SHOWN = 50;
const CARRIER = /^[A-Z0-9]{3,8}$/;
const UNITS: Record<Service, string> = { voice: "s", sms: "messages", data: "KB" };

/** `parent`'s subcommand `name`, made when missing (the settlement parts each add theirs). */
export function subcommand(parent: Command, name: string, description: string): Command {
  return parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(description);
}

/** `telchain settlement`, shared by the three parts of the module. */
export const settlementCommand = (program: Command): Command =>
  subcommand(
    program,
    "settlement",
    "inter-carrier settlement: rate decks, usage files, agreements, commitments, disputes, netting",
  );

const group = (n: number) => n.toLocaleString("en-US");
const amount = (n: bigint) => BigInt(n).toLocaleString("en-US");

/** --period-seconds and --anchor: both or neither. */
export function periodOptions(o: { periodSeconds?: string; anchor?: string }): PeriodOptions | undefined {
  if (o.periodSeconds === undefined && o.anchor === undefined) return undefined;
  if (o.periodSeconds === undefined || o.anchor === undefined)
    throw new TelchainError(
      "SETTLEMENT_BAD_PERIOD",
      "--period-seconds and --anchor go together: the period length and the UTC time period 0 starts",
    );
  const periodSeconds = Number(
    uint64Argument(o.periodSeconds, "--period-seconds", {
      min: 1n,
      max: BigInt(Number.MAX_SAFE_INTEGER),
      code: "SETTLEMENT_BAD_PERIOD",
      unit: "seconds",
    }),
  );
  const anchor = parseUtc(o.anchor, "--anchor");
  if (typeof anchor === "string") throw new TelchainError("SETTLEMENT_BAD_PERIOD", anchor);
  return { periodSeconds, anchor };
}

const periodOpts = (c: Command) =>
  c
    .option("--period-seconds <s>", "period length in seconds (with --anchor): totals and roots per period")
    .option("--anchor <utc>", "start of period 0, e.g. 2025-01-01T00:00:00Z");

// ---- JSON and text forms ----

const quantities = (q: Record<Service, bigint>) => Object.fromEntries(SERVICES.map((s) => [s, q[s]]));
/** "voice 61 s, sms 2 messages, data 0 KB"; compact: the services with a quantity only ("-" for none). */
const quantityText = (q: Record<Service, bigint>, compact = false) =>
  SERVICES.filter((s) => !compact || q[s] > 0n)
    .map((s) => `${s} ${amount(q[s])} ${UNITS[s]}`)
    .join(", ") || "-";

const periodJson = (c: PeriodCommitment) => ({
  period: c.period,
  ...(c.start !== undefined ? { start: utcText(c.start), end: utcText(c.end as number) } : {}),
  root: toHex(c.root),
  count: c.count,
  quantity: quantities(c.quantity),
  charge: c.charge,
});

function periodText(c: PeriodCommitment): string {
  const title =
    c.period === null
      ? "all records"
      : `period ${c.period}${c.start !== undefined ? `  ${utcText(c.start)} .. ${utcText(c.end as number)}` : ""}`;
  const body = keyValues([
    ["records", group(c.count)],
    ["quantity", quantityText(c.quantity)],
    ["charge", amount(c.charge)],
    ["root", toHex(c.root)],
  ]);
  return [title, ...body.split("\n").map((l) => `  ${l}`)].join("\n");
}

/** Up to SHOWN items as lines, with a count of the rest. */
function listed<T>(title: string, items: readonly T[], line: (x: T) => string): string[] {
  if (items.length === 0) return [];
  const out = [`${title} (${group(items.length)}):`, ...items.slice(0, SHOWN).map((x) => `  ${line(x)}`)];
  if (items.length > SHOWN) out.push(`  … and ${group(items.length - SHOWN)} more (--json lists all)`);
  return out;
}

const rejectLine = (r: RecordReject) =>
  `line ${r.line}${r.recordId ? `  ${r.recordId}` : ""}  [${r.code}] ${r.reason}`;

function deckCheckText(file: string, c: DeckCheck): string {
  if (!c.deck) {
    const n = c.errors.length;
    return [
      `${file}: ${n} error${n === 1 ? "" : "s"}`,
      ...errorLines(c.errors, Number.MAX_SAFE_INTEGER).map((l) => `  ${l}`),
    ].join("\n");
  }
  const per = SERVICES.map((s) => `${s} ${c.deck?.lines.filter((l) => l.service === s).length}`).join(", ");
  return [`${file}: ok, ${c.deck.lines.length} rate lines (${per})`, keyValues([["hash", c.hash]])].join(
    "\n",
  );
}

/** The rated records' CSV (--out): the record, its period, the deck prefix that priced it, billed and charge. */
const RATED_HEADER = "record_id,service,start_utc,quantity,calling,called,period,prefix,billed,charge";
function ratedWriter(path: string) {
  const out = createWriteStream(path);
  let failed: Error | undefined;
  out.on("error", (e) => {
    failed = e;
  });
  let buffered = `${RATED_HEADER}\n`;
  const flush = async () => {
    if (failed)
      throw new TelchainError("SETTLEMENT_FILE_UNREADABLE", `cannot write ${path}: ${failed.message}`);
    const chunk = buffered;
    buffered = "";
    if (!out.write(chunk)) await once(out, "drain");
  };
  return {
    write(r: RatedRecord): Promise<void> | undefined {
      buffered += `${canonicalLine(r.record)},${r.period ?? ""},${r.deckLine?.prefix ?? ""},${r.billed},${r.charge}\n`;
      return buffered.length > 1 << 16 ? flush() : undefined;
    },
    async close() {
      await flush();
      out.end();
      await once(out, "finish");
    },
  };
}

const sideJson = (r?: SideRecord) => r && { line: r.line, record: canonicalLine(r.record), charge: r.charge };

function compareJson(mine: string, theirs: string, c: CompareResult) {
  return {
    deckHash: c.deckHash,
    mine: { file: mine, ...c.mine },
    theirs: { file: theirs, ...c.theirs },
    classes: Object.fromEntries(
      CLASSES.map((k) => {
        const t = c.classes[k];
        const side = (s: typeof t.mine) => ({ quantity: quantities(s.quantity), charge: s.charge });
        return [k, { count: t.count, mine: side(t.mine), theirs: side(t.theirs) }];
      }),
    ),
    differences: c.differences.map((d) => ({
      recordId: d.recordId,
      class: d.class,
      mine: sideJson(d.mine),
      theirs: sideJson(d.theirs),
    })),
  };
}

function compareText(mine: string, theirs: string, c: CompareResult): string {
  const side = (file: string, s: CompareResult["mine"]) =>
    `${file}: ${group(s.lines - 1)} lines after the header, ${group(s.accepted)} accepted, ${group(s.rejects.length)} rejected`;
  const rows = CLASSES.map((k) => {
    const t = c.classes[k];
    return [
      k,
      group(t.count),
      quantityText(t.mine.quantity, true),
      amount(t.mine.charge),
      quantityText(t.theirs.quantity, true),
      amount(t.theirs.charge),
    ];
  });
  const head = ["class", "records", "mine quantity", "mine charge", "theirs quantity", "theirs charge"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const table = [head, ...rows].map((r) =>
    r
      .map((cell, i) => (i === 0 || i === 2 || i === 4 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
      .join("  "),
  );
  const diff = (r?: SideRecord) =>
    r ? `line ${r.line}: ${canonicalLine(r.record)} (charge ${amount(r.charge)})` : "-";
  return [
    keyValues([
      ["deck", c.deckHash],
      ["mine", side(mine, c.mine)],
      ["theirs", side(theirs, c.theirs)],
    ]),
    "",
    ...table,
    ...listed(
      "differences",
      c.differences,
      (d) => `${d.recordId}  ${d.class}\n    mine    ${diff(d.mine)}\n    theirs  ${diff(d.theirs)}`,
    ),
    ...listed("rejected in mine", c.mine.rejects, rejectLine),
    ...listed("rejected in theirs", c.theirs.rejects, rejectLine),
  ].join("\n");
}

/** The record of `usage prove`, with its tree: SETTLEMENT_RECORD_NOT_FOUND when it is not among the accepted ones. */
async function proveRecord(
  records: string,
  recordId: string,
  o: { deck?: string; periodSeconds?: string; anchor?: string },
) {
  const periods = periodOptions(o);
  const deck = o.deck === undefined ? undefined : loadDeck(o.deck);
  let found: { record: UsageRecord; line: number; period: number | null } | undefined;
  const progress = fileProgress("reading", records);
  const rated = await rateUsage(deck, records, {
    periods,
    onRecord: (r) => {
      if (r.record.recordId === recordId) found = { record: r.record, line: r.line, period: r.period };
    },
    onProgress: progress.update,
    onRoots: () => progress.step("computing the Merkle roots"),
  }).finally(progress.done);
  if (!found) {
    const rejected = rated.rejects.find((r) => r.recordId === recordId);
    throw new TelchainError(
      "SETTLEMENT_RECORD_NOT_FOUND",
      rejected
        ? `record ${recordId} (line ${rejected.line}) is rejected, so it is in no commitment: ${rejected.reason}`
        : `no record ${recordId} in ${records}`,
    );
  }
  const tree = rated.trees.get(found.period);
  const proof = tree?.prove(recordId);
  if (!tree || !proof) throw new Error(`record ${recordId} was accepted but is not in its tree`);
  const c = tree.commitment(periods);
  return {
    record: canonicalLine(found.record),
    recordId,
    line: found.line,
    period: found.period,
    ...(c.start !== undefined ? { periodStart: utcText(c.start), periodEnd: utcText(c.end as number) } : {}),
    deckHash: rated.deckHash,
    index: proof.index,
    count: c.count,
    leaf: toHex(proof.leaf),
    root: toHex(c.root),
    proof: proof.proof.map(toHex),
  };
}

export function ratingCli(program: Command, _ctx?: CliContext): void {
  const settlement = settlementCommand(program);
  const deck = subcommand(settlement, "deck", "rate decks (CSV): their hash and their errors");
  const usage = subcommand(settlement, "usage", "usage files (CSV): rate, prove, compare offline; commit");

  deck
    .command("hash <file>")
    .description("print the SHA-256 of a deck file (what an agreement names); refused for a deck with errors")
    .action((file: string, _o, cmd: Command) => {
      const d = loadDeck(file);
      print(globals(cmd).json, { file, hash: d.hash, lines: d.lines.length }, () => d.hash);
    });

  deck
    .command("check <file>")
    .description("check a deck file: every error with its line (exit 1 when there is one)")
    .action((file: string, _o, cmd: Command) => {
      const c = checkDeckFile(file);
      const json = {
        file,
        hash: c.hash,
        ok: c.deck !== undefined,
        rateLines: Object.fromEntries(
          SERVICES.map((s) => [s, c.deck?.lines.filter((l) => l.service === s).length ?? 0]),
        ),
        errors: c.errors,
      };
      print(globals(cmd).json, json, () => deckCheckText(file, c));
      if (!c.deck) {
        const n = c.errors.length;
        throw new TelchainError("SETTLEMENT_BAD_DECK", `${file}: ${n} error${n === 1 ? "" : "s"}`);
      }
    });

  periodOpts(
    usage
      .command("rate")
      .description(
        "rate a usage file with a deck (offline): totals and Merkle root (per period with --period-seconds), rejects",
      )
      .requiredOption("--deck <file>", "the rate deck (CSV)")
      .requiredOption("--records <file>", "the usage records (CSV)"),
  )
    .option(
      "--seller <id>",
      "flag records whose called number another carrier served then (asks the node at --api)",
    )
    .option("--out <file>", "write every rated record (CSV: the record, period, prefix, billed, charge)")
    .action(
      async (
        o: {
          deck: string;
          records: string;
          periodSeconds?: string;
          anchor?: string;
          seller?: string;
          out?: string;
        },
        cmd: Command,
      ) => {
        const { json, api } = globals(cmd);
        const periods = periodOptions(o);
        if (o.seller !== undefined && !CARRIER.test(o.seller))
          throw new TelchainError(
            "SETTLEMENT_BAD_CARRIER",
            `--seller must be a carrier id (3 to 8 of A-Z 0-9), got "${o.seller}"`,
          );
        if (o.seller === undefined && cmd.getOptionValueSourceWithGlobals("api") === "cli")
          throw new TelchainError(
            "MISSING_ARGUMENT",
            "the served-by check (--api) needs --seller ID: the carrier that sells",
          );
        const d = loadDeck(o.deck);
        const served = o.seller === undefined ? undefined : new ServedByCheck(apiRegistry(api), o.seller);
        const out = o.out === undefined ? undefined : ratedWriter(o.out);
        const progress = fileProgress("rating", o.records);
        const rated = await rateUsage(d, o.records, {
          periods,
          // a promise only when there is something to wait for: the hot path stays synchronous
          onRecord: (r) => {
            const written = out?.write(r);
            if (!served) return written;
            return (async () => {
              await written;
              await served.check(r);
            })();
          },
          onProgress: progress.update,
          onRoots: () => progress.step("computing the Merkle roots"),
        }).finally(progress.done);
        await out?.close();
        const total = totalsOf(rated.periods);
        const result = {
          deckHash: rated.deckHash,
          records: o.records,
          lines: rated.lines,
          accepted: rated.accepted,
          rejected: rated.rejects.length,
          total: { count: total.count, quantity: quantities(total.quantity), charge: total.charge },
          periods: rated.periods.map(periodJson),
          rejects: rated.rejects,
          ...(served && {
            servedBy: {
              seller: served.seller,
              numbersChecked: served.numbersChecked,
              unknownNumbers: served.unknownNumbers,
              flags: served.flags.map((f) => ({ ...f, start: utcText(f.start) })),
            },
          }),
          ...(o.out !== undefined && { out: o.out }),
        };
        print(json, result, () =>
          [
            keyValues([
              ["deck", rated.deckHash],
              [
                "records",
                `${group(rated.lines - 1)} lines after the header: ${group(rated.accepted)} accepted, ${group(rated.rejects.length)} rejected`,
              ],
              [
                "charge",
                periods ? `${amount(total.charge)} over ${rated.periods.length} periods` : undefined,
              ],
              ["rated records", o.out],
            ]),
            ...rated.periods.map(periodText),
            ...listed("rejected", rated.rejects, rejectLine),
            ...(served
              ? [
                  `served-by check against ${api} (seller ${served.seller}): ${group(served.numbersChecked)} numbers, ` +
                    `${group(served.unknownNumbers)} unknown to the registry, ${group(served.flags.length)} records flagged`,
                  ...listed(
                    "served by another carrier",
                    served.flags,
                    (f) =>
                      `line ${f.line}  ${f.recordId}  ${f.called} at ${utcText(f.start)}: served by ${f.servedBy}`,
                  ),
                ]
              : []),
          ].join("\n"),
        );
      },
    );

  periodOpts(
    usage
      .command("prove")
      .description(
        "print a record with its Merkle proof against its period's root (give the options used to commit)",
      )
      .requiredOption("--records <file>", "the usage records (CSV)")
      .requiredOption("--record-id <id>", "the record to prove")
      .option("--deck <file>", "the rate deck: records it cannot price are rejected, as when committing"),
  ).action(
    async (
      o: { records: string; recordId: string; deck?: string; periodSeconds?: string; anchor?: string },
      cmd: Command,
    ) => {
      const p = await proveRecord(o.records, o.recordId, o);
      print(globals(cmd).json, p, () =>
        [
          keyValues([
            ["record", p.record],
            ["line", p.line],
            ["period", p.period === null ? undefined : `${p.period}  ${p.periodStart} .. ${p.periodEnd}`],
            ["index", `${p.index} of ${p.count} records (sorted by record_id, from 0)`],
            ["leaf", p.leaf],
            ["root", p.root],
            ["deck", p.deckHash ?? "(none: every well-formed record counted)"],
          ]),
          `proof (${p.proof.length} hashes, leaf upward):`,
          ...p.proof.map((h, i) => `  ${i}  ${h}`),
        ].join("\n"),
      );
    },
  );

  usage
    .command("compare <mine> <theirs>")
    .description(
      "match two usage files by record_id: exact, partial (voice within 2 s), mismatch, missing; totals",
    )
    .requiredOption("--deck <file>", "the rate deck both sides rate with")
    .action(async (mine: string, theirs: string, o: { deck: string }, cmd: Command) => {
      const d = loadDeck(o.deck);
      const bars = {
        mine: fileProgress("reading mine", mine),
        theirs: fileProgress("reading theirs", theirs),
      };
      const c = await compareUsage(d, mine, theirs, (side, b) => bars[side].update(b)).finally(() => {
        bars.mine.done();
        bars.theirs.done();
      });
      print(globals(cmd).json, compareJson(mine, theirs, c), () => compareText(mine, theirs, c));
    });
}
