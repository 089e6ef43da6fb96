/**
 * Shared types of the ENUM module: the on-chain registry (state, transactions, API) and
 * the DNS server that answers for it meet here.
 */

/** One NAPTR record (RFC 3403) as an owner sets it for a number (RFC 6116). */
export interface NaptrRecord {
  order: number; // 0..65535
  preference: number; // 0..65535
  /** "U" for terminal ENUM rules (RFC 6116), "" for non-terminal. */
  flags: string;
  /** Enumservice, e.g. "E2U+sip", "E2U+voice:tel", "E2U+pstn:tel", "E2U+email:mailto". */
  service: string;
  /** Substitution expression, e.g. "!^.*$!sip:alice@example.com!". */
  regexp: string;
  /** Replacement domain name; "." when the regexp is used (RFC 3403). */
  replacement: string;
}

/**
 * What the DNS server needs from the registry: the records served for a number at the
 * current head. Numbers are given as their E.164 digits without "+".
 */
export interface EnumZoneSource {
  /** NAPTR records served for this number, or undefined if the number is not served (unknown, expired, lapsed attestation). */
  records(digits: string): NaptrRecord[] | undefined;
  /** Whether some served number has these digits as a proper prefix (an empty non-terminal name in DNS). */
  hasDescendant(digits: string): boolean;
  /** Current head height (used as the SOA serial; changes with every block). */
  serial(): number;
}
