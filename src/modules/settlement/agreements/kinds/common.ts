/** What the agreement kinds share: the sender's carrier and side, the agreement, the terms' rules. */
import { TelchainError } from "../../../../errors.js";
import type { TxContext } from "../../../../module/interface.js";
import { senderCarrierOf } from "../../../../module/operator.js";
import type { ExpectedCarriers } from "../../expected-keepers.js";
import { readParams } from "../../store.js";
import { type AgreementEntry, type Side, STATUSES, type Terms } from "../schemas.js";
import { readAgreement } from "../store.js";

/** Latest anchor: 9999-12-31T23:59:59Z (the record format's last second). */
export const MAX_TIMESTAMP = 253_402_300_799;
export const MAX_SPAN_SECONDS = 366 * 86_400;

const carriers = (ctx: TxContext) => ctx.keeper<ExpectedCarriers>("carriers");

/** The carrier the sender operates (SETTLEMENT_NOT_OPERATOR when none). */
export const senderCarrier = (ctx: TxContext): string => senderCarrierOf(ctx, "SETTLEMENT_NOT_OPERATOR");

/** Refuses an id no carrier is registered with (SETTLEMENT_UNKNOWN_CARRIER). */
export function ensureCarrier(ctx: TxContext, id: string): void {
  if (!carriers(ctx).carrier(id))
    throw new TelchainError("SETTLEMENT_UNKNOWN_CARRIER", `no carrier ${id} is registered`);
}

/** The agreement `id` (SETTLEMENT_NO_AGREEMENT when there is none). */
export function agreementOf(ctx: TxContext, id: number): AgreementEntry {
  const a = readAgreement(ctx.state, id);
  if (!a) throw new TelchainError("SETTLEMENT_NO_AGREEMENT", `no agreement ${id}`);
  return a;
}

/** The side the sender acts for in `a` (SETTLEMENT_NOT_OPERATOR, SETTLEMENT_NOT_PARTY). */
export function senderSide(ctx: TxContext, a: AgreementEntry): Side {
  const carrier = senderCarrier(ctx);
  if (carrier === a.seller) return "seller";
  if (carrier === a.buyer) return "buyer";
  throw new TelchainError(
    "SETTLEMENT_NOT_PARTY",
    `agreement ${a.id} is between ${a.seller} (seller) and ${a.buyer} (buyer); the sender operates ${carrier}`,
  );
}

/** Refuses a sender that does not act for `side` of `a`. */
export function ensureSide(ctx: TxContext, a: AgreementEntry, side: Side): void {
  const carrier = senderCarrier(ctx);
  if (carrier === a[side]) return;
  throw new TelchainError(
    side === "seller" ? "SETTLEMENT_NOT_SELLER" : "SETTLEMENT_NOT_BUYER",
    `only an operator of ${a[side]}, the ${side} of agreement ${a.id}, may do this; the sender operates ${carrier}`,
  );
}

export const statusOf = (a: AgreementEntry) => STATUSES[a.status] ?? "proposed";

/** Refuses an agreement not in force (proposed or cancelled): SETTLEMENT_AGREEMENT_INACTIVE. */
export function ensureInForce(a: AgreementEntry): void {
  const status = statusOf(a);
  if (status === "active" || status === "terminated") return;
  throw new TelchainError("SETTLEMENT_AGREEMENT_INACTIVE", `agreement ${a.id} is ${status}, not in force`);
}

/** The stateless rules of terms (parse). */
export function checkTerms(t: Terms): Terms {
  if (t.periodSeconds < 1 || t.periodSeconds > MAX_SPAN_SECONDS)
    throw new TelchainError(
      "SETTLEMENT_BAD_PERIOD_LENGTH",
      `a period is 1 s to 366 days (${MAX_SPAN_SECONDS} s); got ${t.periodSeconds}`,
    );
  if (t.toleranceBps > 10_000)
    throw new TelchainError("SETTLEMENT_BAD_TOLERANCE", `tolerance is 0 to 10000 bps; got ${t.toleranceBps}`);
  if (t.anchor > MAX_TIMESTAMP)
    throw new TelchainError("SETTLEMENT_BAD_TERMS", `the anchor ${t.anchor} is after 9999-12-31T23:59:59Z`);
  if (t.commitDeadline < 1 || t.commitDeadline > MAX_SPAN_SECONDS)
    throw new TelchainError(
      "SETTLEMENT_BAD_TERMS",
      `the commit deadline is 1 s to 366 days after a period ends; got ${t.commitDeadline}`,
    );
  if (t.disputeWindow > MAX_SPAN_SECONDS)
    throw new TelchainError(
      "SETTLEMENT_BAD_TERMS",
      `the dispute window is at most 366 days; got ${t.disputeWindow}`,
    );
  return t;
}

/** The rule of terms that depends on the chain's parameters (apply). */
export function checkTermsAgainstParams(ctx: TxContext, t: Terms): void {
  const min = readParams(ctx.state).minPeriodSeconds;
  if (t.periodSeconds < min)
    throw new TelchainError(
      "SETTLEMENT_BAD_PERIOD_LENGTH",
      `a period is at least ${min} s on this chain; got ${t.periodSeconds}`,
    );
}
