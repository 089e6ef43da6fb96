/**
 * DNS clients for tests, against a server on 127.0.0.1:PORT:
 * - `resolverAt`: Node's own resolver (c-ares, ships with Node): what a stock client sees —
 *   records, NXDOMAIN (ENOTFOUND), NODATA (ENODATA), REFUSED (EREFUSED), and c-ares's own
 *   retry over TCP when a UDP answer is truncated.
 * - `ask`: one raw query over UDP or TCP (dns-packet), for what c-ares does not expose: the
 *   header flags (AA, TC), the authority section, EDNS.
 * - `dig`: the real `dig` (needs DIG, see tools.ts), parsed.
 */
import { execFile } from "node:child_process";
import { createSocket } from "node:dgram";
import { promises as dns } from "node:dns";
import { connect } from "node:net";
import { promisify } from "node:util";
import dnsPacket from "dns-packet";

const run = promisify(execFile);

/**
 * Node's c-ares resolver, asking only 127.0.0.1:port (2 s per try, 2 tries). Take a new one
 * for each lookup that must see a change: c-ares may cache answers per resolver (for their TTL).
 */
export function resolverAt(port: number): dns.Resolver {
  const resolver = new dns.Resolver({ timeout: 2000, tries: 2 });
  resolver.setServers([`127.0.0.1:${port}`]);
  return resolver;
}

/** The error code a c-ares lookup rejected with (ENOTFOUND = NXDOMAIN, ENODATA = NODATA, EREFUSED, ...). */
export async function resolveError(lookup: Promise<unknown>): Promise<string> {
  try {
    await lookup;
  } catch (e) {
    return String((e as { code?: unknown }).code);
  }
  throw new Error("the lookup succeeded; an error was expected");
}

/** A decoded response, as dns-packet gives it (its typings omit rcode and mix in OPT). */
export interface DnsResponse {
  id: number;
  rcode: string;
  flag_aa: boolean;
  flag_tc: boolean;
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
}

export interface DnsRecord {
  name: string;
  type: string;
  ttl?: number;
  class?: string;
  data?: unknown;
  /** OPT only. */
  udpPayloadSize?: number;
}

export interface AskOptions {
  /** Over TCP (length-prefixed) instead of UDP. */
  tcp?: boolean;
  /** Add an OPT record advertising this UDP payload size; absent = a query without EDNS. */
  edns?: number;
  /** Query ID (default 1). */
  id?: number;
  timeoutMs?: number;
}

/** One query for name/type, decoded; rejects on timeout. RD is not set (like dig +norec). */
export async function ask(
  port: number,
  name: string,
  type: dnsPacket.RecordType,
  opts: AskOptions = {},
): Promise<DnsResponse> {
  const query = dnsPacket.encode({
    id: opts.id ?? 1,
    type: "query",
    questions: [{ name, type, class: "IN" }],
    additionals:
      opts.edns === undefined
        ? []
        : [{ type: "OPT", name: ".", udpPayloadSize: opts.edns } as dnsPacket.Answer],
  });
  const timeoutMs = opts.timeoutMs ?? 2000;
  const response = opts.tcp ? await tcpOnce(port, query, timeoutMs) : await udpOnce(port, query, timeoutMs);
  const decoded = dnsPacket.decode(response) as unknown as DnsResponse;
  return {
    ...decoded,
    answers: decoded.answers ?? [],
    authorities: decoded.authorities ?? [],
    additionals: decoded.additionals ?? [],
  };
}

function udpOnce(port: number, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = createSocket("udp4");
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP answer from 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("message", (message) => {
      clearTimeout(timer);
      socket.close();
      resolve(message);
    });
    socket.send(query, port, "127.0.0.1");
  });
}

function tcpOnce(port: number, query: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let pending = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no TCP answer from 127.0.0.1:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on("connect", () => {
      const length = Buffer.alloc(2);
      length.writeUInt16BE(query.length);
      socket.write(Buffer.concat([length, query]));
    });
    socket.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socket.on("data", (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      if (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        clearTimeout(timer);
        socket.destroy();
        resolve(pending.subarray(2, 2 + pending.readUInt16BE(0)));
      }
    });
  });
}

export interface DigResult {
  output: string;
  /** The rcode of the answer shown (after a TC retry dig prints two headers: the last one). */
  status: string;
  flags: string[];
  /** ANSWER SECTION lines, whitespace-split. */
  answers: string[][];
  /** AUTHORITY SECTION lines, whitespace-split. */
  authority: string[][];
}

/** Runs `dig @127.0.0.1 -p PORT +norec +time=2 +tries=2 ARGS...` (asynchronously: the server may be in this process). */
export async function dig(port: number, ...args: string[]): Promise<DigResult> {
  const { stdout } = await run("dig", [
    "@127.0.0.1",
    "-p",
    String(port),
    "+norec",
    "+time=2",
    "+tries=2",
    ...args,
  ]);
  const section = (title: string): string[][] => {
    const found = [...stdout.matchAll(new RegExp(`;; ${title} SECTION:\\n([\\s\\S]*?)(?:\\n\\n|$)`, "g"))].at(
      -1,
    );
    return (found?.[1] ?? "")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => line.trim().split(/\s+/));
  };
  return {
    output: stdout,
    status: [...stdout.matchAll(/status: (\w+)/g)].at(-1)?.[1] ?? "",
    flags: ([...stdout.matchAll(/;; flags: ([^;]*);/g)].at(-1)?.[1] ?? "").trim().split(/\s+/),
    answers: section("ANSWER"),
    authority: section("AUTHORITY"),
  };
}
