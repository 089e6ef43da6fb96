/**
 * What the DNS server needs from the registry (zone-source.ts): the records served for a
 * number at the current head. Numbers are given as their E.164 digits without "+".
 */
import type { HeadChange } from "../../module/interface.js";
import type { NaptrRecord } from "./schemas.js";

export type { HeadChange, NaptrRecord };

/** A served number's records, and the head (height and time) up to which they stay served. */
export interface ServedNumber {
  records: NaptrRecord[];
  /** Served unchanged while the head's height and time are at most these, unless a block names the number. */
  until: { height: number; timestamp: number };
}

export interface EnumZoneSource {
  /** NAPTR records served for this number, or undefined if the number is not served (unknown, expired, lapsed attestation). */
  records(digits: string): NaptrRecord[] | undefined;
  /** Whether some served number has these digits as a proper prefix (an empty non-terminal name in DNS). */
  hasDescendant(digits: string): boolean;
  /** Current head height (used as the SOA serial; changes with every block). */
  serial(): number;
  /**
   * Optional, together with `time` and `changed`: lets the DNS server keep answers across
   * blocks. `lookup` is `records` with how long they stay served.
   */
  lookup?(digits: string): ServedNumber | undefined;
  /** Timestamp (seconds) of the head block. */
  time?(): number;
  /**
   * The numbers (digits) whose records or served status a head change may have changed, or
   * "all" when that cannot be told (a reorg, a verifier or portability change). A number
   * not listed answers as before, except for what `until` bounds. Called on every head
   * change, before any query at the new head; `change` absent: the blocks are unknown.
   */
  changed?(change?: HeadChange): Iterable<string> | "all";
  /** Ends the source's background work (the DNS server stopping). */
  stop?(): void;
}
