/**
 * Encoded responses for the current chain head, keyed by the query's bytes after its ID.
 *
 * Two queries equal in everything but the ID (flags, question with its exact case, EDNS
 * record) get byte-identical responses apart from the ID, so a hit needs no decoding at
 * all: copy the stored response and patch the 2-byte ID. UDP and TCP are kept apart (only
 * UDP truncates). Everything is dropped on every new head, since the answers, and the SOA
 * serial in every negative answer, follow the head.
 */
import type { Transport } from "./answer.js";

/** Entries per transport; when full the cache starts over, which bounds memory against random names. */
const DEFAULT_MAX_ENTRIES = 200_000;

export class ResponseCache {
  private readonly byTransport: Record<Transport, Map<string, Buffer>> = { udp: new Map(), tcp: new Map() };

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** The cache key of a query (its bytes after the ID). */
  static keyOf(query: Buffer): string {
    return query.toString("latin1", 2);
  }

  /** A fresh copy of the stored response with the query's ID, or undefined. */
  responseFor(transport: Transport, key: string, id: number): Buffer | undefined {
    const stored = this.byTransport[transport].get(key);
    if (stored === undefined) return undefined;
    const response = Buffer.allocUnsafe(stored.length);
    stored.copy(response);
    response.writeUInt16BE(id, 0);
    return response;
  }

  store(transport: Transport, key: string, response: Buffer): void {
    const entries = this.byTransport[transport];
    if (entries.size >= this.maxEntries) entries.clear();
    // A private copy: the caller's buffer goes to the socket and may be reused.
    entries.set(key, Buffer.from(response));
  }

  clear(): void {
    this.byTransport.udp.clear();
    this.byTransport.tcp.clear();
  }

  get size(): number {
    return this.byTransport.udp.size + this.byTransport.tcp.size;
  }
}
