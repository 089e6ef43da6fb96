/**
 * A usage record in its canonical form, shared by the offline tools (rating, commitment,
 * proofs) and the chain (dispute evidence): the same bytes and the same leaf hash everywhere.
 *
 *   canonical line = record_id,service,start_utc,quantity,calling,called
 *     record_id  1 to 64 of [A-Za-z0-9._:-]
 *     service    voice | sms | data
 *     start_utc  YYYY-MM-DDTHH:MM:SSZ (an input with fractional seconds is cut to the second)
 *     quantity   a whole number 0 .. 2^64-1, decimal without leading zeros
 *     calling, called  E.164 with "+"
 *   leaf = taggedHash("telchain/settlement/record/v1", UTF-8 of the canonical line)
 *
 * A commitment's root is the RFC 6962 Merkle root (src/chain/merkle.ts) over the leaves of the
 * accepted records sorted by record_id (ids are ASCII, so string order is byte order).
 */
import type { ValueOf } from "@chainsafe/ssz";
import { taggedHash, utf8 } from "../../../crypto/hash.js";
import type { RecordFields } from "../agreements/schemas.js";
import { utcText } from "../utc.js";

export const SERVICES = ["voice", "sms", "data"] as const;
export type Service = (typeof SERVICES)[number];

/** A record: its fields as dispute evidence carries them (RecordFields), the service one of SERVICES. */
export type UsageRecord = Omit<ValueOf<typeof RecordFields>, "service"> & { service: Service };

export const LEAF_DOMAIN = "telchain/settlement/record/v1";

export { utcText };

export function canonicalLine(r: UsageRecord): string {
  return [r.recordId, r.service, utcText(r.start), r.quantity.toString(), r.calling, r.called].join(",");
}

/** The Merkle leaf of a record (a 32-byte hash). */
export const recordLeaf = (r: UsageRecord): Uint8Array => taggedHash(LEAF_DOMAIN, utf8(canonicalLine(r)));
