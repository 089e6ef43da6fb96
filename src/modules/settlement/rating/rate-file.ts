/**
 * Rating a usage file against a deck, streaming: each line is parsed, checked, priced with
 * rateQuantity and added to its period's tree, then forgotten. What comes out: a commitment
 * per period (root, count, quantities, charge) and the rejected lines with their reasons.
 *
 * Checks, in order, each a reject with its code: a malformed field (SETTLEMENT_BAD_RECORD), an
 * id an earlier line carried (SETTLEMENT_DUPLICATE_RECORD), with periods a start before the
 * anchor (SETTLEMENT_BEFORE_ANCHOR), no deck line of the service for the called number
 * (SETTLEMENT_NO_RATE), a billed quantity or charge over 2^64 − 1 (SETTLEMENT_OVERFLOW).
 * A period total over 2^64 − 1 refuses the whole file (SETTLEMENT_OVERFLOW).
 *
 * `usage commit` (the agreements part) calls rateUsageFile for one period.
 */
import { isTelchainError, TelchainError } from "../../../errors.js";
import {
  checkPeriods,
  type PeriodCommitment,
  type PeriodOptions,
  PeriodTree,
  periodOf,
} from "./commitment.js";
import { type Deck, type DeckLine, loadDeck } from "./deck.js";
import { rateQuantity } from "./rate.js";
import type { UsageRecord } from "./record.js";
import { isReject, type RecordReject, readUsageFile } from "./records.js";

/** An accepted record with its price. */
export interface RatedRecord {
  line: number;
  record: UsageRecord;
  /** Digits of the called number. */
  calledDigits: string;
  /** Null without periods. */
  period: number | null;
  /** The deck line that priced it (absent when rated without a deck: prove only needs the tree). */
  deckLine?: DeckLine;
  billed: bigint;
  charge: bigint;
}

export interface RateOptions {
  /** Periods of the agreement; without them the whole file is one group (period null). */
  periods?: PeriodOptions;
  /** Keep only this period's tree (records of other periods are still checked and counted). */
  onlyPeriod?: number;
  /** false: build no Merkle trees (periods comes back empty); for tools that only need the records. */
  trees?: boolean;
  /** Each accepted record, in file order (awaited when it returns a promise). */
  onRecord?: (r: RatedRecord) => void | Promise<void>;
  /** Bytes of the file read so far, now and then. */
  onProgress?: (bytesRead: number) => void;
  /** The file is read; the roots (sort and Merkle tree per period) are being computed. */
  onRoots?: () => void;
}

export interface RateResult {
  /** SHA-256 of the deck file (hex), or null when rated without a deck. */
  deckHash: string | null;
  /** Lines of the usage file, the header included. */
  lines: number;
  accepted: number;
  /** Every rejected line, in file order. */
  rejects: RecordReject[];
  /**
   * One per period that has accepted records, in period order (with onlyPeriod: exactly that one;
   * without periods: exactly one, period null).
   */
  periods: PeriodCommitment[];
  /** The trees behind `periods` (for proofs). */
  trees: Map<number | null, PeriodTree>;
}

/** Rates a usage file with a checked deck (or, for proofs, without one: every well-formed record is accepted). */
export async function rateUsage(deck: Deck | undefined, recordsPath: string, opts: RateOptions = {}) {
  const { periods, onlyPeriod, onRecord } = opts;
  if (periods) checkPeriods(periods);
  if (onlyPeriod !== undefined && (!periods || !Number.isSafeInteger(onlyPeriod) || onlyPeriod < 0))
    throw new TelchainError(
      "SETTLEMENT_BAD_PERIOD",
      "a period number (0, 1, …) needs --period-seconds and --anchor",
    );
  const trees = new Map<number | null, PeriodTree>();
  // Without periods the file is one group, shown even when empty; with onlyPeriod, that period.
  const building = opts.trees !== false;
  if (building && !periods) trees.set(null, new PeriodTree(null));
  else if (building && onlyPeriod !== undefined) trees.set(onlyPeriod, new PeriodTree(onlyPeriod));
  const rejects: RecordReject[] = [];
  let accepted = 0;
  const reject = (line: number, recordId: string, code: string, reason: string) => {
    rejects.push({ line, recordId, code, reason });
  };

  const lines = await readUsageFile(
    recordsPath,
    (r) => {
      if (isReject(r)) {
        rejects.push(r);
        return;
      }
      const { record, line, calledDigits } = r;
      const id = record.recordId;
      let period: number | null = null;
      if (periods) {
        period = periodOf(record.start, periods);
        if (period < 0)
          return reject(line, id, "SETTLEMENT_BEFORE_ANCHOR", "starts before the period anchor");
      }
      let deckLine: DeckLine | undefined;
      let rated = { billed: 0n, charge: 0n };
      if (deck) {
        deckLine = deck.match(record.service, calledDigits);
        if (!deckLine)
          return reject(
            line,
            id,
            "SETTLEMENT_NO_RATE",
            `no ${record.service} line of the deck matches ${record.called}`,
          );
        try {
          rated = rateQuantity(record.service, record.quantity, deckLine);
        } catch (e) {
          if (!isTelchainError(e)) throw e;
          return reject(line, id, e.code, e.message);
        }
      }
      accepted++;
      if (building && (onlyPeriod === undefined || period === onlyPeriod)) {
        let tree = trees.get(period);
        if (!tree) {
          tree = new PeriodTree(period);
          trees.set(period, tree);
        }
        tree.add(record, rated.charge);
      }
      return onRecord?.({ line, record, calledDigits, period, deckLine, ...rated });
    },
    opts.onProgress,
  );

  opts.onRoots?.();
  const order = [...trees.keys()].sort((a, b) => (a ?? 0) - (b ?? 0));
  const result: RateResult = {
    deckHash: deck?.hash ?? null,
    lines,
    accepted,
    rejects,
    periods: order.map((p) => (trees.get(p) as PeriodTree).commitment(periods)),
    trees,
  };
  return result;
}

/**
 * THE entry point of `usage commit`: checks the deck (SETTLEMENT_BAD_DECK with its errors and
 * lines), streams the usage file and returns a commitment per period (with `onlyPeriod`: that
 * period's, an empty one — EMPTY_MERKLE_ROOT, count 0 — when it has no record), the deck hash
 * and the rejects. Throws SETTLEMENT_FILE_UNREADABLE, SETTLEMENT_BAD_USAGE_FILE, SETTLEMENT_OVERFLOW.
 */
export function rateUsageFile(
  deckPath: string,
  recordsPath: string,
  opts: RateOptions = {},
): Promise<RateResult> {
  return rateUsage(loadDeck(deckPath), recordsPath, opts);
}
