/**
 * The settlement group (`--only settlement`): each entry of SETTLEMENT_FIGURES measures one
 * figure beside its own reference, measured in the same run.
 *
 * usage-rate: `usage rate` (rateUsageFile: stream, parse, check, price with the deck, leaves and
 * a Merkle root per hourly period) over 1,000,000 generated records, in records/s, beside the
 * floor: reading and parsing the same CSV without rating (readUsageFile: the same stream, field
 * checks, E.164 and the repeated-id map, no deck, no leaves, no roots).
 */
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DECK_HEADER } from "../../src/modules/settlement/rating/deck.js";
import { rateUsageFile } from "../../src/modules/settlement/rating/rate-file.js";
import { utcText } from "../../src/modules/settlement/rating/record.js";
import { RECORDS_HEADER, readUsageFile } from "../../src/modules/settlement/rating/records.js";
import { progress, secondsSince } from "../progress.js";
import { type Figure, figureAgainst, formatNumber } from "../report.js";

export interface SettlementBenchOptions {
  quick: boolean;
}

/** One figure of the group: its name (for progress) and how it is measured. */
export interface SettlementFigure {
  name: string;
  measure(opts: SettlementBenchOptions): Promise<Figure>;
}

const ANCHOR = Date.UTC(2025, 0, 1) / 1000;
/** Destinations of the generated records: [called-number prefix, national digits to add]. */
const DESTINATIONS: [string, number][] = [
  ["1555", 7],
  ["1212", 7],
  ["4420", 8],
  ["447", 9],
  ["331", 8],
  ["336", 8],
  ["4930", 8],
  ["3491", 7],
];

/** A deck of about 1,000 voice lines (the destinations' prefixes and many longer ones), sms and data. */
function deckText(): string {
  const rows = [DECK_HEADER, "voice,,2000,60,60,0", "sms,,3,1,1,0", "data,,500,1,1,0"];
  for (const [p] of DESTINATIONS) rows.push(`voice,${p},${900 + p.length},30,6,1`);
  for (let i = 0; rows.length < 1_000; i++) {
    const [p] = DESTINATIONS[i % DESTINATIONS.length];
    rows.push(`voice,${p}${String(i).padStart(3, "0")},${100 + (i % 900)},1,1,0`);
  }
  return `${rows.join("\n")}\n`;
}

/** n records over one day (24 hourly periods): 80% voice, 10% sms, 10% data; ids not in file order. */
function writeRecords(path: string, n: number): void {
  const chunks: string[] = [`${RECORDS_HEADER}\n`];
  let chunk = "";
  for (let i = 0; i < n; i++) {
    const [prefix, rest] = DESTINATIONS[i % DESTINATIONS.length];
    const called = `+${prefix}${String((i * 7919) % 10 ** rest).padStart(rest, "0")}`;
    const kind = i % 10;
    const service = kind < 8 ? "voice" : kind === 8 ? "sms" : "data";
    const quantity =
      service === "voice" ? (i * 31) % 3600 : service === "sms" ? 1 + (i % 3) : (i * 97) % 50_000;
    const start = utcText(ANCHOR + Math.floor((i * 86_400) / n));
    const id = `c${((i * 2_654_435_761) % 4_294_967_296).toString(36)}-${i.toString(36)}`;
    chunk += `${id},${service},${start},${quantity},+14155550100,${called}\n`;
    if (chunk.length > 1 << 20) {
      chunks.push(chunk);
      chunk = "";
    }
  }
  chunks.push(chunk);
  writeFileSync(path, chunks.join(""));
}

async function usageRateFigure(opts: SettlementBenchOptions): Promise<Figure> {
  const n = opts.quick ? 20_000 : 1_000_000;
  const dir = tmpdir();
  const records = join(dir, `telchain-bench-usage-${process.pid}.csv`);
  const deck = join(dir, `telchain-bench-deck-${process.pid}.csv`);
  try {
    progress(`usage-rate: writing ${formatNumber(n)} records`);
    writeFileSync(deck, deckText());
    writeRecords(records, n);

    progress("usage-rate: reference: reading and parsing the CSV without rating");
    let start = performance.now();
    let parsed = 0;
    await readUsageFile(records, () => {
      parsed++;
    });
    const floorSeconds = secondsSince(start);
    if (parsed !== n) throw new Error(`parsed ${parsed} of ${n} records`);
    progress(`usage-rate: parsed in ${floorSeconds.toFixed(2)} s`);

    progress("usage-rate: rating with the deck, per hourly period");
    start = performance.now();
    const rated = await rateUsageFile(deck, records, { periods: { periodSeconds: 3600, anchor: ANCHOR } });
    const rateSeconds = secondsSince(start);
    if (rated.accepted !== n)
      throw new Error(`rated ${rated.accepted} of ${n} records: ${rated.rejects[0]?.reason}`);
    progress(`usage-rate: rated in ${rateSeconds.toFixed(2)} s (${rated.periods.length} periods)`);

    return figureAgainst(
      "usage-rate",
      n / rateSeconds,
      "records/s",
      {
        name: "read + parse, no rating",
        value: n / floorSeconds,
        unit: "records/s",
        notes: `${formatNumber(n)} records in ${floorSeconds.toFixed(2)} s`,
      },
      `${formatNumber(n)} records (${rateSeconds.toFixed(1)} s), 1,000-line deck, ${rated.periods.length} hourly periods: price, leaf, Merkle root`,
    );
  } finally {
    rmSync(records, { force: true });
    rmSync(deck, { force: true });
  }
}

/**
 * The group's figures, in order. The netting part adds its figure here: `netting-block`, a
 * netting block with 100 carriers and 1,000 agreements (ms), beside its own reference.
 */
export const SETTLEMENT_FIGURES: SettlementFigure[] = [{ name: "usage-rate", measure: usageRateFigure }];

export async function settlementFigures(opts: SettlementBenchOptions): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const f of SETTLEMENT_FIGURES) out.push(await f.measure(opts));
  return out;
}
