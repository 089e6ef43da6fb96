/** The channels kinds and their typed call builders (CLI, tests, clients). */
import { calls } from "../../../module/kind.js";
import { close, reclaim, settle, startClose } from "./end.js";
import { open, topUp } from "./open.js";

export const channelsKinds = { open, "top-up": topUp, close, "start-close": startClose, settle, reclaim };

export const channelsCalls = calls("channels", channelsKinds);
