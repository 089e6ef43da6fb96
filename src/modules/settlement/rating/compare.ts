/**
 * `usage compare MINE THEIRS --deck FILE`: the two sides' usage files matched by record_id, as
 * carriers reconcile today. Each id is in one class:
 *   exact        the same canonical record on both sides
 *   partial      a voice record the same on both sides except the duration, which differs by at
 *                most 2 s (PARTIAL_SECONDS)
 *   mismatch     on both sides, otherwise different
 *   only-mine    accepted in MINE only (missing on their side)
 *   only-theirs  accepted in THEIRS only (missing on mine)
 * Each side is rated with the same deck; a rejected line of either side is reported with its
 * line and takes no part in the matching (its id then counts as missing on that side). Totals
 * per class: the count, each side's quantity per service and charge.
 *
 * MINE is held in memory (id → line, canonical line and charge: about 400 bytes a record);
 * THEIRS is streamed against it.
 */
import type { Deck } from "./deck.js";
import { rateUsage } from "./rate-file.js";
import { canonicalLine, type Service, type UsageRecord } from "./record.js";
import { parseCanonicalLine, type RecordReject } from "./records.js";

export const PARTIAL_SECONDS = 2n;
export const CLASSES = ["exact", "partial", "mismatch", "only-mine", "only-theirs"] as const;
export type CompareClass = (typeof CLASSES)[number];

export interface SideRecord {
  line: number;
  record: UsageRecord;
  charge: bigint;
}

export interface Difference {
  recordId: string;
  class: Exclude<CompareClass, "exact">;
  mine?: SideRecord;
  theirs?: SideRecord;
}

export interface SideTotals {
  quantity: Record<Service, bigint>;
  charge: bigint;
}

export interface ClassTotals {
  count: number;
  mine: SideTotals;
  theirs: SideTotals;
}

export interface SideSummary {
  lines: number;
  accepted: number;
  rejects: RecordReject[];
}

export interface CompareResult {
  deckHash: string;
  mine: SideSummary;
  theirs: SideSummary;
  classes: Record<CompareClass, ClassTotals>;
  /** Every id not in the exact class, in record_id order. */
  differences: Difference[];
}

/** The class of an id present on both sides. */
export function classify(a: UsageRecord, b: UsageRecord): "exact" | "partial" | "mismatch" {
  if (canonicalLine(a) === canonicalLine(b)) return "exact";
  const d = a.quantity > b.quantity ? a.quantity - b.quantity : b.quantity - a.quantity;
  const sameButDuration =
    a.service === "voice" &&
    b.service === "voice" &&
    a.start === b.start &&
    a.calling === b.calling &&
    a.called === b.called;
  return sameButDuration && d <= PARTIAL_SECONDS ? "partial" : "mismatch";
}

const emptySide = (): SideTotals => ({ quantity: { voice: 0n, sms: 0n, data: 0n }, charge: 0n });

export async function compareUsage(
  deck: Deck,
  minePath: string,
  theirsPath: string,
  onProgress?: (side: "mine" | "theirs", bytesRead: number) => void,
): Promise<CompareResult> {
  // Compact while held: the record as its canonical line, read back when it is shown.
  const mine = new Map<string, { line: number; text: string; charge: bigint }>();
  const expand = (m: { line: number; text: string; charge: bigint }): SideRecord => ({
    line: m.line,
    record: parseCanonicalLine(m.text),
    charge: m.charge,
  });
  const mineRated = await rateUsage(deck, minePath, {
    trees: false,
    onRecord: (r) => {
      mine.set(r.record.recordId, { line: r.line, text: canonicalLine(r.record), charge: r.charge });
    },
    onProgress: onProgress && ((b) => onProgress("mine", b)),
  });

  const classes = Object.fromEntries(
    CLASSES.map((c) => [c, { count: 0, mine: emptySide(), theirs: emptySide() }]),
  ) as Record<CompareClass, ClassTotals>;
  const differences: Difference[] = [];
  const count = (c: CompareClass, m?: SideRecord, t?: SideRecord) => {
    const totals = classes[c];
    totals.count++;
    for (const [side, r] of [
      [totals.mine, m],
      [totals.theirs, t],
    ] as const) {
      if (!r) continue;
      side.quantity[r.record.service] += r.record.quantity;
      side.charge += r.charge;
    }
  };

  // A matched id leaves `mine`: what stays is only mine (an id is accepted once per file).
  const theirsRated = await rateUsage(deck, theirsPath, {
    trees: false,
    onRecord: (r) => {
      const id = r.record.recordId;
      const t: SideRecord = { line: r.line, record: r.record, charge: r.charge };
      const held = mine.get(id);
      if (!held) {
        count("only-theirs", undefined, t);
        differences.push({ recordId: id, class: "only-theirs", theirs: t });
        return;
      }
      mine.delete(id);
      // the same canonical line: the same quantity and (same deck) the same charge
      if (held.text === canonicalLine(r.record)) return count("exact", t, t);
      const m = expand(held);
      const c = classify(m.record, r.record);
      count(c, m, t);
      differences.push({ recordId: id, class: c as Difference["class"], mine: m, theirs: t });
    },
    onProgress: onProgress && ((b) => onProgress("theirs", b)),
  });
  for (const [id, held] of mine) {
    const m = expand(held);
    count("only-mine", m);
    differences.push({ recordId: id, class: "only-mine", mine: m });
  }
  differences.sort((a, b) => (a.recordId < b.recordId ? -1 : a.recordId > b.recordId ? 1 : 0));
  const summary = (r: typeof mineRated): SideSummary => ({
    lines: r.lines,
    accepted: r.accepted,
    rejects: r.rejects,
  });
  return {
    deckHash: deck.hash,
    mine: summary(mineRated),
    theirs: summary(theirsRated),
    classes,
    differences,
  };
}
