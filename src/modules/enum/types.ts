/**
 * What the DNS server needs from the registry (zone-source.ts): the records served for a
 * number at the current head. Numbers are given as their E.164 digits without "+".
 */
import type { NaptrRecord } from "./schemas.js";

export type { NaptrRecord };

export interface EnumZoneSource {
  /** NAPTR records served for this number, or undefined if the number is not served (unknown, expired, lapsed attestation). */
  records(digits: string): NaptrRecord[] | undefined;
  /** Whether some served number has these digits as a proper prefix (an empty non-terminal name in DNS). */
  hasDescendant(digits: string): boolean;
  /** Current head height (used as the SOA serial; changes with every block). */
  serial(): number;
}
