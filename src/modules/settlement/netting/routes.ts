/**
 * The netting routes: a netted cycle (summary and statements, paged), one carrier's statement
 * of a cycle, a carrier's collateral. Ids are checked by the same parsers as the CLI's.
 */
import { Type } from "@sinclair/typebox";
import type { FastifyInstance } from "fastify";
import { PageQueryFields, readPage } from "../../../api/paging.js";
import { defineRoute, registerRoute } from "../../../api/route.js";
import { TelchainError } from "../../../errors.js";
import type { QueryContext } from "../../../module/interface.js";
import type { ExpectedCarriers } from "../expected-keepers.js";
import { readParams } from "../store.js";
import { parseCarrier, parseCycle } from "./ids.js";
import { Statement } from "./schemas.js";
import { readStatement, readSummary, statementsPrefix } from "./store.js";
import {
  CollateralSchema,
  CycleSchema,
  collateralView,
  StatementSchema,
  statementView,
  summaryView,
} from "./views.js";

const TAGS = ["settlement"];
const CycleParam = Type.String({ maxLength: 40, description: "cycle number (0, 1, 2, ...)" });
const CarrierParam = Type.String({ maxLength: 40, description: "carrier id" });

/** The heights of a cycle; SETTLEMENT_CYCLE_OPEN until its last block is in the chain. */
function nettedCycle(q: QueryContext, cycle: number) {
  const { cycleBlocks } = readParams(q.state());
  const startHeight = cycle * cycleBlocks;
  const endHeight = startHeight + cycleBlocks - 1;
  if (endHeight > q.height())
    throw new TelchainError(
      "SETTLEMENT_CYCLE_OPEN",
      `cycle ${cycle} is netted at height ${endHeight}; the chain is at ${q.height()}`,
    );
  return { startHeight, endHeight };
}

export const getCycleRoute = defineRoute({
  method: "GET",
  url: "/v1/settlement/cycles/:cycle",
  operationId: "getSettlementCycle",
  summary: "A netted settlement cycle: summary and statements",
  description:
    "The summary of a netted cycle (gross, settled, carried and net volume, carriers, defaulters, " +
    "rounds) and a page of its carriers' statements in carrier order (?limit, ?cursor). A cycle " +
    "without amounts answers zeros and no statements. 400 SETTLEMENT_BAD_CYCLE, BAD_CURSOR; 404 " +
    "SETTLEMENT_CYCLE_OPEN before the cycle's last block.",
  tags: TAGS,
  params: Type.Object({ cycle: CycleParam }),
  querystring: Type.Object(PageQueryFields),
  response: CycleSchema,
});

export const getStatementRoute = defineRoute({
  method: "GET",
  url: "/v1/settlement/statements/:carrier/:cycle",
  operationId: "getSettlementStatement",
  summary: "A carrier's statement of a netted cycle",
  description:
    "Gross receivable and payable, net, paid or received, carried (a default), arrears brought " +
    "forward, withheld (disputed) and the collateral after the netting. 400 SETTLEMENT_BAD_CARRIER, " +
    "SETTLEMENT_BAD_CYCLE; 404 SETTLEMENT_CYCLE_OPEN before the cycle's last block, " +
    "SETTLEMENT_NO_STATEMENT when the carrier had no amounts in the cycle.",
  tags: TAGS,
  params: Type.Object({ carrier: CarrierParam, cycle: CycleParam }),
  response: StatementSchema,
});

export const getCollateralRoute = defineRoute({
  method: "GET",
  url: "/v1/settlement/collateral/:carrier",
  operationId: "getSettlementCollateral",
  summary: "A carrier's collateral: balance, withdrawable, arrears",
  description:
    "The collateral balance, what the open cycle needs (the carrier's net debit so far, arrears " +
    "included) and the rest, which its operators may withdraw; the arrears the last netting " +
    "carried and the disputed amounts outstanding. 400 SETTLEMENT_BAD_CARRIER; 404 NOT_FOUND for " +
    "a carrier that is not registered and holds no collateral.",
  tags: TAGS,
  params: Type.Object({ carrier: CarrierParam }),
  response: CollateralSchema,
});

const decoder = new TextDecoder();

export function nettingRoutes(app: FastifyInstance, q: QueryContext): void {
  registerRoute(app, getCycleRoute, async ({ params, query }) => {
    const cycle = parseCycle(params.cycle);
    const heights = nettedCycle(q, cycle);
    const statements = readPage(q, statementsPrefix(cycle), query, (rest, value) =>
      statementView(decoder.decode(rest), cycle, Statement.deserialize(value)),
    );
    return { cycle, ...heights, summary: summaryView(readSummary(q.state(), cycle)), statements };
  });

  registerRoute(app, getStatementRoute, async ({ params }) => {
    const carrier = parseCarrier(params.carrier);
    const cycle = parseCycle(params.cycle);
    nettedCycle(q, cycle);
    const s = readStatement(q.state(), cycle, carrier);
    if (!s) throw new TelchainError("SETTLEMENT_NO_STATEMENT", `${carrier} had no amounts in cycle ${cycle}`);
    return statementView(carrier, cycle, s);
  });

  registerRoute(app, getCollateralRoute, async ({ params }) => {
    const carrier = parseCarrier(params.carrier);
    const view = collateralView(q, carrier);
    if (view.balance === "0" && q.keeper<ExpectedCarriers>("carriers").carrier(carrier) === undefined)
      throw new TelchainError("NOT_FOUND", `carrier ${carrier} is not registered`);
    return view;
  });
}
