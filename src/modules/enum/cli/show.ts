/** `enum show` and `enum verifiers`: reading the registry, with NAPTR lines as in a zone file. */
import { keyValues } from "../../../cli/output.js";
import type { NaptrRecord } from "../types.js";

export interface NumberView {
  number: string;
  owner: string;
  verifier: string;
  registeredAt: number;
  expiresAt: number;
  attestedUntil: number;
  served: boolean;
  status: string;
  records: NaptrRecord[];
}

export interface VerifierView {
  address: string;
  name: string;
  bond: string;
  registeredAt: number;
  active: boolean;
  revokedAt: number | null;
  revokedBy: string | null;
}

/** The ENUM domain of a number (RFC 6116): digits reversed, dot-separated, under e164.arpa. */
export function enumDomain(number: string): string {
  return `${[...number.replace(/^\+/, "")].reverse().join(".")}.e164.arpa.`;
}

/** A DNS <character-string> in zone-file syntax. */
function quoted(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

export function naptrLine(r: NaptrRecord): string {
  return `NAPTR ${r.order} ${r.preference} ${quoted(r.flags)} ${quoted(r.service)} ${quoted(r.regexp)} ${r.replacement}`;
}

export function formatNumber(v: NumberView): string {
  const head = keyValues([
    ["number", v.number],
    ["owner", v.owner],
    ["verifier", v.verifier],
    ["status", `${v.status}${v.served ? " (served over DNS)" : " (not served)"}`],
    ["registered", `height ${v.registeredAt}`],
    ["expires", `height ${v.expiresAt}`],
    ["attested", `until ${new Date(v.attestedUntil * 1000).toISOString()}`],
    ["records", v.records.length === 0 ? "none" : enumDomain(v.number)],
  ]);
  return [head, ...v.records.map((r) => `  ${naptrLine(r)}`)].join("\n");
}

export function formatVerifiers(list: VerifierView[]): string {
  if (list.length === 0) return "no verifiers";
  return list
    .map((v) => {
      const state = v.active ? "active" : `revoked at ${v.revokedAt} by ${v.revokedBy}`;
      return `${v.address}  ${state}  bond ${v.bond}  since ${v.registeredAt}  ${quoted(v.name)}`;
    })
    .join("\n");
}
