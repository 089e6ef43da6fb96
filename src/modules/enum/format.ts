/** The CLI's human output of ENUM numbers and verifiers, browser-safe: the lookup declares it. */
import { keyValues } from "../../cli/output.js";
import { numberToName } from "./dns/names.js";
import type { EnumNumberView, EnumVerifierView } from "./routes.js";
import type { NaptrRecord } from "./schemas.js";

/** A DNS <character-string> in zone-file syntax. */
const quoted = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
export const naptrLine = (r: NaptrRecord) =>
  `  NAPTR ${r.order} ${r.preference} ${quoted(r.flags)} ${quoted(r.service)} ${quoted(r.regexp)} ${r.replacement}`;

export function formatNumber(v: EnumNumberView): string {
  const head = keyValues([
    ["number", v.number],
    ["owner", v.owner],
    ["verifier", v.verifier],
    ["status", `${v.status}${v.served ? " (served over DNS)" : " (not served)"}`],
    ["registered", `height ${v.registeredAt}`],
    ["expires", `height ${v.expiresAt}`],
    ["attested", `until ${new Date(v.attestedUntil * 1000).toISOString()}`],
    ["records", v.records.length === 0 ? "none" : `${numberToName(v.number.slice(1), "e164.arpa")}.`],
  ]);
  return [head, ...v.records.map(naptrLine)].join("\n");
}

export function formatVerifier(v: EnumVerifierView): string {
  const state = v.active ? "active" : `revoked at ${v.revokedAt} by ${v.revokedBy}`;
  return `${v.address}  ${state}  bond ${v.bond}  since ${v.registeredAt}  ${quoted(v.name)}`;
}
