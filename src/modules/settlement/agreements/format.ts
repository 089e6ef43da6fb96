/** The CLI's human output of the agreements part (the JSON is the API's view). */
import { keyValues } from "../../../cli/output.js";
import type {
  AgreementView,
  CommitmentView,
  DisputeView,
  OfferSummaryView,
  OfferView,
  PeriodView,
} from "./views.js";

const seconds = (s: number) =>
  s % 86_400 === 0
    ? `${s / 86_400} d`
    : s % 3600 === 0
      ? `${s / 3600} h`
      : s % 60 === 0
        ? `${s / 60} min`
        : `${s} s`;
const pct = (bps: number) => `${bps} bps (${(bps / 100).toFixed(2)} %)`;

type TermsView = Pick<
  AgreementView,
  "periodSeconds" | "anchorUtc" | "toleranceBps" | "commitDeadline" | "arbiter" | "disputeWindow"
>;
const termsRows = (t: TermsView): [string, string][] => [
  ["period", `${seconds(t.periodSeconds)} from ${t.anchorUtc}`],
  ["tolerance", pct(t.toleranceBps)],
  ["commit deadline", `${seconds(t.commitDeadline)} after a period ends`],
  ["arbiter", t.arbiter ?? "(none)"],
  ["dispute window", seconds(t.disputeWindow)],
];

export function formatAgreement(a: AgreementView): string {
  const status = a.status === "terminated" ? `terminated (covers periods before ${a.endPeriod})` : a.status;
  const rows: [string, string | number | undefined][] = [
    ["agreement", a.id],
    ["seller", a.seller],
    ["buyer", a.buyer],
    ["status", status],
    ["deck", a.deckHash],
    ...termsRows(a),
    ["current period", a.currentPeriod < 0 ? "(period 0 has not started)" : a.currentPeriod],
    ["from offer", a.offerId ?? undefined],
    ["proposed", `height ${a.proposedAt}`],
    ["accepted", a.acceptedAt === null ? undefined : `height ${a.acceptedAt}`],
    [
      "new deck proposed",
      a.pendingVersion
        ? `${a.pendingVersion.deckHash} from period ${a.pendingVersion.fromPeriod}`
        : undefined,
    ],
  ];
  const versions =
    a.versions.length > 1 ? a.versions.map((v) => `  from period ${v.fromPeriod}: ${v.deckHash}`) : [];
  return [keyValues(rows), ...(versions.length ? ["deck versions", ...versions] : [])].join("\n");
}

export const agreementLine = (a: AgreementView) =>
  `#${String(a.id).padEnd(6)} ${a.seller.padEnd(8)} -> ${a.buyer.padEnd(8)} ${a.status.padEnd(10)} ${seconds(a.periodSeconds)} periods`;

export function formatOffer(o: OfferView | OfferSummaryView): string {
  const rows: [string, string | number][] = [
    ["offer", o.id],
    ["seller", o.seller],
    ["deck", `${o.deckHash} (${o.deckBytes} bytes)`],
    ...termsRows(o),
    ["published", `height ${o.publishedAt}`],
  ];
  return [keyValues(rows), ...("deck" in o ? ["", o.deck.trimEnd()] : [])].join("\n");
}

export const offerLine = (o: OfferSummaryView) =>
  `#${String(o.id).padEnd(6)} ${o.seller.padEnd(8)} ${seconds(o.periodSeconds)} periods, tolerance ${o.toleranceBps} bps, deck ${o.deckHash.slice(0, 16)}…`;

const commitmentText = (c: CommitmentView | null) =>
  c
    ? `charge ${c.charge}, ${c.count} records (voice ${c.voice} s, sms ${c.sms}, data ${c.data} KB), root ${c.root.slice(0, 16)}…, height ${c.height}`
    : "(not committed)";

export function formatPeriod(p: PeriodView): string {
  const o = p.outcome;
  const outcome = !o
    ? "(not settled)"
    : o.kind === "disputed"
      ? `${o.agreed} agreed, ${o.disputed} disputed (cycle ${o.cycle})`
      : `${o.agreed} agreed${o.kind === "deadline" ? " at the deadline (one side did not commit)" : ""} (cycle ${o.cycle})`;
  return keyValues([
    ["agreement", p.agreementId],
    ["period", `${p.period}: ${p.startUtc} to ${p.endUtc}`],
    ["commit by", p.deadlineUtc],
    ["deck", p.deckHash],
    ["seller", commitmentText(p.seller)],
    ["buyer", commitmentText(p.buyer)],
    ["outcome", outcome],
  ]);
}

export function formatDispute(d: DisputeView): string {
  const head = keyValues([
    ["agreement", d.agreementId],
    ["period", d.period],
    [
      "status",
      d.status === "resolved"
        ? `resolved at ${d.figure} (${d.resolution}, height ${d.resolvedHeight})`
        : "open",
    ],
    ["range", `${d.low} .. ${d.high} (withheld ${BigInt(d.high) - BigInt(d.low)})`],
    ["seller's figure", `${d.sellerFigure} (${d.seller})`],
    ["buyer's figure", `${d.buyerFigure} (${d.buyer})`],
    ["window ends", d.windowEndUtc],
    ["proposal", d.proposal ? `${d.proposal.figure} by the ${d.proposal.side}` : undefined],
    ["evidence", `${d.evidence.length} record${d.evidence.length === 1 ? "" : "s"}`],
  ]);
  const evidence = d.evidence.map((e) => `  ${e.side.padEnd(6)} #${e.index} ${e.record}`);
  return [head, ...evidence].join("\n");
}

export const disputeLine = (d: DisputeView) =>
  `#${String(d.agreementId).padEnd(6)} period ${String(d.period).padEnd(10)} ${d.seller.padEnd(8)} -> ${d.buyer.padEnd(8)} ${d.status === "open" ? `open ${d.low}..${d.high}` : `resolved ${d.figure}`}`;
