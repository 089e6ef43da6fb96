/**
 * State layout of the settlement module (keys relative to m/settlement/). Each part of the
 * module keeps its own prefixes:
 *   p                              -> ParamsEntry   parameters (absent: DEFAULT_PARAMS)
 *   L/<cycle u64 BE>/n             -> u32 BE        obligations recorded in the cycle (ledger.ts)
 *   L/<cycle u64 BE>/i/<u32 BE>    -> Obligation    the i-th (buyer, seller) pair of the cycle
 *   L/<cycle u64 BE>/p/<buyer>/<seller> -> u32 BE   index of that pair in the cycle
 *   W/<carrier>                    -> Withheld      disputed amounts outstanding (ledger.ts)
 *   c/<carrier>                    -> CollateralEntry  a carrier's collateral (netting/store.ts)
 *   s/<cycle u64 BE>/<carrier>     -> Statement     its statement of a netted cycle
 *   y/<cycle u64 BE>               -> CycleSummary  the summary of a netted cycle (none when it had no amounts)
 * Agreements part (agreements/store.ts; ids and periods as 16-digit decimals):
 *   a/<id>                         -> AgreementEntry     an agreement
 *   a/c/<carrier>/<id>             -> 0x01               index: the agreements of a carrier
 *   o/<id>                         -> OfferEntry         an open offer
 *   k/<id>/<period>/s | /b         -> CommitmentEntry    the seller's / buyer's commitment
 *   k/<id>/<period>/r              -> OutcomeEntry       how the period was settled
 *   d/<id>/<period>                -> DisputeEntry       a dispute, with its evidence
 *   d/c/<carrier>/<id>/<period>    -> 0x01               index: the disputes of a carrier
 *   t/n, t/h/<slot u32 BE>         -> u32, DeadlineEntry the deadline queue (agreements/deadlines.ts)
 *   n/a, n/o                       -> Uint53             the last agreement / offer id
 *   n/x/<tx hash 32 bytes>         -> CreatedByTx        the agreement or offer a transaction created
 */
import { utf8 } from "../../bytes.js";
import { entries } from "../../module/store.js";
import type { StateReader } from "../../state/view.js";
import { DEFAULT_PARAMS } from "./params.js";
import { ParamsEntry, type SettlementParams } from "./schemas.js";

export const PARAMS_KEY = utf8("p");
const params = entries(ParamsEntry, () => PARAMS_KEY);

export const readParams = (state: StateReader): SettlementParams =>
  params.get(state, undefined) ?? { ...DEFAULT_PARAMS };
