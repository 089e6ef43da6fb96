/**
 * Builds the wire response for one DNS query against the ENUM zones (RFC 6116): decoding
 * with dns-packet, the authoritative answer logic, EDNS0 (RFC 6891) and UDP truncation.
 * Pure apart from reading the zone source; the sockets live in server.ts.
 *
 * Decisions (documented here because a resolver will depend on them):
 * - The question is echoed byte for byte, so its case (and any unknown type or class) comes
 *   back exactly as asked; answer owner names use the question's spelling too.
 * - Minimal responses: positive answers carry no NS in the authority section; negative ones
 *   (NXDOMAIN, NODATA) carry the apex SOA for negative caching (RFC 2308).
 * - ANY at a number returns its whole NAPTR set (the only type there), at the apex SOA + NS:
 *   the full answer, small enough that RFC 8482's minimal ANY would gain nothing.
 * - Zone transfers (AXFR/IXFR) are REFUSED: the zone lives on the chain, not in a file.
 * - Classes other than IN and names outside every apex are REFUSED without the AA bit.
 */
import type { EnumZoneSource } from "../types.js";
import { locateName } from "./names.js";
import {
  type Answer,
  CLASS_IN,
  type DecodedPacket,
  decodePacket,
  EDNS_DO,
  encodePacket,
  Flag,
  HEADER_BYTES,
  OPCODE_QUERY,
  type OptAnswer,
  packetLength,
  QType,
  questionCodec,
  Rcode,
} from "./packet.js";
import { naptrProblem, naptrRecord, nsRecord, soaRecord } from "./records.js";

/** UDP payload size we advertise and the most we send over UDP to an EDNS client (DNS flag day 2020). */
export const EDNS_UDP_PAYLOAD = 1232;
/** The UDP limit for a client without EDNS (RFC 1035). */
export const CLASSIC_UDP_LIMIT = 512;
/** Longer queries are refused (FORMERR over UDP; the TCP reader closes the connection). */
export const MAX_QUERY_BYTES = 4096;
/** The 2-byte TCP length prefix caps every message. */
const MAX_TCP_MESSAGE = 0xffff;

export type Transport = "udp" | "tcp";

export interface ZoneContext {
  /** Normalized apexes (see normalizeApex). */
  apexes: readonly string[];
  source: EnumZoneSource;
}

/**
 * How long a cacheable reply stays right beyond the current head: until a block names
 * `digits` or one of its extensions (see EnumZoneSource.changed), and, when `until` is
 * given, while the head's height and time stay within it. A reply with `serialAt` carries
 * the SOA serial (the head height) at that byte offset, to be rewritten for a later head.
 */
export interface Lasting {
  digits: string;
  until?: { height: number; timestamp: number };
  serialAt?: number;
}

export type QueryOutcome =
  | { kind: "drop"; reason: string }
  | {
      kind: "reply";
      packet: Buffer;
      /** Whether the same query bytes get the same reply until the head changes. */
      cacheable: boolean;
      /** Set when the reply may also outlive the head (see Lasting). */
      lasting?: Lasting;
      /** Set when something is wrong on our side (SERVFAIL) and worth a log line. */
      problem?: string;
    };

/** The zone's verdict for a question, before encoding. */
interface Verdict {
  rcode: number;
  authoritative: boolean;
  answers: Answer[];
  authorities: Answer[];
  problem?: string;
  /** For a number's answer from a source that can say what a block changed: how it lasts (no serialAt yet). */
  lasting?: Lasting;
}

/** Bytes of the OPT record we send (root name, fixed fields, no options): it follows the SOA. */
const OPT_RECORD_BYTES = 11;
/** The SOA serial's distance from the end of the SOA RDATA (serial, refresh, retry, expire, minimum). */
const SOA_SERIAL_FROM_END = 20;

export function answerQuery(query: Buffer, zone: ZoneContext, transport: Transport): QueryOutcome {
  // The header is fixed-size: its ID and flags are read even when the rest cannot be decoded,
  // so that a response is never answered (no reflection loops) and FORMERR can carry the ID.
  if (query.length < HEADER_BYTES) return { kind: "drop", reason: "shorter than a DNS header" };
  const id = query.readUInt16BE(0);
  const queryFlags = query.readUInt16BE(2);
  if (queryFlags & Flag.QR) return { kind: "drop", reason: "a response, not a query" };
  const opcode = (queryFlags >> 11) & 0xf;
  // Flags a response copies from the query: opcode, RD, CD.
  const copiedFlags = (opcode << 11) | (queryFlags & (Flag.RD | Flag.CD));
  const headerOnly = (rcode: number): QueryOutcome => ({
    kind: "reply",
    packet: encodePacket({ id, type: "response", flags: copiedFlags | rcode }),
    cacheable: false,
  });

  if (query.length > MAX_QUERY_BYTES) return headerOnly(Rcode.FORMERR);
  let questionName: string;
  let questionEnd: number;
  let additionals: DecodedPacket["additionals"];
  const simple = simpleQuery(query);
  if (simple !== undefined) {
    ({ questionName, questionEnd } = simple);
    additionals = simple.opt === undefined ? [] : [simple.opt];
  } else {
    let decoded: DecodedPacket;
    try {
      decoded = decodePacket(query);
    } catch {
      return headerOnly(Rcode.FORMERR);
    }
    const questions = decoded.questions ?? [];
    if (questions.length !== 1) return headerOnly(opcode === OPCODE_QUERY ? Rcode.FORMERR : Rcode.NOTIMP);
    questionName = questions[0].name;
    // dns-packet leaves the length of the last question it decoded in `question.decode.bytes`:
    // with exactly one question that is ours, which saves decoding it a second time.
    questionEnd = HEADER_BYTES + questionCodec.decode.bytes;
    additionals = decoded.additionals;
  }
  const question = query.subarray(HEADER_BYTES, questionEnd);
  const qtype = query.readUInt16BE(questionEnd - 4);
  const qclass = query.readUInt16BE(questionEnd - 2);
  const encode = (verdict: Verdict, opt: OptAnswer | undefined, cacheable: boolean, udpLimit: number) =>
    encodeReply({ id, copiedFlags, question, verdict, opt, transport, udpLimit, cacheable });

  if (opcode !== OPCODE_QUERY) return encode(bare(Rcode.NOTIMP), undefined, false, CLASSIC_UDP_LIMIT);

  const opts = (additionals ?? []).filter((record): record is OptAnswer => record.type === "OPT");
  if (opts.length > 1 || (opts.length === 1 && opts[0].name !== ".")) return headerOnly(Rcode.FORMERR);
  const clientOpt = opts[0];
  let opt: OptAnswer | undefined;
  let udpLimit = CLASSIC_UDP_LIMIT;
  if (clientOpt !== undefined) {
    udpLimit = Math.min(Math.max(clientOpt.udpPayloadSize, CLASSIC_UDP_LIMIT), EDNS_UDP_PAYLOAD);
    opt = {
      type: "OPT",
      name: ".",
      udpPayloadSize: EDNS_UDP_PAYLOAD,
      extendedRcode: 0,
      ednsVersion: 0,
      // RFC 3225: the DO bit is copied; we sign nothing, so no RRSIGs follow from it.
      flags: clientOpt.flags & EDNS_DO,
      flag_do: (clientOpt.flags & EDNS_DO) !== 0,
      options: [],
    };
    if (clientOpt.ednsVersion > 0) {
      opt.extendedRcode = Rcode.BADVERS >> 4;
      return encode(bare(Rcode.BADVERS & 0xf), opt, true, udpLimit);
    }
  }

  if (qtype === QType.OPT) return encode(bare(Rcode.FORMERR), opt, false, udpLimit);
  let verdict: Verdict;
  try {
    verdict = resolve(questionName, qtype, qclass, zone);
  } catch (error) {
    verdict = { ...bare(Rcode.SERVFAIL), problem: `zone source failed: ${String(error)}` };
  }
  return encode(verdict, opt, verdict.rcode !== Rcode.SERVFAIL, udpLimit);
}

/** Label bytes the simple path accepts: letters, digits, hyphen, underscore (no escaping needed). */
function plainLabelByte(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 95;
}

/**
 * The common query read without dns-packet: one question with a plain uncompressed name, no
 * answer or authority records, and at most one additional, an OPT at the root, ending the
 * message. Gives what decodePacket would (the name as dns-packet spells it, the OPT fields
 * answerQuery reads); anything else is undefined and takes the full decoder.
 */
export function simpleQuery(
  query: Buffer,
): { questionName: string; questionEnd: number; opt: OptAnswer | undefined } | undefined {
  if (query.readUInt16BE(4) !== 1 || query.readUInt16BE(6) !== 0 || query.readUInt16BE(8) !== 0)
    return undefined;
  const arcount = query.readUInt16BE(10);
  if (arcount > 1) return undefined;
  let offset = HEADER_BYTES;
  let name = "";
  for (;;) {
    if (offset >= query.length) return undefined;
    const length = query[offset];
    if (length === 0) break;
    if (length > 63 || offset + 1 + length > query.length) return undefined;
    for (let i = offset + 1; i <= offset + length; i++) if (!plainLabelByte(query[i])) return undefined;
    name += (name === "" ? "" : ".") + query.toString("latin1", offset + 1, offset + 1 + length);
    offset += 1 + length;
  }
  if (name === "" || offset - HEADER_BYTES + 1 > 255) return undefined;
  const questionEnd = offset + 1 + 4;
  if (questionEnd > query.length) return undefined;
  if (arcount === 0)
    return questionEnd === query.length ? { questionName: name, questionEnd, opt: undefined } : undefined;
  // The OPT record: root name, TYPE 41, CLASS = payload size, TTL = rcode/version/flags, RDATA.
  const end = questionEnd + 11;
  if (end > query.length || query[questionEnd] !== 0 || query.readUInt16BE(questionEnd + 1) !== QType.OPT)
    return undefined;
  const rdlength = query.readUInt16BE(questionEnd + 9);
  if (end + rdlength !== query.length) return undefined;
  const flags = query.readUInt16BE(questionEnd + 7);
  const opt: OptAnswer = {
    type: "OPT",
    name: ".",
    udpPayloadSize: query.readUInt16BE(questionEnd + 3),
    extendedRcode: query[questionEnd + 5],
    ednsVersion: query[questionEnd + 6],
    flags,
    flag_do: (flags & EDNS_DO) !== 0,
    options: [],
  };
  return { questionName: name, questionEnd, opt };
}

function bare(rcode: number): Verdict {
  return { rcode, authoritative: false, answers: [], authorities: [] };
}

/** The authoritative answer logic for one question. */
function resolve(name: string, qtype: number, qclass: number, zone: ZoneContext): Verdict {
  if (qclass !== CLASS_IN) return bare(Rcode.REFUSED);
  const location = locateName(name, zone.apexes);
  if (location.kind === "outside") return bare(Rcode.REFUSED);
  if (qtype === QType.AXFR || qtype === QType.IXFR) return bare(Rcode.REFUSED);

  const { apex } = location;
  const answer = (answers: Answer[]): Verdict => ({
    rcode: Rcode.NOERROR,
    authoritative: true,
    answers,
    authorities: [],
  });
  const negative = (rcode: number): Verdict => ({
    rcode,
    authoritative: true,
    answers: [],
    authorities: [soaRecord(apex, zone.source.serial())],
  });

  switch (location.kind) {
    case "apex": {
      const soa = { ...soaRecord(apex, zone.source.serial()), name };
      if (qtype === QType.SOA) return answer([soa]);
      if (qtype === QType.NS) return answer([nsRecord(name, apex)]);
      if (qtype === QType.ANY) return answer([soa, nsRecord(name, apex)]);
      return negative(Rcode.NOERROR);
    }
    case "invalid":
      return negative(Rcode.NXDOMAIN);
    case "number": {
      const { source } = zone;
      const { digits } = location;
      // A source that can tell what a block changed lets the answer outlive the head.
      const lasts = source.lookup !== undefined && source.changed !== undefined && source.time !== undefined;
      const served = lasts ? source.lookup?.(digits) : undefined;
      const records = lasts ? served?.records : source.records(digits);
      if (records === undefined) {
        // An empty non-terminal (NOERROR) can end with the time alone (its numbers lapse):
        // only NXDOMAIN lasts, until a block names a number at or below this name.
        if (source.hasDescendant(digits)) return negative(Rcode.NOERROR);
        return { ...negative(Rcode.NXDOMAIN), lasting: lasts ? { digits } : undefined };
      }
      const until = served?.until;
      if ((qtype !== QType.NAPTR && qtype !== QType.ANY) || records.length === 0) {
        // NODATA at a served number: its SOA serial follows the head, so it lasts like the records.
        return { ...negative(Rcode.NOERROR), lasting: until ? { digits, until } : undefined };
      }
      for (const record of records) {
        const problem = naptrProblem(record);
        if (problem !== undefined) {
          return { ...bare(Rcode.SERVFAIL), problem: `number ${digits}: ${problem}` };
        }
      }
      return {
        ...answer(records.map((record) => naptrRecord(name, record))),
        lasting: until ? { digits, until } : undefined,
      };
    }
  }
}

interface ReplyParts {
  id: number;
  copiedFlags: number;
  question: Buffer;
  verdict: Verdict;
  opt: OptAnswer | undefined;
  transport: Transport;
  udpLimit: number;
  cacheable: boolean;
}

function encodeReply(parts: ReplyParts): QueryOutcome {
  const { verdict, transport } = parts;
  const flags = parts.copiedFlags | (verdict.authoritative ? Flag.AA : 0) | verdict.rcode;
  const full = encodeWithQuestion(parts, flags, verdict.answers, verdict.authorities);
  const problem = verdict.problem;
  if (transport === "udp" && full.length > parts.udpLimit) {
    // RFC 2181 9 / RFC 7766: signal truncation with an empty answer; the client retries over TCP.
    const truncated = encodeWithQuestion(parts, flags | Flag.TC, [], []);
    return { kind: "reply", packet: truncated, cacheable: parts.cacheable, problem };
  }
  if (full.length > MAX_TCP_MESSAGE) {
    const failed = encodeWithQuestion(parts, parts.copiedFlags | Rcode.SERVFAIL, [], []);
    return { kind: "reply", packet: failed, cacheable: false, problem: "answer larger than 65535 bytes" };
  }
  let lasting: Lasting | undefined;
  if (parts.cacheable && verdict.lasting !== undefined) {
    const soaLast = verdict.answers.length === 0 && verdict.authorities.length === 1;
    lasting = soaLast
      ? {
          ...verdict.lasting,
          serialAt: full.length - (parts.opt === undefined ? 0 : OPT_RECORD_BYTES) - SOA_SERIAL_FROM_END,
        }
      : verdict.lasting;
  }
  return { kind: "reply", packet: full, cacheable: parts.cacheable, lasting, problem };
}

/**
 * dns-packet encodes everything but the question, which is spliced in as received (its
 * re-encoding would lose the bytes dns-packet cannot represent); QDCOUNT is then set to 1.
 * The body is encoded straight into place after a gap for the question: its 12-byte header
 * lands inside the gap and is moved to the front.
 */
function encodeWithQuestion(
  parts: ReplyParts,
  flags: number,
  answers: Answer[],
  authorities: Answer[],
): Buffer {
  const body = {
    id: parts.id,
    type: "response" as const,
    flags,
    answers,
    authorities,
    additionals: parts.opt === undefined ? [] : [parts.opt],
  };
  const { question } = parts;
  const packet = Buffer.allocUnsafe(question.length + packetLength(body));
  encodePacket(body, packet, question.length);
  packet.copyWithin(0, question.length, question.length + HEADER_BYTES);
  question.copy(packet, HEADER_BYTES);
  packet.writeUInt16BE(1, 4);
  return packet;
}
