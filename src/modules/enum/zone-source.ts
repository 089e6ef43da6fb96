/**
 * The registry as the DNS server sees it (types.ts EnumZoneSource), read from the head
 * state on every query: one state get and SSZ decode for the number (its verifier's standing
 * and the parameters are read once per head); a name with no number at or below it is told
 * by the prefix filter without a read.
 *
 * What a block can change here (`changed`): a number's entry only through an enum
 * transaction naming it (register, set, transfer, renew, reattest; commit changes nothing
 * served); a verifier's standing through the verifier kinds; a routing number (the
 * portability record) through the numbers module's transactions. Neither module has an
 * endBlock hook (zone-source.test.ts holds them to it), and the served status otherwise
 * moves only with the head's height and time, which `lookup`'s `until` bounds.
 */
import type { HeadChange, QueryContext } from "../../module/interface.js";
import type { ExpectedNumbers } from "./expected-keepers.js";
import { enumKinds } from "./kinds/index.js";
import { RegistryFilter } from "./registry-filter.js";
import { type EnumParams, type NaptrRecord, NumberEntry } from "./schemas.js";
import { numberStatus, type StatusReads, statusReads } from "./status.js";
import { NUMBER_PREFIX, numberKey } from "./store.js";
import type { EnumZoneSource, ServedNumber } from "./types.js";

/** Numbers below a name looked at before hasDescendant gives up and says yes (see below). */
const DESCENDANT_SCAN_LIMIT = 16;
const DIGITS = /^[0-9]{1,15}$/;

/**
 * RFC 4694 (number portability in tel: URIs): when the numbers module (portability) holds
 * this number with a routing number, the answer also carries a tel: URI with npdi and rn=,
 * so a resolver learns the serving carrier's routing number in the same lookup. Order and
 * preference 65535 sort it after the owner's own records.
 */
function portabilityRecord(q: QueryContext, digits: string): NaptrRecord | undefined {
  const rn = q.keeper<ExpectedNumbers>("numbers").routeOf(digits)?.routingNumber;
  if (rn === undefined) return undefined;
  return {
    order: 65535,
    preference: 65535,
    flags: "U",
    service: "E2U+pstn:tel",
    regexp: `!^.*$!tel:+${digits};npdi;rn=+${rn}!`,
    replacement: ".",
  };
}

/** The enum kinds whose payload names the one number they change. */
const NUMBER_KINDS = new Set(["register", "set", "transfer", "renew", "reattest"]);
const textDecoder = new TextDecoder();

/** The number an enum transaction names (register, set, transfer, renew, reattest), if any. */
function numberNamed(kind: string, payload: Uint8Array): string | undefined {
  if (!NUMBER_KINDS.has(kind)) return undefined;
  try {
    const { number } = enumKinds[kind as "set"].payload.deserialize(payload) as { number: string };
    return number[0] === "+" ? number.slice(1) : undefined; // else refused: nothing changed
  } catch {
    return undefined; // not decodable: the transaction failed and changed nothing
  }
}

/** The digits of every number the enum transactions of the connected blocks name. */
function namedNumbers(change: HeadChange): string[] {
  const named: string[] = [];
  for (const block of change.connected) {
    for (const { body } of block.txs) {
      if (textDecoder.decode(body.module) !== "enum") continue;
      const digits = numberNamed(textDecoder.decode(body.kind), body.payload);
      if (digits !== undefined) named.push(digits);
    }
  }
  return named;
}

/** The digits of the numbers a head change's enum transactions name, or "all" (see the file comment). */
export function changedNumbers(change: HeadChange): Set<string> | "all" {
  if (change.disconnected.length > 0) return "all";
  for (const block of change.connected) {
    for (const { body } of block.txs) {
      const module = textDecoder.decode(body.module);
      if (module === "numbers") return "all";
      if (module !== "enum") continue;
      const kind = textDecoder.decode(body.kind);
      if (kind !== "commit" && !NUMBER_KINDS.has(kind)) return "all";
    }
  }
  return new Set(namedNumbers(change));
}

export function zoneSource(q: QueryContext): EnumZoneSource {
  // What every lookup at one head shares: the parameters and the verifiers' standing.
  let memoHeight = -1;
  let params: EnumParams | undefined;
  const verifierStands = new Map<string, boolean>();
  const direct = statusReads(q);
  const atHead = () => {
    const height = q.height();
    if (height !== memoHeight) {
      memoHeight = height;
      params = undefined;
      verifierStands.clear();
    }
  };
  const reads: StatusReads = {
    params() {
      atHead();
      params ??= direct.params();
      return params;
    },
    verifierStands(pub) {
      atHead();
      const key = Buffer.from(pub).toString("latin1");
      let stands = verifierStands.get(key);
      if (stands === undefined) {
        stands = direct.verifierStands(pub);
        verifierStands.set(key, stands);
      }
      return stands;
    },
  };
  const served = (entry: NumberEntry) => numberStatus(entry, q, reads) === "active";
  // Built from the state after the first query (a page per turn of the event loop), then kept
  // in step by `changed`; a head it was not kept in step with (no `changed` call) rebuilds it.
  const filter = new RegistryFilter(q);
  let filterHeight = -1;
  /** False only when no number in the state is at or below `digits`. */
  const mayExist = (digits: string): boolean => {
    const height = q.height();
    if (filterHeight !== height) {
      if (filterHeight !== -1) filter.reset();
      filterHeight = height;
    }
    return filter.mayHold(digits);
  };

  const lookup = (digits: string): ServedNumber | undefined => {
    if (!DIGITS.test(digits) || !mayExist(digits)) return undefined;
    const bytes = q.state().get(numberKey(digits));
    if (!bytes) return undefined;
    const entry = NumberEntry.deserialize(bytes);
    if (!served(entry)) return undefined;
    const records = entry.records;
    const pstn = portabilityRecord(q, digits);
    return {
      records: pstn ? [...records, pstn] : records,
      // Served while height <= expiresAt and time <= attestedUntil + attestationGrace.
      until: { height: entry.expiresAt, timestamp: entry.attestedUntil + reads.params().attestationGrace },
    };
  };

  return {
    records: (digits: string): NaptrRecord[] | undefined => lookup(digits)?.records,
    lookup,
    time: () => q.timestamp(),

    changed(change?: HeadChange): Iterable<string> | "all" {
      memoHeight = -1; // a reorg may return to the same height with other verifiers
      if (change === undefined) {
        filter.reset(); // numbers may have come that nobody named: rebuilt after the next query
        return "all";
      }
      // Numbers the blocks registered join the filter before any query at this head.
      for (const digits of namedNumbers(change)) filter.add(digits);
      filterHeight = q.height();
      return changedNumbers(change);
    },

    hasDescendant(digits: string): boolean {
      if (!/^[0-9]{0,14}$/.test(digits) || !mayExist(digits)) return false;
      const exact = NUMBER_PREFIX.length + digits.length;
      const found = q.scan(numberKey(digits), DESCENDANT_SCAN_LIMIT + 1);
      for (const { key, value } of found) {
        if (key.length === exact) continue; // the name itself, not a descendant
        if (served(NumberEntry.deserialize(value))) return true;
      }
      // Many unserved numbers below this name before a served one: answer "exists" rather
      // than scan on. A wrong NXDOMAIN would deny the whole subtree (RFC 8020); a wrong
      // empty non-terminal only costs the resolver one more query.
      return found.length > DESCENDANT_SCAN_LIMIT; // the scan stopped at its limit
    },

    serial(): number {
      return q.height();
    },

    stop(): void {
      filter.stop();
    },
  };
}
