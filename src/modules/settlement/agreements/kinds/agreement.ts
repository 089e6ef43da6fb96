/**
 * Agreements, one direction each (the seller terminates the buyer's traffic and charges for it):
 *   agreement-propose         an operator of the seller proposes: parties, deck hash, terms
 *   agreement-accept          an operator of the buyer accepts, naming the deck hash it holds
 *   agreement-version         the seller proposes a new deck hash from a future period
 *   agreement-version-accept  the buyer accepts it (same hash and period), still in the future
 *   agreement-terminate       either party: a proposal is cancelled; an agreement in force
 *                             covers no period after the current one
 */
import { equalBytes, toHex } from "../../../../bytes.js";
import { encodeAddress } from "../../../../crypto/address.js";
import { TelchainError } from "../../../../errors.js";
import type { TxContext } from "../../../../module/interface.js";
import { defineKind, type ValueOf } from "../../../../module/kind.js";
import { currentPeriod } from "../periods.js";
import {
  AcceptPayload,
  type AgreementEntry,
  AgreementIdPayload,
  MAX_VERSIONS,
  ProposePayload,
  statusCode,
  type Terms,
  VersionPayload,
} from "../schemas.js";
import { nextId, recordCreated, writeAgreement } from "../store.js";
import {
  agreementOf,
  checkTerms,
  checkTermsAgainstParams,
  ensureCarrier,
  ensureInForce,
  ensureSide,
  senderCarrier,
  senderSide,
  statusOf,
} from "./common.js";

/** The JSON form of terms (API, CLI). */
export const termsJson = (t: Terms) => ({
  periodSeconds: t.periodSeconds,
  anchor: t.anchor,
  toleranceBps: t.toleranceBps,
  commitDeadline: t.commitDeadline,
  arbiter: t.arbiter.length === 0 ? null : encodeAddress(t.arbiter[0]),
  disputeWindow: t.disputeWindow,
});

/** Writes a new agreement in force or proposed; records the id against the transaction. */
export function createAgreement(
  ctx: TxContext,
  fields: { seller: string; buyer: string; deckHash: Uint8Array; terms: Terms; offerId: number },
  active: boolean,
): AgreementEntry {
  const id = nextId(ctx.state, "agreement");
  const height = ctx.block.height;
  const a: AgreementEntry = {
    id,
    seller: fields.seller,
    buyer: fields.buyer,
    terms: fields.terms,
    versions: [{ fromPeriod: 0, deckHash: fields.deckHash }],
    pending: [],
    status: statusCode(active ? "active" : "proposed"),
    offerId: fields.offerId,
    proposedAt: height,
    acceptedAt: active ? height : 0,
    endPeriod: 0,
  };
  writeAgreement(ctx.state, id, a);
  recordCreated(ctx.state, ctx.txHash, "agreement", id);
  return a;
}

export const propose = defineKind({
  payload: ProposePayload,
  parse(p) {
    if (p.seller === p.buyer)
      throw new TelchainError("SETTLEMENT_SELF_AGREEMENT", `seller and buyer are both ${p.seller}`);
    return { ...p, terms: checkTerms(p.terms) };
  },
  apply(ctx, p) {
    checkTermsAgainstParams(ctx, p.terms);
    const carrier = senderCarrier(ctx);
    if (carrier !== p.seller)
      throw new TelchainError(
        "SETTLEMENT_NOT_SELLER",
        `only an operator of the seller ${p.seller} may propose; the sender operates ${carrier}`,
      );
    ensureCarrier(ctx, p.buyer);
    createAgreement(ctx, { ...p, offerId: 0 }, false);
  },
  toJSON: (p) => ({ seller: p.seller, buyer: p.buyer, deckHash: toHex(p.deckHash), ...termsJson(p.terms) }),
});

export const accept = defineKind({
  payload: AcceptPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const a = agreementOf(ctx, p.agreementId);
    ensureSide(ctx, a, "buyer");
    if (statusOf(a) !== "proposed")
      throw new TelchainError(
        "SETTLEMENT_NOT_PROPOSED",
        `agreement ${a.id} is ${statusOf(a)}, not a proposal`,
      );
    if (!equalBytes(p.deckHash, a.versions[0].deckHash))
      throw new TelchainError(
        "SETTLEMENT_DECK_MISMATCH",
        `agreement ${a.id} proposes deck ${toHex(a.versions[0].deckHash)}, not ${toHex(p.deckHash)}`,
      );
    writeAgreement(ctx.state, a.id, { ...a, status: statusCode("active"), acceptedAt: ctx.block.height });
  },
  toJSON: (p) => ({ agreementId: p.agreementId, deckHash: toHex(p.deckHash) }),
});

/** The agreement of a version kind, in force and not terminated, the sender on `side`. */
function versionable(ctx: TxContext, id: number, side: "seller" | "buyer"): AgreementEntry {
  const a = agreementOf(ctx, id);
  ensureSide(ctx, a, side);
  ensureInForce(a);
  if (statusOf(a) === "terminated")
    throw new TelchainError(
      "SETTLEMENT_TERMINATED",
      `agreement ${a.id} is terminated: its deck no longer changes`,
    );
  if (a.versions.length >= MAX_VERSIONS)
    throw new TelchainError(
      "SETTLEMENT_TOO_MANY_VERSIONS",
      `agreement ${a.id} has ${MAX_VERSIONS} deck versions`,
    );
  return a;
}

/** Refuses a version that does not start in a future period, after the last version's first. */
function ensureFuture(ctx: TxContext, a: AgreementEntry, fromPeriod: number): void {
  const now = currentPeriod(a.terms, ctx.block.timestamp);
  const last = a.versions[a.versions.length - 1].fromPeriod;
  if (fromPeriod <= now || fromPeriod <= last)
    throw new TelchainError(
      "SETTLEMENT_BAD_VERSION",
      `a new deck takes effect from a future period: after ${Math.max(now, last)} (the current period is ${now}, the last version starts at ${last}); got ${fromPeriod}`,
    );
}

type VersionArgs = ValueOf<typeof VersionPayload>;
const versionJson = (p: VersionArgs) => ({ ...p, deckHash: toHex(p.deckHash) });

export const version = defineKind({
  payload: VersionPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const a = versionable(ctx, p.agreementId, "seller");
    ensureFuture(ctx, a, p.fromPeriod);
    writeAgreement(ctx.state, a.id, { ...a, pending: [{ fromPeriod: p.fromPeriod, deckHash: p.deckHash }] });
  },
  toJSON: versionJson,
});

export const versionAccept = defineKind({
  payload: VersionPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const a = versionable(ctx, p.agreementId, "buyer");
    const pending = a.pending[0];
    if (!pending || pending.fromPeriod !== p.fromPeriod || !equalBytes(pending.deckHash, p.deckHash))
      throw new TelchainError(
        "SETTLEMENT_NO_VERSION_PENDING",
        pending
          ? `agreement ${a.id} proposes deck ${toHex(pending.deckHash)} from period ${pending.fromPeriod}, not this one`
          : `agreement ${a.id} has no new deck proposed`,
      );
    ensureFuture(ctx, a, p.fromPeriod);
    writeAgreement(ctx.state, a.id, { ...a, versions: [...a.versions, pending], pending: [] });
  },
  toJSON: versionJson,
});

export const terminate = defineKind({
  payload: AgreementIdPayload,
  parse: (p) => p,
  apply(ctx, p) {
    const a = agreementOf(ctx, p.agreementId);
    senderSide(ctx, a);
    const status = statusOf(a);
    if (status === "proposed")
      return writeAgreement(ctx.state, a.id, { ...a, status: statusCode("cancelled") });
    if (status === "cancelled")
      throw new TelchainError("SETTLEMENT_AGREEMENT_INACTIVE", `agreement ${a.id} is already cancelled`);
    if (status === "terminated")
      throw new TelchainError(
        "SETTLEMENT_TERMINATED",
        `agreement ${a.id} is already terminated: it covers periods before ${a.endPeriod}`,
      );
    const endPeriod = Math.max(0, currentPeriod(a.terms, ctx.block.timestamp) + 1);
    writeAgreement(ctx.state, a.id, { ...a, status: statusCode("terminated"), endPeriod, pending: [] });
  },
});
