/**
 * The served-by check of `usage rate --seller ID [--api URL]`: a record whose called number the
 * numbers registry shows served, at the record's start, by a carrier other than the seller is
 * flagged (the seller was not the terminating carrier of that call, e.g. the number had ported
 * away). The registry knows who served a number when: GET /v1/numbers/:e164 lists its history
 * with block heights, and GET /v1/blocks/:height gives each height's time.
 *
 * Who serves a number after each event: claimed → nobody yet (pending), confirmed → the claim's
 * carrier, ported → the gaining carrier, released / claim-cancelled / claim-lapsed → nobody.
 * At time t the number is served as after the last event whose block time is ≤ t. Not flagged:
 * a number the registry does not know (404), a time before its first known event (the route
 * shows the latest 100 events; before them the registry's answer is unknown), or nobody serving.
 * Each number is asked for once, and each height's time once.
 */

import { getBlock } from "../../../client/actions/chain.js";
import { ApiClient, ApiError } from "../../../client/api-client.js";
import type { RatedRecord } from "./rate-file.js";

/** The part of a numbers-registry answer (GET /v1/numbers/:e164) the check reads. */
export interface NumberHistory {
  history: { seq: number; kind: string; height: number; toCarrier: string | null }[];
}

/** Where the check reads the registry and block times (the node's API, or a stand-in in tests). */
export interface RegistrySource {
  /** The number's registry entry, or undefined when the registry does not know it. */
  number(digits: string): Promise<NumberHistory | undefined>;
  /** Unix seconds of the main chain's block at `height`. */
  blockTime(height: number): Promise<number>;
}

/** From `from` (unix seconds) on, until the next span, `carrier` serves the number (null: nobody). */
export interface ServingSpan {
  from: number;
  carrier: string | null;
}

/** The spans of a number's history, oldest first; times before the first are unknown. */
export async function servingSpans(
  h: NumberHistory,
  blockTime: (height: number) => Promise<number>,
): Promise<ServingSpan[]> {
  const spans: ServingSpan[] = [];
  let carrier: string | null = null;
  const events = [...h.history].sort((a, b) => a.seq - b.seq);
  for (const e of events) {
    if (e.kind === "confirmed" || e.kind === "ported") carrier = e.toCarrier;
    else if (
      e.kind === "claimed" ||
      e.kind === "released" ||
      e.kind === "claim-cancelled" ||
      e.kind === "claim-lapsed"
    )
      carrier = null;
    else if (e.toCarrier) carrier = e.toCarrier;
    spans.push({ from: await blockTime(e.height), carrier });
  }
  return spans;
}

/** Who served the number at `t`: a carrier id, null for nobody, undefined when unknown (before the first span). */
export function servedAt(spans: readonly ServingSpan[], t: number): string | null | undefined {
  let out: string | null | undefined;
  for (const s of spans) {
    if (s.from > t) break;
    out = s.carrier;
  }
  return out;
}

/** The registry and block times through a node's API (the typed client for blocks). */
export function apiRegistry(apiUrl: string): RegistrySource {
  const client = new ApiClient(apiUrl);
  return {
    async number(digits) {
      try {
        return await client.get<NumberHistory>(`/v1/numbers/${digits}`);
      } catch (e) {
        if (e instanceof ApiError && e.status === 404) return undefined;
        throw e;
      }
    },
    blockTime: async (height) => (await getBlock(client, { id: height })).timestamp,
  };
}

export interface ServedByFlag {
  line: number;
  recordId: string;
  called: string;
  /** The record's start, unix seconds. */
  start: number;
  /** The carrier the registry shows serving the called number then. */
  servedBy: string;
}

/** Checks records one by one, asking the registry once per number and once per height. */
export class ServedByCheck {
  private readonly numbers = new Map<string, ServingSpan[] | undefined>();
  private readonly times = new Map<number, number>();
  readonly flags: ServedByFlag[] = [];
  /** Called numbers the registry does not know. */
  unknownNumbers = 0;

  constructor(
    private readonly source: RegistrySource,
    readonly seller: string,
  ) {}

  private async blockTime(height: number): Promise<number> {
    let t = this.times.get(height);
    if (t === undefined) {
      t = await this.source.blockTime(height);
      this.times.set(height, t);
    }
    return t;
  }

  private async spans(digits: string): Promise<ServingSpan[] | undefined> {
    if (this.numbers.has(digits)) return this.numbers.get(digits);
    const h = await this.source.number(digits);
    const spans = h ? await servingSpans(h, (height) => this.blockTime(height)) : undefined;
    if (!h) this.unknownNumbers++;
    this.numbers.set(digits, spans);
    return spans;
  }

  get numbersChecked(): number {
    return this.numbers.size;
  }

  /** Flags `r` when another carrier served its called number at its start; returns the flag. */
  async check(r: Pick<RatedRecord, "line" | "record" | "calledDigits">): Promise<ServedByFlag | undefined> {
    const spans = await this.spans(r.calledDigits);
    const by = spans && servedAt(spans, r.record.start);
    if (!by || by === this.seller) return undefined;
    const flag = {
      line: r.line,
      recordId: r.record.recordId,
      called: r.record.called,
      start: r.record.start,
      servedBy: by,
    };
    this.flags.push(flag);
    return flag;
  }
}
