/** Parsing of the device commands' arguments, before anything is sent. */
import { readFileSync } from "node:fs";
import { fromHexOrUndefined } from "../../../bytes.js";
import { sha256 } from "../../../crypto/hash.js";
import { TelchainError } from "../../../errors.js";
import { REASONS, type Reason } from "../schemas.js";

export function parseReason(text: string): Reason {
  const r = REASONS.find((x) => x === text);
  if (!r)
    throw new TelchainError("DEVICES_BAD_REASON", `reason must be ${REASONS.join(", ")}; got "${text}"`);
  return r;
}

/**
 * The evidence hash: --evidence HEX (32 bytes) or --evidence-file FILE (its SHA-256; the file
 * itself stays with you), all zeros when neither is given.
 */
export function parseEvidence(opts: { evidence?: string; evidenceFile?: string }): Uint8Array {
  if (opts.evidence !== undefined && opts.evidenceFile !== undefined)
    throw new TelchainError("BAD_ARGUMENT", "give --evidence or --evidence-file, not both");
  if (opts.evidence !== undefined) {
    const bytes = fromHexOrUndefined(opts.evidence);
    if (bytes?.length !== 32)
      throw new TelchainError(
        "DEVICES_BAD_EVIDENCE",
        `--evidence must be a 32-byte hash as 64 hex digits; got "${opts.evidence.slice(0, 80)}"`,
      );
    return bytes;
  }
  if (opts.evidenceFile !== undefined) {
    let content: Uint8Array;
    try {
      content = readFileSync(opts.evidenceFile);
    } catch (e) {
      throw new TelchainError(
        "DEVICES_BAD_EVIDENCE",
        `cannot read --evidence-file ${opts.evidenceFile}: ${(e as Error).message}`,
      );
    }
    return sha256(content);
  }
  return new Uint8Array(32);
}
