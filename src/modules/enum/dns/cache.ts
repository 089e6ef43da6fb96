/**
 * Encoded responses, keyed by the query's bytes after its ID.
 *
 * Two queries equal in everything but the ID (flags, question with its exact case, EDNS
 * record) get byte-identical responses apart from the ID, so a hit needs no decoding at
 * all: copy the stored response and patch the 2-byte ID. UDP and TCP are kept apart (only
 * UDP truncates).
 *
 * A response lasts one head, unless the answer logic says it can outlive it (answer.ts
 * Lasting): then it stays until a block names its number or a number below it
 * (`invalidate`), or until the head passes its `until`; the SOA serial in it is rewritten
 * to the current head's on every hit. `clear` drops everything (a reorg, or a change the
 * zone source cannot attribute to numbers).
 */
import type { Lasting, Transport } from "./answer.js";

/** Entries per transport; when full the oldest go first, which bounds memory against random names. */
const DEFAULT_MAX_ENTRIES = 250_000;

interface Entry {
  packet: Buffer;
  /** The head generation it was made at; for entries without `lasting`, the only one it is valid at. */
  generation: number;
  lasting: Lasting | undefined;
}

/** The head a hit is checked against (height and time, as a Lasting's `until`). */
export type HeadNow = NonNullable<Lasting["until"]>;

export class ResponseCache {
  private readonly byTransport: Record<Transport, Map<string, Entry>> = { udp: new Map(), tcp: new Map() };
  /** Keys of lasting entries by their digits, per transport, for `invalidate`. */
  private readonly byDigits: Record<Transport, Map<string, Set<string>>> = { udp: new Map(), tcp: new Map() };
  private generation = 0;

  constructor(private readonly maxEntries = DEFAULT_MAX_ENTRIES) {}

  /** The cache key of a query (its bytes after the ID). */
  static keyOf(query: Buffer): string {
    return query.toString("latin1", 2);
  }

  /**
   * A fresh copy of the stored response with the query's ID (and the head's SOA serial), or
   * undefined. `head` is read only for entries that outlive their head.
   */
  responseFor(transport: Transport, key: string, id: number, head: () => HeadNow): Buffer | undefined {
    const stored = this.byTransport[transport].get(key);
    if (stored === undefined) return undefined;
    const { lasting } = stored;
    let serial: number | undefined;
    if (stored.generation !== this.generation) {
      if (lasting === undefined) return undefined;
      const now = head();
      if (
        lasting.until !== undefined &&
        (now.height > lasting.until.height || now.timestamp > lasting.until.timestamp)
      )
        return undefined;
      serial = now.height;
    }
    const response = Buffer.allocUnsafe(stored.packet.length);
    stored.packet.copy(response);
    response.writeUInt16BE(id, 0);
    if (serial !== undefined && lasting?.serialAt !== undefined)
      response.writeUInt32BE(serial >>> 0, lasting.serialAt);
    return response;
  }

  store(transport: Transport, key: string, response: Buffer, lasting?: Lasting): void {
    const entries = this.byTransport[transport];
    const previous = entries.get(key);
    if (previous !== undefined) this.unindex(transport, key, previous);
    else if (entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest.
      const oldest = entries.keys().next().value as string;
      const entry = entries.get(oldest) as Entry;
      entries.delete(oldest);
      this.unindex(transport, oldest, entry);
    }
    // A private copy: the caller's buffer goes to the socket and may be reused.
    entries.set(key, { packet: Buffer.from(response), generation: this.generation, lasting });
    if (lasting !== undefined) {
      const index = this.byDigits[transport];
      let keys = index.get(lasting.digits);
      if (keys === undefined) {
        keys = new Set();
        index.set(lasting.digits, keys);
      }
      keys.add(key);
    }
  }

  /**
   * A new head whose blocks named `numbers`: entries of other heads stop being valid unless
   * they last, and lasting entries of those numbers or any of their prefixes (whose
   * NXDOMAIN may have become an empty non-terminal) are dropped.
   */
  newHead(numbers: Iterable<string>): void {
    this.generation++;
    for (const digits of numbers) {
      for (let length = 0; length <= digits.length; length++) this.dropDigits(digits.slice(0, length));
    }
  }

  clear(): void {
    this.generation++;
    for (const transport of ["udp", "tcp"] as const) {
      this.byTransport[transport].clear();
      this.byDigits[transport].clear();
    }
  }

  get size(): number {
    return this.byTransport.udp.size + this.byTransport.tcp.size;
  }

  private dropDigits(digits: string): void {
    for (const transport of ["udp", "tcp"] as const) {
      const keys = this.byDigits[transport].get(digits);
      if (keys === undefined) continue;
      this.byDigits[transport].delete(digits);
      const entries = this.byTransport[transport];
      for (const key of keys) entries.delete(key);
    }
  }

  private unindex(transport: Transport, key: string, entry: Entry): void {
    if (entry.lasting === undefined) return;
    const index = this.byDigits[transport];
    const keys = index.get(entry.lasting.digits);
    if (keys === undefined) return;
    keys.delete(key);
    if (keys.size === 0) index.delete(entry.lasting.digits);
  }
}
