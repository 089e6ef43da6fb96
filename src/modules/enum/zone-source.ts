/**
 * The registry as the DNS server sees it (types.ts EnumZoneSource), read from the head
 * state on every query: one state get and SSZ decode for the number, one for its verifier.
 */
import type { QueryContext } from "../../module/interface.js";
import type { ExpectedNumbers } from "./expected-keepers.js";
import { type NaptrRecord, NumberEntry } from "./schemas.js";
import { numberStatus } from "./status.js";
import { NUMBER_PREFIX, numberKey } from "./store.js";
import type { EnumZoneSource } from "./types.js";

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

export function zoneSource(q: QueryContext): EnumZoneSource {
  const served = (entry: NumberEntry) => numberStatus(entry, q) === "active";

  return {
    records(digits: string): NaptrRecord[] | undefined {
      if (!DIGITS.test(digits)) return undefined;
      const bytes = q.state().get(numberKey(digits));
      if (!bytes) return undefined;
      const entry = NumberEntry.deserialize(bytes);
      if (!served(entry)) return undefined;
      const records = entry.records;
      const pstn = portabilityRecord(q, digits);
      return pstn ? [...records, pstn] : records;
    },

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
