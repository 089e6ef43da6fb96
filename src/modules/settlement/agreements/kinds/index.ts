/** The kinds of the agreements part and their typed call builders (CLI, tests, clients). */
import { calls } from "../../../../module/kind.js";
import { accept, propose, terminate, version, versionAccept } from "./agreement.js";
import { acceptFigure, concede, decide, evidence, proposeFigure } from "./dispute.js";
import { acceptOffer, publish, withdraw } from "./offer.js";
import { commit } from "./usage.js";

export const agreementKinds = {
  "agreement-propose": propose,
  "agreement-accept": accept,
  "agreement-version": version,
  "agreement-version-accept": versionAccept,
  "agreement-terminate": terminate,
  "offer-publish": publish,
  "offer-accept": acceptOffer,
  "offer-withdraw": withdraw,
  "usage-commit": commit,
  "dispute-concede": concede,
  "dispute-propose": proposeFigure,
  "dispute-accept": acceptFigure,
  "dispute-decide": decide,
  "dispute-evidence": evidence,
};

export const agreementCalls = calls("settlement", agreementKinds);
