/**
 * `telchain voucher redemptions --follow`: reads the redemption stream (server-sent events) of
 * the node and prints each record as it comes: a line each, or one JSON object per line with
 * --json. A `reorg` event is reported on stderr. When the node closes the stream the command
 * ends with VOUCHERS_STREAM_CLOSED, naming the cursor to resume after.
 */
import { TelchainError } from "../../errors.js";
import { EVENT_STREAM } from "./feed.js";
import type { RedemptionView } from "./views.js";

export interface FollowOptions {
  api: string;
  issuer: string;
  after: number;
  onRecord(r: RedemptionView): void;
  onReorg(cursor: number): void;
}

/** One event of a server-sent event stream. */
export interface SseEvent {
  event: string;
  id?: string;
  data: string;
}

/** Splits SSE text into events; returns them and the unfinished rest. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const events: SseEvent[] = [];
  const blocks = buffer.replace(/\r\n?/g, "\n").split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    const e: SseEvent = { event: "message", data: "" };
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line === "" || line.startsWith(":")) continue;
      const i = line.indexOf(":");
      const [field, value] = i < 0 ? [line, ""] : [line.slice(0, i), line.slice(i + 1).replace(/^ /, "")];
      if (field === "event") e.event = value;
      else if (field === "id") e.id = value;
      else if (field === "data") data.push(value);
    }
    e.data = data.join("\n");
    if (data.length > 0) events.push(e);
  }
  return { events, rest };
}

/** Follows the stream until the node closes it (then throws VOUCHERS_STREAM_CLOSED). */
export async function followRedemptions(o: FollowOptions): Promise<never> {
  const url = `${o.api.replace(/\/$/, "")}/v1/vouchers/redemptions/stream?issuer=${encodeURIComponent(o.issuer)}&after=${o.after}`;
  let cursor = o.after;
  const closed = (why: string) =>
    new TelchainError("VOUCHERS_STREAM_CLOSED", `${why}; resume with --after ${cursor}`);
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: EVENT_STREAM } });
  } catch (e) {
    throw closed(`cannot reach the node at ${o.api}: ${(e as Error).message}`);
  }
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => undefined)) as
      | { error?: { code: string; message: string } }
      | undefined;
    if (body?.error) throw new TelchainError(body.error.code, body.error.message);
    throw closed(`the node answered ${res.status}`);
  }
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of res.body) {
      buffer += decoder.decode(chunk, { stream: true });
      const { events, rest } = parseSse(buffer);
      buffer = rest;
      for (const e of events) {
        if (e.event === "redemption") {
          const r = JSON.parse(e.data) as RedemptionView;
          cursor = r.cursor;
          o.onRecord(r);
        } else if (e.event === "reorg") {
          cursor = (JSON.parse(e.data) as { cursor: number }).cursor;
          o.onReorg(cursor);
        }
      }
    }
  } catch (e) {
    throw closed(`the stream broke: ${(e as Error).message}`);
  }
  throw closed("the node closed the stream");
}
