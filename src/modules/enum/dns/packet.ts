/**
 * The one place that imports dns-packet: re-exports its codecs with the few pieces its type
 * declarations omit (the question codec, used to echo the question bytes exactly as
 * received), plus the wire constants the server uses.
 */
import dnsPacket from "dns-packet";

export type {
  Answer,
  DecodedPacket,
  NaptrAnswer,
  OptAnswer,
  Packet,
  SoaAnswer,
  StringAnswer as NsAnswer,
} from "dns-packet";

interface QuestionCodec {
  /** `decode.bytes` holds the bytes consumed by the last call (dns-packet's convention). */
  readonly decode: { bytes: number } & ((buf: Buffer, offset: number) => { name: string });
}

export const decodePacket = dnsPacket.decode;
export const encodePacket = dnsPacket.encode;
export const packetLength = dnsPacket.encodingLength;
export const questionCodec = (dnsPacket as unknown as { question: QuestionCodec }).question;

export const HEADER_BYTES = 12;

export const Flag = {
  QR: 1 << 15,
  AA: dnsPacket.AUTHORITATIVE_ANSWER,
  TC: dnsPacket.TRUNCATED_RESPONSE,
  RD: dnsPacket.RECURSION_DESIRED,
  CD: dnsPacket.CHECKING_DISABLED,
} as const;

/** EDNS DO bit in the OPT record's flags (RFC 3225). */
export const EDNS_DO = dnsPacket.DNSSEC_OK;

export const Rcode = {
  NOERROR: 0,
  FORMERR: 1,
  SERVFAIL: 2,
  NXDOMAIN: 3,
  NOTIMP: 4,
  REFUSED: 5,
  /** Extended RCODE 16 (RFC 6891): upper 8 bits (1) go in the OPT record, lower 4 (0) in the header. */
  BADVERS: 16,
} as const;

export const OPCODE_QUERY = 0;

export const QType = {
  NS: 2,
  SOA: 6,
  NAPTR: 35,
  OPT: 41,
  IXFR: 251,
  AXFR: 252,
  MAILB: 253,
  MAILA: 254,
  ANY: 255,
} as const;

export const CLASS_IN = 1;
