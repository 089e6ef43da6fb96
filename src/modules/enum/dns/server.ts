/**
 * The authoritative ENUM DNS server: UDP (node:dgram) and TCP (node:net) on one address,
 * answering from the registry through an EnumZoneSource. Query logic is in answer.ts; this
 * file owns sockets, limits and the per-head response cache.
 */
import { createSocket, type Socket as UdpSocket } from "node:dgram";
import { createServer, isIP, type Server, type Socket } from "node:net";
import { TelchainError } from "../../../errors.js";
import type { EnumZoneSource, HeadChange } from "../types.js";
import { answerQuery, MAX_QUERY_BYTES, type Transport, type ZoneContext } from "./answer.js";
import { ResponseCache } from "./cache.js";
import { type ListenAddress, parseListenAddress } from "./listen-address.js";
import { normalizeApex } from "./names.js";
import { HEADER_BYTES } from "./packet.js";
import { frame, TcpFrameReader } from "./tcp-framing.js";

export interface DnsServerOptions {
  /** "HOST:PORT" (IP literal; port 0 picks a free port used for both UDP and TCP). */
  listen: string;
  /** Zones served, e.g. ["e164.arpa"]. */
  apexes: string[];
  source: EnumZoneSource;
  log: { info(o: object, m: string): void; warn(o: object, m: string): void };
  /**
   * Registers a listener called with the height of every new head, and the blocks that
   * changed it (without them every cached answer is dropped).
   */
  onHead(listener: (height: number, change?: HeadChange) => void): void;
  /**
   * Called once per query received: with the response's RCODE name (from its header; the
   * extended BADVERS shows as NOERROR there) and the transport, or with "dropped" when the
   * query got no answer.
   */
  onQuery?(rcode: string, transport: Transport): void;
}

/** Header RCODE names (RFC 1035, RFC 2136); others are shown as their number. */
const RCODE_NAMES = ["NOERROR", "FORMERR", "SERVFAIL", "NXDOMAIN", "NOTIMP", "REFUSED"];

function rcodeOf(packet: Buffer): string {
  const rcode = packet.length >= HEADER_BYTES ? packet.readUInt16BE(2) & 0xf : 0;
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

export interface DnsServer {
  stop(): Promise<void>;
  udpPort: number;
  tcpPort: number;
}

/** Concurrent TCP connections; more are refused by the kernel backlog / closed at once. */
const MAX_TCP_CONNECTIONS = 256;
/** A TCP connection idle this long is closed (RFC 7766 6.2.3 suggests seconds, not minutes). */
const TCP_IDLE_MS = 10_000;
/** A client that stops reading its answers is disconnected once this much is queued. */
const MAX_TCP_PENDING_WRITE = 256 * 1024;
/** Socket buffers large enough to absorb bursts (the kernel may cap them). */
const UDP_SOCKET_BUFFER = 4 * 1024 * 1024;
/** Attempts to find a port free for both UDP and TCP when the port is 0. */
const PORT_ATTEMPTS = 20;
/** At most one warning of a kind per interval, so a flood cannot flood the log. */
const WARN_INTERVAL_MS = 10_000;

export async function startDnsServer(opts: DnsServerOptions): Promise<DnsServer> {
  const address = parseListenAddress(opts.listen);
  const apexes = [...new Set(opts.apexes.map(normalizeApex))];
  if (apexes.length === 0)
    throw new TelchainError("DNS_APEX_INVALID", "the DNS server needs at least one apex");
  const zone: ZoneContext = { apexes, source: opts.source };
  const cache = new ResponseCache();
  const warn = throttledWarn(opts.log);
  const { source } = opts;
  // Answers outlive a head only when the source can say which numbers a block changed.
  opts.onHead((_height, change) => {
    const changed = source.changed !== undefined ? source.changed(change) : "all";
    if (changed === "all") cache.clear();
    else cache.newHead(changed);
  });
  const headNow = () => ({ height: source.serial(), timestamp: source.time?.() ?? 0 });

  const onQuery = opts.onQuery ?? (() => {});
  /** The response bytes for one query (counted by its RCODE), or undefined to stay silent. */
  const respond = (query: Buffer, transport: Transport): Buffer | undefined => {
    const response = answerOnce(query, transport);
    try {
      onQuery(response === undefined ? "dropped" : rcodeOf(response), transport);
    } catch (error) {
      // Counting must never cost an answer (socket handlers would rethrow it uncaught).
      warn("count", { error: String(error) }, "counting a DNS query failed");
    }
    return response;
  };
  const answerOnce = (query: Buffer, transport: Transport): Buffer | undefined => {
    const cacheKey =
      query.length >= HEADER_BYTES && query.length <= MAX_QUERY_BYTES
        ? ResponseCache.keyOf(query)
        : undefined;
    if (cacheKey !== undefined) {
      const hit = cache.responseFor(transport, cacheKey, query.readUInt16BE(0), headNow);
      if (hit !== undefined) return hit;
    }
    let outcome: ReturnType<typeof answerQuery>;
    try {
      outcome = answerQuery(query, zone, transport);
    } catch (error) {
      // A bug must cost one answer, not the node: socket handlers would rethrow it uncaught.
      warn("bug", { error: String(error) }, "DNS query handling threw; query dropped");
      return undefined;
    }
    if (outcome.kind === "drop") return undefined;
    if (outcome.problem !== undefined)
      warn("answer", { problem: outcome.problem }, "DNS answer failed (SERVFAIL)");
    if (outcome.cacheable && cacheKey !== undefined)
      cache.store(transport, cacheKey, outcome.packet, outcome.lasting);
    return outcome.packet;
  };

  const { udp, tcp, port } = await bindBoth(address, respond, warn);
  const connections = new Set<Socket>();
  tcp.on("connection", (socket) => serveTcpConnection(socket, connections, respond));
  opts.log.info({ host: address.host, port, apexes }, "ENUM DNS server listening (UDP and TCP)");

  let stopping: Promise<void> | undefined;
  return {
    udpPort: port,
    tcpPort: port,
    stop() {
      stopping ??= (async () => {
        for (const socket of connections) socket.destroy();
        await Promise.all([
          new Promise<void>((resolve) => udp.close(() => resolve())),
          new Promise<void>((resolve) => tcp.close(() => resolve())),
        ]);
        cache.clear();
        source.stop?.();
      })();
      return stopping;
    },
  };
}

type Respond = (query: Buffer, transport: Transport) => Buffer | undefined;
type Warn = (kind: string, o: object, m: string) => void;

function serveTcpConnection(socket: Socket, connections: Set<Socket>, respond: Respond): void {
  connections.add(socket);
  socket.on("close", () => connections.delete(socket));
  socket.on("error", () => socket.destroy());
  socket.setNoDelay(true);
  socket.setTimeout(TCP_IDLE_MS, () => socket.destroy());
  const reader = new TcpFrameReader(MAX_QUERY_BYTES);
  socket.on("data", (chunk: Buffer) => {
    const messages = reader.push(chunk);
    if (messages === "invalid") {
      socket.destroy();
      return;
    }
    if (messages.length === 0) return;
    // Pipelined queries (RFC 7766 6.2.1.1) are answered in order, in one write where possible.
    socket.cork();
    for (const message of messages) {
      const response = respond(message, "tcp");
      if (response !== undefined) socket.write(frame(response));
    }
    socket.uncork();
    if (socket.writableLength > MAX_TCP_PENDING_WRITE) socket.destroy();
  });
}

/** Binds TCP, then UDP on the same port; with port 0, retries until a port is free for both. */
async function bindBoth(
  address: ListenAddress,
  respond: Respond,
  warn: Warn,
): Promise<{ udp: UdpSocket; tcp: Server; port: number }> {
  for (let attempt = 1; ; attempt++) {
    const tcp = createServer({ noDelay: true });
    tcp.maxConnections = MAX_TCP_CONNECTIONS;
    tcp.on("error", (error) => warn("tcp", { error: String(error) }, "DNS TCP server error"));
    await listenTcp(tcp, address);
    const port = (tcp.address() as { port: number }).port;
    const udp = createSocket({ type: address.family === 6 ? "udp6" : "udp4", lookup: literalLookup });
    try {
      await bindUdp(udp, address.host, port);
    } catch (error) {
      udp.close();
      await new Promise<void>((resolve) => tcp.close(() => resolve()));
      const retry = address.port === 0 && (error as NodeJS.ErrnoException).code === "EADDRINUSE";
      if (retry && attempt < PORT_ATTEMPTS) continue;
      throw error;
    }
    for (const size of ["setRecvBufferSize", "setSendBufferSize"] as const) {
      try {
        udp[size](UDP_SOCKET_BUFFER);
      } catch {
        // The kernel refused the size; the default buffer still works.
      }
    }
    const sends = new SendBatch(udp);
    udp.on("message", (message, remote) => {
      const response = respond(message, "udp");
      if (response !== undefined) sends.add(response, remote.port, remote.address);
    });
    udp.on("error", (error) => warn("udp", { error: String(error) }, "DNS UDP socket error"));
    return { udp, tcp, port };
  }
}

/**
 * The socket's address "lookup": every address it is given (the listen address, a query's
 * source) is already an IP literal, so it is answered at once. Node's default (dns.lookup)
 * answers a literal a tick later, which put one more trip through the tick queue in front of
 * every UDP answer.
 */
export function literalLookup(
  address: string,
  _family: unknown,
  callback: (error: NodeJS.ErrnoException | null, address: string, family: number) => void,
): void {
  const version = isIP(address);
  if (version === 0) {
    const error: NodeJS.ErrnoException = new Error(`not an IP address: ${address}`);
    error.code = "EINVAL";
    callback(error, address, 0);
    return;
  }
  callback(null, address, version);
}

/**
 * UDP answers sent once per event-loop turn instead of one by one. Node reads up to 32 waiting
 * datagrams per turn and calls 'message' for each; their answers are queued and sent
 * back to back from setImmediate, after the last one was read. A client that sent a burst
 * then finds its answers already queued instead of being woken for each one: on loopback that
 * wake-up was a large share of the cost of an answer (docs/operating.md). The queue holds at
 * most one turn's answers.
 *
 * No send callback: Node schedules one per datagram when given (a tick even when the send
 * completed at once). Without it a failed send (e.g. a full socket buffer) is dropped
 * silently, like a datagram lost on the way, and never becomes an 'error' event.
 */
class SendBatch {
  private queued: { response: Buffer; port: number; address: string }[] = [];
  private closed = false;
  private readonly flush = () => {
    const batch = this.queued;
    this.queued = [];
    // A socket closed since (the server stopping) cannot send: its answers are dropped, like
    // datagrams lost on the way. A throw here would be uncaught (setImmediate) and stop the node.
    for (const { response, port, address } of batch) {
      if (this.closed) return;
      try {
        this.socket.send(response, port, address);
      } catch {
        this.closed = true;
      }
    }
  };

  constructor(private readonly socket: UdpSocket) {
    socket.once("close", () => {
      this.closed = true;
    });
  }

  add(response: Buffer, port: number, address: string): void {
    if (this.closed) return;
    if (this.queued.length === 0) setImmediate(this.flush);
    this.queued.push({ response, port, address });
  }
}

function listenTcp(server: Server, address: ListenAddress): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen({ host: address.host, port: address.port, ipv6Only: address.family === 6 }, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function bindUdp(socket: UdpSocket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off("error", reject);
      resolve();
    });
  });
}

function throttledWarn(log: DnsServerOptions["log"]): Warn {
  const last = new Map<string, { at: number; suppressed: number }>();
  return (kind, o, m) => {
    const now = Date.now();
    const entry = last.get(kind);
    if (entry !== undefined && now - entry.at < WARN_INTERVAL_MS) {
      entry.suppressed++;
      return;
    }
    log.warn({ ...o, suppressedSinceLast: entry?.suppressed ?? 0 }, m);
    last.set(kind, { at: now, suppressed: 0 });
  };
}
