/**
 * `telchain device ...`: register, transfer (offer), accept, cancel-transfer, report-stolen,
 * flag (a carrier operator), recover, all signed (--from); and show. A malformed IMEI, reason
 * or evidence is refused before anything is sent.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { fromHexOrUndefined, toHex } from "../../bytes.js";
import { keyValues } from "../../cli/output.js";
import { signedCommand } from "../../cli/signed-command.js";
import { decodeAddress } from "../../crypto/address.js";
import { sha256 } from "../../crypto/hash.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import type { ModuleCall } from "../../module/kind.js";
import { parseImei } from "../../telephony/imei.js";
import { devicesCalls } from "./kinds/index.js";
import { REASONS } from "./schemas.js";

type Opts = Record<string, unknown>;
type Extra = Record<string, string | null>;
const imeiArg = (raw: string) => parseImei(raw, "DEVICES_BAD_IMEI");
const badEvidence = (message: string) => new TelchainError("DEVICES_BAD_EVIDENCE", message);

/** --evidence HEX (32 bytes) or --evidence-file FILE (its SHA-256; the file stays here), else zeros. */
function parseEvidence(opts: { evidence?: string; evidenceFile?: string }): Uint8Array {
  if (opts.evidence !== undefined && opts.evidenceFile !== undefined)
    throw badEvidence("give --evidence or --evidence-file, not both");
  if (opts.evidence !== undefined) {
    const bytes = fromHexOrUndefined(opts.evidence);
    if (bytes?.length !== 32)
      throw badEvidence(
        `--evidence must be a 32-byte hash as 64 hex digits; got "${opts.evidence.slice(0, 80)}"`,
      );
    return bytes;
  }
  if (opts.evidenceFile === undefined) return new Uint8Array(32);
  try {
    return sha256(readFileSync(opts.evidenceFile));
  } catch (e) {
    throw badEvidence(`cannot read --evidence-file ${opts.evidenceFile}: ${(e as Error).message}`);
  }
}

type Kind = keyof typeof devicesCalls;

function callOf(kind: Kind, imei: string, opts: Opts): [ModuleCall, Extra] {
  if (kind === "transfer")
    return [devicesCalls.transfer({ imei, to: decodeAddress(String(opts.to)) }), { to: String(opts.to) }];
  if (kind !== "report-stolen" && kind !== "flag") return [devicesCalls[kind]({ imei }), {}];
  const reason = REASONS.indexOf(opts.reason as (typeof REASONS)[number]);
  if (reason < 0)
    throw new TelchainError(
      "DEVICES_BAD_REASON",
      `reason must be ${REASONS.join(", ")}; got "${opts.reason}"`,
    );
  const evidence = parseEvidence(opts);
  const extra = { reason: REASONS[reason], evidence: evidence.some((b) => b !== 0) ? toHex(evidence) : null };
  return [devicesCalls[kind]({ imei, reason, evidence }), extra];
}

const EVIDENCE = (c: Command) =>
  c
    .option("--evidence <hex>", "hash of the evidence (e.g. a police report), 64 hex digits")
    .option("--evidence-file <file>", "a file whose SHA-256 is the evidence (the file is not sent)");
const COMMANDS: [Kind, string, ((c: Command) => Command)?][] = [
  ["register", "register a new device: its token is owned by --from (maker or first owner)"],
  [
    "transfer",
    "offer a device you own to an address; it is theirs once they accept",
    (c) => c.requiredOption("--to <address>", "the buyer (tel1...)"),
  ],
  ["accept", "accept a device offered to you: you become its owner"],
  ["cancel-transfer", "withdraw your open offer of a device"],
  [
    "report-stolen",
    "report a device you own as lost, stolen or obtained by fraud",
    (c) => EVIDENCE(c.option("--reason <reason>", REASONS.join(" | "), "stolen")),
  ],
  [
    "flag",
    "flag a device as a carrier (--from must be an operator of a registered carrier)",
    (c) => EVIDENCE(c.requiredOption("--reason <reason>", REASONS.join(" | "))),
  ],
  ["recover", "clear a report (the owner) or a carrier's flag (an operator of that carrier)"],
];

export function devicesCli(program: Command, ctx: CliContext): void {
  const d = program
    .command("device")
    .description("devices: register, sell, report stolen and check handsets by IMEI");

  for (const [kind, description, options] of COMMANDS) {
    let sent: { imei: string; extra: Extra } = { imei: "", extra: {} };
    signedCommand(d, ctx, {
      name: `${kind} <imei>`,
      description,
      options,
      build([raw], opts) {
        const imei = imeiArg(raw);
        const [call, extra] = callOf(kind, imei, opts);
        sent = { imei, extra };
        return call;
      },
      show: async (o) => {
        const { imei, extra } = sent;
        const lines = Object.entries(extra).filter((e): e is [string, string] => e[1] !== null);
        const json = { imei, kind, ...extra, height: o.height ?? null };
        return { json, human: keyValues([["imei", imei], ...lines]) };
      },
    });
  }
}
