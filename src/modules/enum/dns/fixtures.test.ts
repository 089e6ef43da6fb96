/** Fixtures of the DNS tests (no tests here): decoding responses, an in-memory zone source. */
import dnsPacket from "dns-packet";

export interface RecordView {
  type: string;
  name: string;
  ttl?: number;
  class?: string;
  data?: unknown;
  // OPT pseudo-record fields.
  udpPayloadSize?: number;
  extendedRcode?: number;
  ednsVersion?: number;
  flag_do?: boolean;
}

export interface ResponseView {
  id: number;
  rcode: string;
  opcode: string;
  flag_qr: boolean;
  flag_aa: boolean;
  flag_tc: boolean;
  flag_rd: boolean;
  flag_ra: boolean;
  questions: { name: string; type: string; class: string }[];
  answers: RecordView[];
  authorities: RecordView[];
  additionals: RecordView[];
}

export function decodeResponse(packet: Buffer): ResponseView {
  return dnsPacket.decode(packet) as unknown as ResponseView;
}

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
