/**
 * `telchain history ADDRESS` with memos (docs/wallet.md, "Encrypted memos and view keys"): with `--view-key KEY` (or `--from NAME`,
 * the wallet's own memo key) the memos of the address's transfers are opened; a memo the key
 * cannot open is "(encrypted)", never an error. Human lines, --json (each item gains `memo`),
 * and --csv for an accountant (RFC 4180).
 */
import type { AccountTxView } from "../api/schemas.js";
import { fromHexOrUndefined } from "../bytes.js";
import { decodeMemoEnvelope } from "../codec/memo.js";
import { decodeAddress, isAddress } from "../crypto/address.js";
import { openMemo } from "../crypto/memo.js";

/** A history item as shown with memos: `memo` only on transactions that carry one. */
export type MemoHistoryItem = AccountTxView & { memo?: { opened: true; text: string } | { opened: false } };

const fields = (t: AccountTxView) =>
  (typeof t.payload === "object" && t.payload !== null ? t.payload : {}) as Record<string, unknown>;

/** The hex memo envelope a transaction's payload carries, if any. */
export function carriedMemo(t: AccountTxView): string | undefined {
  const p = fields(t);
  return typeof p.memo === "string" && typeof p.to === "string" ? p.memo : undefined;
}

/** The memo of `t` opened with `secret` (undefined: no key given), or left closed. */
export function withMemo(t: AccountTxView, chainId: string, secret: Uint8Array | undefined): MemoHistoryItem {
  const hex = carriedMemo(t);
  if (hex === undefined) return t;
  const to = fields(t).to as string;
  let text: string | undefined;
  if (secret !== undefined && isAddress(t.sender) && isAddress(to)) {
    try {
      const envelope = decodeMemoEnvelope(fromHexOrUndefined(hex) ?? new Uint8Array(0));
      const plain = openMemo(envelope, secret, {
        chainId,
        sender: decodeAddress(t.sender),
        recipient: decodeAddress(to),
      });
      if (plain) text = new TextDecoder().decode(plain);
    } catch {
      // not an envelope: shown as not opened, like any memo this key cannot read
    }
  }
  return { ...t, memo: text === undefined ? { opened: false } : { opened: true, text } };
}

/** The other side of a transaction for `role`: the sender of what was received, else the recipient. */
export function counterparty(t: AccountTxView): string {
  if (t.role === "received") return t.sender;
  const to = fields(t).to;
  return typeof to === "string" ? to : "";
}

export function amountOf(t: AccountTxView): string {
  const a = fields(t).amount;
  return typeof a === "string" ? a : "";
}

/** What a memo column shows: the text, "(encrypted)", or nothing for a transaction without one. */
export function memoText(t: MemoHistoryItem): string {
  if (t.memo === undefined) return carriedMemo(t) === undefined ? "" : "(encrypted)";
  return t.memo.opened ? t.memo.text : "(encrypted)";
}

export const CSV_HEADER = [
  "time",
  "height",
  "tx",
  "role",
  "counterparty",
  "module",
  "kind",
  "amount",
  "fee",
  "memo",
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled. A
 * field starting with = + - @ or a tab gets a leading ' first, so a spreadsheet never runs a
 * memo someone else wrote as a formula.
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV record (no line end). The fee is the address's own: shown on what it sent. */
export function csvRow(t: MemoHistoryItem): string {
  return [
    new Date(t.timestamp * 1000).toISOString(),
    String(t.height),
    t.hash,
    t.role,
    counterparty(t),
    t.module,
    t.kind,
    amountOf(t),
    t.role === "received" ? "" : t.fee,
    memoText(t),
  ]
    .map(csvField)
    .join(",");
}

/** The whole CSV document: the header and one record per transaction, CRLF line ends. */
export function csv(items: MemoHistoryItem[]): string {
  return [CSV_HEADER.join(","), ...items.map(csvRow)].map((l) => `${l}\r\n`).join("");
}
