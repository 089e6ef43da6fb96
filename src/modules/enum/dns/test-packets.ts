/** Decoding DNS responses in tests: dns-packet's result with the fields its types omit. */
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
