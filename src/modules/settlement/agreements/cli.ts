/**
 * `telchain settlement agreement|offer|usage|dispute …`: the signed commands of the agreements
 * part (--from), each checked as the chain checks it before anything is sent, and the reads
 * (show, list). After inclusion each command shows what it changed; --json prints it as JSON.
 */
import type { Command } from "commander";
import { toHex } from "../../../bytes.js";
import { EMPTY_MERKLE_ROOT } from "../../../chain/merkle.js";
import { addressArgument } from "../../../cli/arguments.js";
import { registerListCommand } from "../../../cli/list-command.js";
import { globals } from "../../../cli/output.js";
import { registerShowCommand } from "../../../cli/show-command.js";
import { type SubmitOutcome, signedCommand } from "../../../cli/signed-command.js";
import { sha256 } from "../../../crypto/hash.js";
import { TelchainError } from "../../../errors.js";
import type { CliContext } from "../../../module/interface.js";
import { checkCall, type ModuleCall, type ValueOf } from "../../../module/kind.js";
import { fileProgress } from "../cli/progress.js";
import { rateUsageFile } from "../rating/rate-file.js";
import { CarrierId } from "../schemas.js";
import {
  bad,
  deckHashOption,
  duration,
  hash32,
  readOptionFile,
  readProofFile,
  timeOption,
  todayUtc,
  whole,
  wholeNumber,
} from "./cli-options.js";
import { formatAgreement, formatDispute, formatOffer, formatPeriod } from "./format.js";
import { agreementCalls, agreementKinds } from "./kinds/index.js";
import {
  agreementLookup,
  agreementsList,
  disputesList,
  offerLookup,
  offersList,
  parseId,
  parsePeriod,
} from "./routes.js";
import type { CommitPayload } from "./schemas.js";
import type { AgreementView, DisputeView, OfferView, PeriodView } from "./views.js";

type Opts = Record<string, unknown>;
const checked = (call: ModuleCall) => checkCall(agreementKinds, call);

const sub = (parent: Command, name: string, description: string) =>
  parent.commands.find((c) => c.name() === name) ?? parent.command(name).description(description);

function termsOptions(c: Command): Command {
  return c
    .requiredOption(
      "--period-seconds <duration>",
      "period length: seconds, or 15m, 1h, 1d (at least the chain's minimum)",
    )
    .option(
      "--anchor <time>",
      "where period 0 starts: UTC like 2026-01-01T00:00:00Z, or unix seconds (default: today 00:00 UTC)",
    )
    .option(
      "--tolerance-bps <n>",
      "reconciliation tolerance in basis points of the seller's total (0-10000)",
      "0",
    )
    .option("--commit-deadline <duration>", "how long after a period ends each side may commit", "1d")
    .option("--arbiter <address>", "who decides a dispute after the window (tel1…; default: none)")
    .option(
      "--dispute-window <duration>",
      "time for evidence and a settlement before the arbiter may decide",
      "7d",
    );
}

function termsOf(o: Opts) {
  return {
    periodSeconds: duration(o.periodSeconds, "--period-seconds", 1),
    anchor: o.anchor === undefined ? todayUtc() : timeOption(o.anchor, "--anchor"),
    toleranceBps: wholeNumber(o.toleranceBps, "--tolerance-bps", 0, 10_000),
    commitDeadline: duration(o.commitDeadline, "--commit-deadline", 1),
    arbiter: o.arbiter === undefined ? [] : [addressArgument(String(o.arbiter), "--arbiter")],
    disputeWindow: duration(o.disputeWindow, "--dispute-window", 0),
  };
}

const carrierOption = (value: unknown, flag: string) => CarrierId.check(String(value), flag);
const deckOptions = (c: Command) =>
  c
    .option("--deck <file>", "the deck file (only its SHA-256 is sent)")
    .option("--deck-hash <hex>", "or the deck's SHA-256, 64 hex digits");
const periodOptions = (c: Command) =>
  c
    .requiredOption("--agreement <id>", "the agreement id")
    .requiredOption("--period <n>", "the period number (0 is the one starting at the anchor)");
const periodOf = (o: Opts) => ({
  agreementId: parseId(String(o.agreement), "--agreement"),
  period: parsePeriod(String(o.period)),
});

export function agreementCli(program: Command, ctx: CliContext): void {
  const root = sub(program, "settlement", "inter-carrier settlement: agreements, usage, disputes, netting");
  const get = <T>(api: string, path: string) => ctx.get(api, path) as Promise<T>;
  const agreementAt = (api: string, id: number) => get<AgreementView>(api, `/v1/settlement/agreements/${id}`);
  const periodAt = (api: string, id: number, period: number) =>
    get<PeriodView>(api, `/v1/settlement/agreements/${id}/periods/${period}`);
  const disputeAt = (api: string, id: number, period: number) =>
    get<DisputeView>(api, `/v1/settlement/agreements/${id}/periods/${period}/dispute`);
  /** `<parent> show --agreement --period`: a period's record (its usage, its dispute), printed. */
  const periodShow = <T>(
    parent: Command,
    description: string,
    at: (api: string, id: number, period: number) => Promise<T>,
    format: (value: T) => string,
  ) =>
    parent
      .command("show")
      .description(description)
      .requiredOption("--agreement <id>", "the agreement id")
      .requiredOption("--period <n>", "the period number")
      .action(async (o: Opts, cmd: Command) => {
        const g = globals(cmd);
        const { agreementId, period } = periodOf(o);
        const value = await at(g.api, agreementId, period);
        ctx.print(g.json, value, () => format(value));
      });

  /** What a transaction created, once included: the agreement or the offer. */
  async function created(r: SubmitOutcome) {
    if (r.status !== "included") return {};
    const c = await get<{ kind: "agreement" | "offer"; id: number }>(
      r.api,
      `/v1/settlement/created/${r.hash}`,
    );
    if (c.kind === "offer") {
      const offer = await get<OfferView>(r.api, `/v1/settlement/offers/${c.id}`);
      return { json: { offer }, human: formatOffer(offer) };
    }
    const agreement = await agreementAt(r.api, c.id);
    return { json: { agreement }, human: formatAgreement(agreement) };
  }
  /** The agreement of the id argument, once the transaction is included. */
  const showAgreement = async (r: SubmitOutcome, [raw]: string[]) => {
    if (r.status !== "included") return {};
    const agreement = await agreementAt(r.api, parseId(raw, "the agreement id"));
    return { json: { agreement }, human: formatAgreement(agreement) };
  };
  const showPeriod = async (r: SubmitOutcome, _: string[], o: Opts) => {
    if (r.status !== "included") return {};
    const { agreementId, period } = periodOf(o);
    const p = await periodAt(r.api, agreementId, period);
    return { json: { period: p }, human: formatPeriod(p) };
  };
  const showDispute = async (r: SubmitOutcome, _: string[], o: Opts) => {
    if (r.status !== "included") return {};
    const { agreementId, period } = periodOf(o);
    const dispute = await disputeAt(r.api, agreementId, period);
    return { json: { dispute }, human: formatDispute(dispute) };
  };

  // ---------------------------------------------------------------- agreement
  const agreement = sub(root, "agreement", "agreements: one direction, the seller charges the buyer");
  signedCommand(agreement, ctx, {
    name: "propose",
    description: "as the seller's operator, propose an agreement (the buyer accepts it)",
    options: (c) =>
      termsOptions(
        deckOptions(
          c
            .requiredOption("--seller <carrier>", "the carrier that terminates traffic and charges (yours)")
            .requiredOption("--buyer <carrier>", "the carrier that sends traffic and pays"),
        ),
      ),
    build: (_, o) =>
      checked(
        agreementCalls["agreement-propose"]({
          seller: carrierOption(o.seller, "--seller"),
          buyer: carrierOption(o.buyer, "--buyer"),
          deckHash: deckHashOption(o),
          terms: termsOf(o),
        }),
      ),
    show: created,
  });
  signedCommand(agreement, ctx, {
    name: "accept <id>",
    description: "as the buyer's operator, accept a proposed agreement, naming the deck you hold",
    options: deckOptions,
    build: ([id], o) =>
      agreementCalls["agreement-accept"]({
        agreementId: parseId(id, "the agreement id"),
        deckHash: deckHashOption(o),
      }),
    show: showAgreement,
  });
  signedCommand(agreement, ctx, {
    name: "version <id>",
    description:
      "as the seller, propose a new deck from a future period (--from-period); as the buyer, accept it (--accept)",
    options: (c) =>
      deckOptions(c)
        .option("--from-period <n>", "the first period of the new deck (the seller's proposal)")
        .option("--accept", "accept the new deck the seller proposed (the buyer)"),
    async build([raw], o, api) {
      const agreementId = parseId(raw, "the agreement id");
      const deckHash = deckHashOption(o);
      if (!o.accept) {
        if (o.fromPeriod === undefined)
          throw bad("the seller gives --from-period N (the buyer gives --accept)");
        const fromPeriod = parsePeriod(String(o.fromPeriod));
        return agreementCalls["agreement-version"]({ agreementId, deckHash, fromPeriod });
      }
      const pending = (await agreementAt(api, agreementId)).pendingVersion;
      if (!pending || pending.deckHash !== toHex(deckHash))
        throw new TelchainError(
          "SETTLEMENT_NO_VERSION_PENDING",
          pending
            ? `agreement ${agreementId} proposes deck ${pending.deckHash}, not ${toHex(deckHash)}`
            : `agreement ${agreementId} has no new deck proposed`,
        );
      const fromPeriod = o.fromPeriod === undefined ? pending.fromPeriod : parsePeriod(String(o.fromPeriod));
      return agreementCalls["agreement-version-accept"]({ agreementId, deckHash, fromPeriod });
    },
    show: showAgreement,
  });
  signedCommand(agreement, ctx, {
    name: "terminate <id>",
    description: "as either party, end an agreement after the current period (or cancel a proposal)",
    build: ([id]) => agreementCalls["agreement-terminate"]({ agreementId: parseId(id, "the agreement id") }),
    show: showAgreement,
  });
  registerShowCommand(root, ctx, agreementLookup);
  registerListCommand(root, ctx, agreementsList);

  // ---------------------------------------------------------------- offer
  const offer = sub(root, "offer", "open offers: a public deck any carrier accepts in one transaction");
  signedCommand(offer, ctx, {
    name: "publish",
    description: "as a carrier's operator, publish your deck (inline, public) with the terms",
    options: (c) => termsOptions(c.requiredOption("--deck <file>", "the deck CSV, sent whole (public)")),
    build: (_, o) =>
      checked(
        agreementCalls["offer-publish"]({
          deck: readOptionFile(String(o.deck), "--deck"),
          terms: termsOf(o),
        }),
      ),
    show: created,
  });
  signedCommand(offer, ctx, {
    name: "accept <id>",
    description: "as another carrier's operator, accept an offer: an agreement in force, you the buyer",
    build: ([id]) => agreementCalls["offer-accept"]({ offerId: parseId(id, "the offer id") }),
    show: created,
  });
  signedCommand(offer, ctx, {
    name: "withdraw <id>",
    description: "as the publisher's operator, withdraw an offer (agreements made from it stay)",
    build: ([id]) => agreementCalls["offer-withdraw"]({ offerId: parseId(id, "the offer id") }),
    show: async (r, [id]) => ({
      json: { offerId: Number(id) },
      human: `offer ${id} ${r.status === "included" ? "withdrawn" : "withdrawal submitted"}`,
    }),
  });
  registerShowCommand(root, ctx, offerLookup);
  registerListCommand(root, ctx, offersList);

  // ---------------------------------------------------------------- usage
  /** Refuses (SETTLEMENT_DECK_MISMATCH) a deck file that is not the one in force in the period. */
  async function checkDeckInForce(api: string, agreementId: number, period: number, deck: string) {
    const expected = (await periodAt(api, agreementId, period)).deckHash;
    const hash = toHex(sha256(readOptionFile(deck, "--deck")));
    if (hash !== expected)
      throw new TelchainError(
        "SETTLEMENT_DECK_MISMATCH",
        `--deck ${deck} has hash ${hash}; the deck in force in period ${period} is ${expected}`,
      );
  }
  /** What rating the usage file gave (for the output), when it was rated. */
  let rated: { accepted: number; rejected: number } | undefined;
  const usage = sub(root, "usage", "usage records: rate, commit, prove, compare");
  signedCommand(usage, ctx, {
    name: "commit",
    description:
      "commit your side of a period that has ended: rated from --deck and --records, or given as --root --count --charge",
    options: (c) =>
      periodOptions(c)
        .option("--deck <file>", "the deck in force in the period (checked against the agreement)")
        .option("--records <file>", "the usage records CSV (rated for the period)")
        .option("--root <hex>", "the Merkle root of the period's accepted records")
        .option("--count <n>", "how many records the root covers")
        .option("--charge <amount>", "the total charge, base units")
        .option("--voice <seconds>", "total voice quantity", "0")
        .option("--sms <messages>", "total SMS quantity", "0")
        .option("--data <kb>", "total data quantity", "0"),
    async build(_, o, api) {
      const { agreementId, period } = periodOf(o);
      const given = o.root !== undefined || o.count !== undefined || o.charge !== undefined;
      let c: Omit<ValueOf<typeof CommitPayload>, "agreementId" | "period">;
      rated = undefined;
      if (given) {
        if (o.count === undefined || o.charge === undefined)
          throw bad("give --root, --count and --charge together");
        const count = wholeNumber(o.count, "--count");
        c = {
          root: o.root === undefined && count === 0 ? EMPTY_MERKLE_ROOT : hash32(String(o.root), "--root"),
          count,
          voice: whole(o.voice, "--voice"),
          sms: whole(o.sms, "--sms"),
          data: whole(o.data, "--data"),
          charge: whole(o.charge, "--charge"),
        };
        if (o.deck !== undefined) await checkDeckInForce(api, agreementId, period, String(o.deck));
      } else {
        if (o.deck === undefined || o.records === undefined)
          throw bad("give --deck FILE and --records FILE, or the numbers --root --count --charge");
        await checkDeckInForce(api, agreementId, period, String(o.deck));
        const a = await agreementAt(api, agreementId);
        const progress = fileProgress("rating", String(o.records));
        const r = await rateUsageFile(String(o.deck), String(o.records), {
          periods: { anchor: a.anchor, periodSeconds: a.periodSeconds },
          onlyPeriod: period,
          onProgress: progress.update,
          onRoots: () => progress.step("computing the Merkle root"),
        }).finally(progress.done);
        const p = r.periods[0];
        rated = { accepted: p.count, rejected: r.rejects.length };
        c = { ...p, ...p.quantity };
      }
      const { root, count, voice, sms, data, charge } = c;
      return checked(
        agreementCalls["usage-commit"]({ agreementId, period, root, count, voice, sms, data, charge }),
      );
    },
    async show(r, args, o) {
      const shown = await showPeriod(r, args, o);
      if (!rated) return shown;
      const note = `${"rated".padEnd(9)}  ${rated.accepted} records of the period${rated.rejected > 0 ? `; ${rated.rejected} lines of the file rejected (\`usage rate\` lists them)` : ""}`;
      return {
        json: { ...shown.json, rated },
        human: [shown.human, note].filter(Boolean).join("\n"),
      };
    },
  });
  periodShow(
    usage,
    "a period of an agreement: both commitments and how it was settled",
    periodAt,
    formatPeriod,
  );

  // ---------------------------------------------------------------- dispute
  const dispute = sub(root, "dispute", "disputes: concede, agree a figure, evidence, the arbiter");
  periodShow(
    dispute,
    "the dispute of a period: range, figures, window, proposal, evidence, resolution",
    disputeAt,
    formatDispute,
  );
  registerListCommand(root, ctx, disputesList);
  signedCommand(dispute, ctx, {
    name: "concede",
    description: "give in: the seller takes the buyer's figure, the buyer the seller's",
    options: periodOptions,
    build: (_, o) => agreementCalls["dispute-concede"](periodOf(o)),
    show: showDispute,
  });
  const figureKinds = [
    ["propose", "dispute-propose", "propose a figure between the two (the other side accepts it)"],
    ["accept", "dispute-accept", "accept the figure the other side proposed (give it again)"],
    ["decide", "dispute-decide", "as the arbiter, after the window, decide a figure between the two"],
  ] as const;
  for (const [name, kind, description] of figureKinds)
    signedCommand(dispute, ctx, {
      name,
      description,
      options: (c) => periodOptions(c).requiredOption("--figure <amount>", "the figure, base units"),
      build: (_, o) => agreementCalls[kind]({ ...periodOf(o), figure: whole(o.figure, "--figure") }),
      show: showDispute,
    });
  signedCommand(dispute, ctx, {
    name: "evidence",
    description:
      "post a record of your own commitment with its Merkle proof (`usage prove --json` writes one)",
    options: (c) => periodOptions(c).requiredOption("--proof <file>", "JSON: { record, index, path }"),
    build(_, o) {
      const proof = readProofFile(String(o.proof));
      return checked(agreementCalls["dispute-evidence"]({ ...periodOf(o), ...proof }));
    },
    show: showDispute,
  });
}
