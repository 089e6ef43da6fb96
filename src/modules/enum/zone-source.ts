/**
 * The registry as the DNS server sees it (types.ts EnumZoneSource), read from the head
 * state on every query: one state get and SSZ decode for the number, one for its verifier.
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
import { type NaptrRecord, NumberEntry } from "./schemas.js";
import { numberStatus } from "./status.js";
import { NUMBER_PREFIX, numberKey, readParams } from "./store.js";
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

/** The digits of the numbers a head change's enum transactions name, or "all" (see the file comment). */
export function changedNumbers(change: HeadChange): Set<string> | "all" {
  if (change.disconnected.length > 0) return "all";
  const touched = new Set<string>();
  for (const block of change.connected) {
    for (const { body } of block.txs) {
      const module = textDecoder.decode(body.module);
      if (module === "numbers") return "all";
      if (module !== "enum") continue;
      const kind = textDecoder.decode(body.kind);
      if (kind === "commit") continue;
      if (!NUMBER_KINDS.has(kind)) return "all";
      let number: string;
      try {
        number = (enumKinds[kind as "set"].payload.deserialize(body.payload) as { number: string }).number;
      } catch {
        continue; // not decodable: the transaction failed and changed nothing
      }
      if (number[0] !== "+") continue; // refused the same way
      touched.add(number.slice(1));
    }
  }
  return touched;
}

export function zoneSource(q: QueryContext): EnumZoneSource {
  const served = (entry: NumberEntry) => numberStatus(entry, q) === "active";
  const lookup = (digits: string): ServedNumber | undefined => {
    if (!DIGITS.test(digits)) return undefined;
    const bytes = q.state().get(numberKey(digits));
    if (!bytes) return undefined;
    const entry = NumberEntry.deserialize(bytes);
    if (!served(entry)) return undefined;
    const records = entry.records;
    const pstn = portabilityRecord(q, digits);
    return {
      records: pstn ? [...records, pstn] : records,
      // numberStatus: active while height <= expiresAt and time <= attestedUntil + attestationGrace.
      until: {
        height: entry.expiresAt,
        timestamp: entry.attestedUntil + readParams(q.state()).attestationGrace,
      },
    };
  };

  return {
    records: (digits: string): NaptrRecord[] | undefined => lookup(digits)?.records,
    lookup,
    time: () => q.timestamp(),
    changed: changedNumbers,

    hasDescendant(digits: string): boolean {
      if (!/^[0-9]{0,14}$/.test(digits)) return false;
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
  };
}
