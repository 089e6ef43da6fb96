/**
 * The headers a light client has checked: a Map from block hash to its record (cumulative
 * work, ASERT anchor time), the best tip (most cumulative work; the first seen wins a tie) and
 * the best chain's hashes by height. Every header is checked with the node's own rules before
 * it is kept: strict decoding, linkage to a kept parent, height, proof of work (hash ≤ target),
 * ASERT bits and median time past (src/chain/header-context.ts), and the future-drift limit.
 *
 * Memory is bounded: at most `maxHeaders` records (about 300 bytes each), SDK_TOO_MANY_HEADERS
 * beyond.
 */
import { equalBytes, fromHexOrUndefined, toHex } from "../bytes.js";
import { type HeaderRecord, STATUS_VALID, workFromBytes, workToBytes } from "../chain/chain-store.js";
import {
  checkHeaderContext,
  childRecord,
  type HeaderContext,
  type HeaderParams,
} from "../chain/header-context.js";
import { checkProofOfWork, workForBits } from "../chain/pow.js";
import { decodeHeader } from "../codec/decode.js";
import { HEADER_BYTES, type Header } from "../codec/schema.js";
import { isTelchainError, TelchainError } from "../errors.js";
import { sha256d } from "./hashes.js";

/** A header the client has checked, with its hash and cumulative work. */
export interface CheckedHeader {
  hash: string;
  record: HeaderRecord;
  work: bigint;
}

/** Decodes one header (hex of its 156-byte SSZ encoding) strictly; SDK_BAD_HEADER otherwise. */
export function decodeHeaderHex(hex: unknown): { header: Header; hash: Uint8Array } {
  const bytes = typeof hex === "string" ? fromHexOrUndefined(hex) : undefined;
  if (!bytes) throw new TelchainError("SDK_BAD_HEADER", "a header is not a hex string");
  if (bytes.length !== HEADER_BYTES) {
    throw new TelchainError("SDK_BAD_HEADER", `a header is ${bytes.length} bytes, not ${HEADER_BYTES}`);
  }
  try {
    return { header: decodeHeader(bytes), hash: sha256d(bytes) };
  } catch (e) {
    throw new TelchainError("SDK_BAD_HEADER", `a header does not decode: ${(e as Error).message}`, {
      cause: isTelchainError(e) ? e.code : "INTERNAL",
    });
  }
}

export class HeaderChain {
  private readonly records = new Map<string, CheckedHeader>();
  /** Hashes of the best chain by height, from `base` up (lower slots unused). */
  private readonly main: string[] = [];
  private bestTip: CheckedHeader;
  private readonly ctx: HeaderContext;

  /**
   * `trusted`: the headers taken on trust, oldest first (genesis alone, or a checkpoint with
   * the medianTimeSpan headers up to it), already linked by the caller.
   */
  constructor(
    readonly params: HeaderParams,
    readonly genesisBits: number,
    trusted: CheckedHeader[],
    private readonly maxHeaders: number,
    private readonly now: () => number,
  ) {
    for (const t of trusted) this.keep(t);
    this.bestTip = trusted[trusted.length - 1];
    this.setMain(this.bestTip);
    this.ctx = {
      params,
      genesisBits,
      record: (hash) => this.records.get(toHex(hash))?.record,
    };
  }

  /** The genesis block's record (work of its own bits, anchor time 0, as the node keeps it). */
  static genesisRecord(header: Header, hash: Uint8Array): CheckedHeader {
    const work = workForBits(header.bits);
    return {
      hash: toHex(hash),
      record: { header, work: workToBytes(work), anchorTime: 0, status: STATUS_VALID, size: HEADER_BYTES },
      work,
    };
  }

  get size(): number {
    return this.records.size;
  }

  get best(): CheckedHeader {
    return this.bestTip;
  }

  get(hash: string): CheckedHeader | undefined {
    return this.records.get(hash);
  }

  /** The best chain's header at `height`, if the client has it. */
  atHeight(height: number): CheckedHeader | undefined {
    const h = this.main[height];
    return h === undefined ? undefined : this.records.get(h);
  }

  /** True when `hash` is on the best chain. */
  onBest(hash: string): boolean {
    const c = this.records.get(hash);
    return c !== undefined && this.main[c.record.header.height] === hash;
  }

  /**
   * Checks `header` (hash `hash`) against its kept parent and keeps it. Returns the kept record
   * (the one already there for a known hash). Throws SDK_BAD_HEADER naming the rule that failed.
   */
  add(header: Header, hash: Uint8Array): CheckedHeader {
    const hex = toHex(hash);
    const known = this.records.get(hex);
    if (known) return known;
    const parent = this.records.get(toHex(header.parent));
    if (!parent) {
      throw new TelchainError(
        "SDK_BAD_HEADER",
        `header ${hex} at height ${header.height} does not link to a checked header (parent ${toHex(header.parent)})`,
      );
    }
    if (!checkProofOfWork(hash, header.bits)) {
      throw new TelchainError(
        "SDK_BAD_HEADER",
        `header ${hex} at height ${header.height}: insufficient proof of work (hash above the target of bits 0x${header.bits.toString(16)})`,
        { rule: "POW" },
      );
    }
    try {
      checkHeaderContext(this.ctx, header, parent.record, this.now());
    } catch (e) {
      if (!isTelchainError(e)) throw e;
      throw new TelchainError("SDK_BAD_HEADER", `header ${hex} at height ${header.height}: ${e.message}`, {
        rule: e.code,
      });
    }
    if (this.records.size >= this.maxHeaders) {
      throw new TelchainError(
        "SDK_TOO_MANY_HEADERS",
        `the light client keeps at most ${this.maxHeaders} headers (option maxHeaders)`,
      );
    }
    const record = childRecord(this.params, header, parent.record, HEADER_BYTES);
    const checked = { hash: hex, record, work: workFromBytes(record.work) };
    this.keep(checked);
    if (checked.work > this.bestTip.work) {
      this.bestTip = checked;
      this.setMain(checked);
    }
    return checked;
  }

  private keep(c: CheckedHeader): void {
    this.records.set(c.hash, c);
  }

  /** Rewrites the best chain's index from `tip` down to where it meets the old one. */
  private setMain(tip: CheckedHeader): void {
    this.main.length = tip.record.header.height + 1;
    let c: CheckedHeader | undefined = tip;
    while (c && this.main[c.record.header.height] !== c.hash) {
      this.main[c.record.header.height] = c.hash;
      c = c.record.header.height === 0 ? undefined : this.records.get(toHex(c.record.header.parent));
    }
  }
}

/** True when two 32-byte hashes given as hex are the same (case-insensitive). */
export function sameHash(a: string, b: Uint8Array): boolean {
  const x = fromHexOrUndefined(a);
  return x !== undefined && equalBytes(x, b);
}
