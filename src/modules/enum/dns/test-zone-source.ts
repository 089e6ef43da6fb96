/**
 * An in-memory EnumZoneSource for the DNS tests and measurements: numbers with their NAPTR
 * records, a settable serial. Not used by the node (the registry implements the source).
 */
import type { EnumZoneSource, NaptrRecord } from "../types.js";

export class InMemoryZoneSource implements EnumZoneSource {
  private readonly numbers = new Map<string, NaptrRecord[]>();
  private readonly prefixes = new Set<string>();
  height = 1;

  set(digits: string, records: NaptrRecord[]): this {
    this.numbers.set(digits, records);
    for (let length = 1; length < digits.length; length++) this.prefixes.add(digits.slice(0, length));
    return this;
  }

  records(digits: string): NaptrRecord[] | undefined {
    return this.numbers.get(digits);
  }

  hasDescendant(digits: string): boolean {
    return this.prefixes.has(digits);
  }

  serial(): number {
    return this.height;
  }
}

/** A terminal SIP rule for a number, the common ENUM record. */
export function sipRecord(user: string, order = 100, preference = 10): NaptrRecord {
  return {
    order,
    preference,
    flags: "U",
    service: "E2U+sip",
    regexp: `!^.*$!sip:${user}@example.com!`,
    replacement: ".",
  };
}
