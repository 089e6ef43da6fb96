/**
 * ENUM on chain (RFC 6116): E.164 numbers registered by commit → reveal with a verifier's
 * attestation of ownership, carrying NAPTR records that the node serves over DNS.
 */
import type { Module, ModuleRuntime, ModuleService } from "../../module/interface.js";
import { enumCli } from "./cli.js";
import { devEnumGenesis } from "./dev-verifier.js";
import { ENUM_ERRORS } from "./errors.js";
import { enumGenesis } from "./genesis.js";
import { enumKinds } from "./kinds/index.js";
import { enumProofs } from "./proofs.js";
import { enumNumberLookup, enumNumbersList, enumRoutes } from "./routes.js";
import { zoneSource } from "./zone-source.js";

export { devVerifier } from "./dev-verifier.js";

/** On the dev chain the DNS port follows the API port: 8645 -> 5353, 8647 -> 5355, ... */
export const devDnsListen = (api: { host: string; port: number }) => `${api.host}:${api.port - 3292}`;
export const DEFAULT_APEXES = ["e164.arpa"];

/** Starts the DNS server when --dns is given (on the dev chain by default, see devDnsListen). */
async function start(rt: ModuleRuntime): Promise<ModuleService | undefined> {
  const listen = rt.options.dns;
  if (!listen) return undefined;
  const apexes = (rt.options.dnsApex ?? DEFAULT_APEXES.join(","))
    .split(",")
    .map((a) => a.trim())
    .filter((a) => a.length > 0);
  const { startDnsServer } = await import("./dns/server.js");
  const server = await startDnsServer({
    listen,
    apexes,
    source: zoneSource(rt.query),
    log: rt.log,
    onHead: rt.onHead,
    onQuery: (rcode, transport) =>
      rcode === "dropped"
        ? rt.metrics.inc("dns_queries_dropped", { transport })
        : rt.metrics.inc("dns_queries", { rcode, transport }),
  });
  return { stop: () => server.stop() };
}

export const enumModule: Module = {
  name: "enum",
  proofs: enumProofs,
  kinds: enumKinds,
  errors: ENUM_ERRORS,
  genesis: enumGenesis,
  devGenesis: devEnumGenesis,
  routes: enumRoutes,
  lookups: [enumNumberLookup],
  lists: [enumNumbersList],
  cli: enumCli,
  nodeFlags: [
    {
      flags: "--dns <host:port>",
      name: "dns",
      description: "serve ENUM over DNS (UDP and TCP); --dev default: the API port - 3292 (8645 -> 5353)",
      devDefault: devDnsListen,
    },
    {
      flags: "--dns-apex <names>",
      name: "dnsApex",
      description: "comma-separated ENUM apexes (default e164.arpa)",
    },
  ],
  metrics: [
    {
      name: "dns_queries",
      help: "ENUM DNS queries answered, by response code (NOERROR, NXDOMAIN, REFUSED, ...) and transport",
      labels: ["rcode", "transport"],
    },
    {
      name: "dns_queries_dropped",
      help: "ENUM DNS messages left unanswered (responses, malformed headers, handler errors), by transport",
      labels: ["transport"],
    },
  ],
  start,
};
