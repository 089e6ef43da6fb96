/**
 * Open offers: a carrier publishes its deck inline (a public price list) with the terms; any
 * other registered carrier accepts it in one transaction, which creates an agreement in force
 * (publisher = seller, acceptor = buyer). An offer stays open for every carrier until its
 * publisher withdraws it; each acceptance is its own agreement.
 *   offer-publish   an operator of the publishing carrier
 *   offer-accept    an operator of any other registered carrier
 *   offer-withdraw  an operator of the publisher
 */
import { TelchainError } from "../../../../errors.js";
import type { TxContext } from "../../../../module/interface.js";
import { defineKind } from "../../../../module/kind.js";
import { checkOfferDeck } from "../deck-check.js";
import { OfferIdPayload, PublishPayload } from "../schemas.js";
import { deleteOffer, nextId, readOffer, recordCreated, writeOffer } from "../store.js";
import { createAgreement, termsJson } from "./agreement.js";
import { checkTerms, checkTermsAgainstParams, senderCarrier } from "./common.js";

function openOffer(ctx: TxContext, id: number) {
  const offer = readOffer(ctx.state, id);
  if (!offer) throw new TelchainError("SETTLEMENT_NO_OFFER", `no open offer ${id}`);
  return offer;
}

export const publish = defineKind({
  payload: PublishPayload,
  parse: (p) => ({ deck: p.deck, deckHash: checkOfferDeck(p.deck), terms: checkTerms(p.terms) }),
  apply(ctx, p) {
    checkTermsAgainstParams(ctx, p.terms);
    const seller = senderCarrier(ctx);
    const id = nextId(ctx.state, "offer");
    writeOffer(ctx.state, id, { id, seller, ...p, publishedAt: ctx.block.height });
    recordCreated(ctx.state, ctx.txHash, "offer", id);
  },
  toJSON: (p) => ({
    deck: new TextDecoder().decode(p.deck),
    deckBytes: p.deck.length,
    ...termsJson(p.terms),
  }),
});

export const acceptOffer = defineKind({
  payload: OfferIdPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const offer = openOffer(ctx, p.offerId);
    const buyer = senderCarrier(ctx);
    if (buyer === offer.seller)
      throw new TelchainError("SETTLEMENT_OWN_OFFER", `offer ${offer.id} is ${buyer}'s own offer`);
    createAgreement(ctx, { ...offer, buyer, offerId: offer.id }, true);
  },
});

export const withdraw = defineKind({
  payload: OfferIdPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const offer = openOffer(ctx, p.offerId);
    const carrier = senderCarrier(ctx);
    if (carrier !== offer.seller)
      throw new TelchainError(
        "SETTLEMENT_NOT_PUBLISHER",
        `offer ${offer.id} is ${offer.seller}'s; the sender operates ${carrier}`,
      );
    deleteOffer(ctx.state, offer.id);
  },
});
