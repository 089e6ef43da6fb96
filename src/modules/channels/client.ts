/** The channels module's routes as typed functions (src/client/module-actions.ts), browser-safe. */
import { listAction, lookupAction, routeAction } from "../../client/module-actions.js";
import { channelLookup, channelsList, checkVoucherRoute, getCreated, TAG } from "./routes.js";

/** GET /v1/channels/:id: a payment channel: deposit, expiry, status and pay-out. */
export const getChannel = lookupAction(channelLookup, TAG);

/** GET /v1/channels?payer=|payee=: a page of the channels a payer opened or that pay a payee (give one). */
export const listChannels = listAction(channelsList, TAG);

/** GET /v1/channels/created/tx/:tx: the channel an included `open` transaction created. */
export const getChannelsCreated = routeAction(getCreated.route);

/** POST /v1/channels/:id/check-voucher: would this voucher (amount, signature) close the channel next block? */
export const checkChannelVoucher = routeAction(checkVoucherRoute);
