/** The allowances kinds and their typed call builders (CLI, tests, clients). */
import { calls } from "../../../module/kind.js";
import { grant } from "./grant.js";
import { change, revoke } from "./manage.js";
import { pull } from "./pull.js";

export const allowancesKinds = { grant, change, revoke, pull };

export const allowancesCalls = calls("allowances", allowancesKinds);
