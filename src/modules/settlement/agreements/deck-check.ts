/**
 * The chain's check of an offer's inline deck: not empty, at most MAX_OFFER_DECK_BYTES (the
 * payload's decoder refuses more), valid UTF-8, and then every line as `telchain settlement
 * deck check` checks it (rating/deck.ts parseDeck: the header, each field, repeated service and
 * prefix). That parser is therefore consensus for offers: changing what it accepts changes which
 * offer transactions are valid. The deck hash is the SHA-256 of the bytes as published (a
 * byte-order mark included), like `deck hash FILE`.
 */
import { fromHex } from "../../../bytes.js";
import { TelchainError } from "../../../errors.js";
import { errorLines, parseDeck } from "../rating/deck.js";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const bad = (why: string) => new TelchainError("SETTLEMENT_BAD_DECK", `the offer's deck ${why}`);

/** Checks a deck's bytes; returns its hash. */
export function checkOfferDeck(deck: Uint8Array): Uint8Array {
  if (deck.length === 0) throw bad("is empty");
  try {
    decoder.decode(deck);
  } catch {
    throw bad("is not valid UTF-8");
  }
  const check = parseDeck(deck);
  if (check.errors.length > 0) {
    const n = check.errors.length;
    throw bad(`has ${n} error${n === 1 ? "" : "s"}: ${errorLines(check.errors, 5).join("; ")}`);
  }
  return fromHex(check.hash);
}
