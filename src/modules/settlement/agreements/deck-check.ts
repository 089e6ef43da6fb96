/**
 * The chain's check of an offer's inline deck, kept minimal on purpose: not empty, at most
 * MAX_OFFER_DECK_BYTES, valid UTF-8 (a byte-order mark is kept: the deck hash is the SHA-256
 * of the bytes as published, like the rating tools' `deck hash FILE`), and the deck header as
 * its first line. MERGE NOTE: the full parser is rating/deck.ts (written in parallel); once it
 * is in, offer-publish can refuse every malformed line with it.
 */
import { sha256 } from "../../../crypto/hash.js";
import { TelchainError } from "../../../errors.js";
import { MAX_OFFER_DECK_BYTES } from "./schemas.js";

export const DECK_HEADER = "service,prefix,rate,initial,increment,connect_fee";

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

const bad = (why: string) => new TelchainError("SETTLEMENT_BAD_DECK", `the offer's deck ${why}`);

/** Checks a deck's bytes; returns its hash. */
export function checkOfferDeck(deck: Uint8Array): Uint8Array {
  if (deck.length === 0) throw bad("is empty");
  if (deck.length > MAX_OFFER_DECK_BYTES)
    throw bad(`is ${deck.length} bytes, more than ${MAX_OFFER_DECK_BYTES} (publish a smaller price list)`);
  let text: string;
  try {
    text = decoder.decode(deck);
  } catch {
    throw bad("is not valid UTF-8");
  }
  const first = text
    .replace(/^\uFEFF/, "")
    .split("\n", 1)[0]
    .replace(/\r$/, "")
    .trim();
  if (first !== DECK_HEADER)
    throw bad(`must start with the header line ${DECK_HEADER}; got ${JSON.stringify(first.slice(0, 80))}`);
  return sha256(deck);
}
