/** The settlement module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction, routeAction } from "../../client/module-actions.js";
import {
  agreementLookup,
  agreementsList,
  disputesList,
  getCreated,
  getDisputeRoute,
  getPeriodRoute,
  offerLookup,
  offersList,
} from "./agreements/routes.js";
import { getCollateralRoute, getCycleRoute, getStatementRoute } from "./netting/routes.js";

const TAG = "settlement";

/** GET /v1/settlement/agreements/:id: an agreement: parties, status, deck hash, terms, current period. */
export const getSettlementAgreement = lookupAction(agreementLookup, TAG);

/** GET /v1/settlement/agreements?carrier=: a page of a carrier's agreements. */
export const listSettlementAgreements = listAction(agreementsList, TAG);

/** GET /v1/settlement/offers/:id: an open offer with its deck. */
export const getSettlementOffer = lookupAction(offerLookup, TAG);

/** GET /v1/settlement/offers: a page of the open offers (without their decks). */
export const listSettlementOffers = listAction(offersList, TAG);

/** GET /v1/settlement/disputes?carrier=: a page of a carrier's disputes, open and resolved. */
export const listSettlementDisputes = listAction(disputesList, TAG);

/** GET /v1/settlement/agreements/:id/periods/:period: a period's commitments and outcome. */
export const getSettlementPeriod = routeAction(getPeriodRoute);

/** GET /v1/settlement/agreements/:id/periods/:period/dispute: a period's dispute and its evidence. */
export const getSettlementDispute = routeAction(getDisputeRoute);

/** GET /v1/settlement/created/:tx: the agreement or offer an included transaction created. */
export const getSettlementCreated = routeAction(getCreated.route);

/** GET /v1/settlement/cycles/:cycle: a netted cycle's summary and a page of its statements. */
export const getSettlementCycle = routeAction(getCycleRoute);

/** GET /v1/settlement/statements/:carrier/:cycle: a carrier's statement of a netted cycle. */
export const getSettlementStatement = routeAction(getStatementRoute);

/** GET /v1/settlement/collateral/:carrier: a carrier's collateral, withdrawable amount and arrears. */
export const getSettlementCollateral = routeAction(getCollateralRoute);
