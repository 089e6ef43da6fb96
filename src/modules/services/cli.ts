/**
 * The services CLI. Under the `service` group (commandGroup: the channels module adds `serve` and
 * `connect` to it), the signed commands (--from), each checked as the chain checks it before
 * anything is sent:
 *
 *   service offer --kind vpn --region DE --price P --unit mb --endpoint URL [--bond N]   (the `list` kind)
 *   service heartbeat ID      service withdraw ID      service rate ID --channel C --score 1..5
 *
 * `service show ID` and `service list --provider ADDR` come from the lookup and the list
 * (routes.ts); the search is the top-level `telchain services [--kind] [--region] [--max-price]`.
 */
import type { Command } from "commander";
import { uint64Argument } from "../../cli/arguments.js";
import { commandGroup } from "../../cli/context.js";
import { globals } from "../../cli/output.js";
import { type SubmitOutcome, signedCommand } from "../../cli/signed-command.js";
import { TelchainError } from "../../errors.js";
import type { CliContext } from "../../module/interface.js";
import { checkCall, type ModuleCall } from "../../module/kind.js";
import { formatListing, listingLine } from "./format.js";
import { servicesCalls, servicesKinds } from "./kinds.js";
import { DEFAULT_PARAMS } from "./params.js";
import { parseId } from "./routes.js";
import { KINDS, RegionText, UNITS } from "./schemas.js";
import { parseSearch } from "./search.js";
import type { ListingView } from "./views.js";

const checked = (call: ModuleCall) => checkCall(servicesKinds, call);

function oneOf(values: readonly string[], v: unknown, flag: string, code: string): number {
  const i = values.indexOf(String(v));
  if (i < 0)
    throw new TelchainError(
      code,
      `${flag} must be one of ${values.join(", ")}; got ${JSON.stringify(String(v))}`,
    );
  return i;
}
const amount = (v: unknown, flag: string, code: string) =>
  uint64Argument(String(v), flag, { min: 1n, code, unit: "base units" });

export function servicesCli(program: Command, ctx: CliContext): void {
  const root = commandGroup(program, "service", "the service market: offer, heartbeat, withdraw, rate, show");
  const listingAt = (api: string, id: number) => ctx.get(api, `/v1/services/${id}`) as Promise<ListingView>;
  const showListing = (id: number) => async (r: SubmitOutcome) => {
    if (r.status !== "included") return {};
    const listing = await listingAt(r.api, id);
    return { json: { listing }, human: formatListing(listing) };
  };

  signedCommand(root, ctx, {
    name: "offer",
    description: "list a service (bonding --bond coins) that clients find with `telchain services`",
    options: (c) =>
      c
        .requiredOption("--kind <kind>", `${KINDS.join(" | ")}`)
        .requiredOption("--region <code>", "ISO 3166-1 alpha-2 code (DE)")
        .requiredOption("--price <base units>", "per unit")
        .requiredOption("--unit <unit>", `${UNITS.join(" | ")}`)
        .requiredOption("--endpoint <url>", "where clients connect: scheme://host:port or a multiaddr")
        .option(
          "--bond <base units>",
          `locked until withdrawn (default ${DEFAULT_PARAMS.minBond}; the chain's minBond applies)`,
        ),
    build: (_, o) =>
      checked(
        servicesCalls.list({
          kind: oneOf(KINDS, o.kind, "--kind", "SERVICES_BAD_KIND"),
          region: RegionText.check(String(o.region), "--region"),
          price: amount(o.price, "--price", "SERVICES_BAD_PRICE"),
          unit: oneOf(UNITS, o.unit, "--unit", "SERVICES_BAD_UNIT"),
          endpoint: String(o.endpoint),
          bond: o.bond === undefined ? DEFAULT_PARAMS.minBond : amount(o.bond, "--bond", "SERVICES_BAD_BOND"),
        }),
      ),
    async show(r) {
      if (r.status !== "included") return {};
      const c = (await ctx.get(r.api, `/v1/services/created/${r.hash}`)) as { id: number };
      const listing = await listingAt(r.api, c.id);
      return { json: { listing }, human: `listed: listing ${listing.id}\n${formatListing(listing)}` };
    },
  });

  signedCommand(root, ctx, {
    name: "heartbeat <id>",
    description: "renew a listing you offer: live (found by search) for another heartbeat period",
    build: ([raw]) => checked(servicesCalls.heartbeat({ listing: parseId(raw, "the listing id") })),
    show: (r, [raw]) => showListing(parseId(raw, "the listing id"))(r),
  });

  signedCommand(root, ctx, {
    name: "withdraw <id>",
    description: "take a lapsed listing down and its bond back (after the withdrawal delay)",
    build: ([raw]) => checked(servicesCalls.withdraw({ listing: parseId(raw, "the listing id") })),
    show: async (r, [raw]) =>
      r.status === "included"
        ? {
            json: { withdrawn: parseId(raw, "the listing id") },
            human: `listing ${raw} withdrawn, bond returned`,
          }
        : {},
  });

  signedCommand(root, ctx, {
    name: "rate <id>",
    description: "rate a listing 1-5 with a closed channel you paid its provider through (once per channel)",
    options: (c) =>
      c.requiredOption("--channel <id>", "the closed channel").requiredOption("--score <1-5>", "the score"),
    build: ([raw], o) =>
      checked(
        servicesCalls.rate({
          listing: parseId(raw, "the listing id"),
          channel: parseId(String(o.channel), "--channel"),
          score: Number(
            uint64Argument(String(o.score), "--score", { min: 1n, max: 5n, code: "SERVICES_BAD_SCORE" }),
          ),
        }),
      ),
    show: (r, [raw]) => showListing(parseId(raw, "the listing id"))(r),
  });

  program
    .command("services")
    .description("live service listings, cheapest first, then best rated")
    .option("--kind <kind>", `${KINDS.join(" | ")}`)
    .option("--region <code>", "ISO 3166-1 alpha-2 code (DE)")
    .option("--max-price <base units>", "the highest price per unit")
    .option("--limit <n>", "listings at most (1-100, default 20)")
    .action(async (o: Record<string, string | undefined>, cmd: Command) => {
      const g = globals(cmd);
      const f = { kind: o.kind, region: o.region, maxPrice: o.maxPrice, limit: o.limit };
      parseSearch(f); // the route's own checks, before the node is asked
      const qs = new URLSearchParams(
        Object.entries(f).filter((e): e is [string, string] => e[1] !== undefined),
      );
      const r = (await ctx.get(g.api, `/v1/services${qs.size ? `?${qs}` : ""}`)) as {
        items: ListingView[];
        truncated: boolean;
      };
      ctx.print(g.json, r, () =>
        r.items.length === 0
          ? "no live listings"
          : r.items.map(listingLine).join("\n") + (r.truncated ? "\n(more beyond the search bound)" : ""),
      );
    });
}
