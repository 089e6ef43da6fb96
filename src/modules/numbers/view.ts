/** The JSON form of a number (the dip answer), shared by the API route, the CLI and tests. */
import { encodeAddress } from "../../crypto/address.js";
import type { StateReader } from "../../state/view.js";
import type { E164 } from "../../telephony/e164.js";
import { EVENT_KINDS, type EventKind } from "./schemas.js";
import { readHistory, readPort, readRecord } from "./store.js";

/** History events returned at most (the latest ones). */
export const MAX_HISTORY_SHOWN = 100;

export interface HistoryView {
  seq: number;
  kind: EventKind;
  height: number;
  fromCarrier: string | null;
  toCarrier: string | null;
  routingNumber: string | null;
}

export interface NumberView {
  number: string;
  holder: string;
  carrier: string;
  /** Digits (no "+"); null while the claim is pending. */
  routingNumber: string | null;
  ported: boolean;
  /** pending-confirmation while the next block may still confirm; claim-lapsed after confirmBy. */
  status: "pending-confirmation" | "claim-lapsed" | "active";
  deposit: string;
  claimedAt: number;
  /** Last height for the carrier's confirmation (while pending). */
  confirmBy: number | null;
  confirmedAt: number | null;
  /** A port the next block may still accept (lapsed ones are left out). */
  pendingPort?: { toCarrier: string; requestedAt: number; deadline: number };
  /** The latest MAX_HISTORY_SHOWN events, oldest first (also events of earlier holders). */
  history: HistoryView[];
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);
const orNull = (b: Uint8Array) => (b.length === 0 ? null : text(b));

/** The number as the API shows it at `height`, or undefined when it is not claimed. */
export function numberView(state: StateReader, n: E164, height: number): NumberView | undefined {
  const r = readRecord(state, n.digits);
  if (!r) return undefined;
  const port = readPort(state, n.digits);
  // `height` is the head: the next block (height + 1) is the first that could still act,
  // so a claim or port whose deadline is the head has lapsed.
  const livePort = port && height < port.deadline ? port : undefined;
  return {
    number: n.text,
    holder: encodeAddress(r.holder),
    carrier: text(r.carrier),
    routingNumber: r.active ? orNull(r.routingNumber) : null,
    ported: r.ported,
    status: r.active ? "active" : height >= r.confirmBy ? "claim-lapsed" : "pending-confirmation",
    deposit: r.deposit.toString(),
    claimedAt: r.claimedAt,
    confirmBy: r.active ? null : r.confirmBy,
    confirmedAt: r.active ? r.confirmedAt : null,
    ...(livePort
      ? {
          pendingPort: {
            toCarrier: text(livePort.toCarrier),
            requestedAt: livePort.requestedAt,
            deadline: livePort.deadline,
          },
        }
      : {}),
    history: readHistory(state, n.digits, MAX_HISTORY_SHOWN).map(({ seq, event }) => ({
      seq,
      kind: EVENT_KINDS[event.kind] ?? "claimed",
      height: event.height,
      fromCarrier: orNull(event.fromCarrier),
      toCarrier: orNull(event.toCarrier),
      routingNumber: orNull(event.routingNumber),
    })),
  };
}
