/**
 * What a side commits for one agreement and period: the Merkle root over its accepted records'
 * leaves (recordLeaf, sorted by record_id; RFC 6962 tree of src/chain/merkle.ts), their count,
 * the total quantity per service and the total charge. Records stay off chain; a record is
 * shown to be in a commitment by its Merkle proof (`usage prove`, verifyRecordProof).
 *
 * Only the id and the 32-byte leaf of each record are held (the leaves in one growing buffer),
 * so a period of 1,000,000 records takes a few tens of MB.
 */
import { merkleProof, merkleRoot, verifyMerkleProof } from "../../../chain/merkle.js";
import { TelchainError } from "../../../errors.js";
import { addUint64 } from "./rate.js";
import { recordLeaf, SERVICES, type Service, type UsageRecord } from "./record.js";

/** Periods of an agreement: period N is [anchor + N × seconds, anchor + (N + 1) × seconds). */
export interface PeriodOptions {
  periodSeconds: number;
  /** Unix seconds. */
  anchor: number;
}

/** SETTLEMENT_BAD_PERIOD unless the length is a whole number of seconds ≥ 1 and the anchor a time. */
export function checkPeriods(p: PeriodOptions): void {
  if (!Number.isSafeInteger(p.periodSeconds) || p.periodSeconds < 1)
    throw new TelchainError(
      "SETTLEMENT_BAD_PERIOD",
      `a period is a whole number of seconds ≥ 1, got ${p.periodSeconds}`,
    );
  if (!Number.isSafeInteger(p.anchor) || p.anchor < 0)
    throw new TelchainError("SETTLEMENT_BAD_PERIOD", `the anchor is a time in unix seconds, got ${p.anchor}`);
}

/** The period a start time falls in (negative before the anchor). */
export const periodOf = (start: number, p: PeriodOptions): number =>
  Math.floor((start - p.anchor) / p.periodSeconds);

export interface PeriodCommitment {
  /** The period number, or null when the file is rated without periods (all of it). */
  period: number | null;
  /** Bounds of the period, unix seconds: [start, end). */
  start?: number;
  end?: number;
  root: Uint8Array;
  count: number;
  quantity: Record<Service, bigint>;
  charge: bigint;
}

const zeroQuantities = (): Record<Service, bigint> => ({ voice: 0n, sms: 0n, data: 0n });

/** The accepted records of one period, as they come; the root once all are in. */
export class PeriodTree {
  private readonly ids: string[] = [];
  private leaves = new Uint8Array(32 * 1024);
  private readonly quantity = zeroQuantities();
  private charge = 0n;

  constructor(readonly period: number | null) {}

  get count(): number {
    return this.ids.length;
  }

  /** Adds an accepted record (its id is not yet in the tree) and its charge; SETTLEMENT_OVERFLOW past 2^64 − 1. */
  add(record: UsageRecord, charge: bigint): void {
    const where = this.period === null ? "the file" : `period ${this.period}`;
    const quantity = addUint64(
      this.quantity[record.service],
      record.quantity,
      `the total ${record.service} quantity of ${where}`,
    );
    const total = addUint64(this.charge, charge, `the total charge of ${where}`);
    this.quantity[record.service] = quantity;
    this.charge = total;
    const n = this.ids.length;
    if ((n + 1) * 32 > this.leaves.length) {
      const grown = new Uint8Array(this.leaves.length * 2);
      grown.set(this.leaves);
      this.leaves = grown;
    }
    this.leaves.set(recordLeaf(record), n * 32);
    this.ids.push(record.recordId);
  }

  /** The ids in record_id order and the leaves in that order. */
  private sorted(): { ids: string[]; leaves: Uint8Array[] } {
    const order = Array.from({ length: this.ids.length }, (_, i) => i);
    const ids = this.ids;
    // ids are ASCII and distinct: string order is byte order.
    order.sort((a, b) => (ids[a] < ids[b] ? -1 : 1));
    return {
      ids: order.map((i) => ids[i]),
      leaves: order.map((i) => this.leaves.subarray(i * 32, i * 32 + 32)),
    };
  }

  commitment(bounds?: PeriodOptions): PeriodCommitment {
    const { leaves } = this.sorted();
    const out: PeriodCommitment = {
      period: this.period,
      root: merkleRoot(leaves),
      count: leaves.length,
      quantity: { ...this.quantity },
      charge: this.charge,
    };
    if (bounds && this.period !== null) {
      out.start = bounds.anchor + this.period * bounds.periodSeconds;
      out.end = out.start + bounds.periodSeconds;
    }
    return out;
  }

  /** The index of `recordId` in the sorted tree and its proof, or undefined when it is not in it. */
  prove(recordId: string): { index: number; leaf: Uint8Array; proof: Uint8Array[] } | undefined {
    const { ids, leaves } = this.sorted();
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid] < recordId) lo = mid + 1;
      else hi = mid;
    }
    if (ids[lo] !== recordId) return undefined;
    return { index: lo, leaf: leaves[lo], proof: merkleProof(leaves, lo) };
  }
}

/** Sums of a group of records (per period, per class of a comparison). */
export const totalsOf = (commitments: readonly PeriodCommitment[]) => {
  const quantity = zeroQuantities();
  let charge = 0n;
  let count = 0;
  for (const c of commitments) {
    for (const s of SERVICES) quantity[s] += c.quantity[s];
    charge += c.charge;
    count += c.count;
  }
  return { count, quantity, charge };
};

export interface RecordProof {
  record: UsageRecord;
  /** Index of the record in its period's tree (records sorted by record_id). */
  index: number;
  /** Records in the tree: the committed count. */
  count: number;
  root: Uint8Array;
  proof: Uint8Array[];
}

/**
 * Whether `record` is the index-th of `count` records under `root` (the chain checks dispute
 * evidence with this): the leaf is recomputed from the record's canonical line.
 */
export const verifyRecordProof = (p: RecordProof): boolean =>
  verifyMerkleProof(p.root, recordLeaf(p.record), p.index, p.count, p.proof);
