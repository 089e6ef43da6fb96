/** Every code the vouchers module refuses with (kinds, keepers, routes and CLI). */
import { defineErrors, type ErrorClass } from "../../errors.js";

const is = (c: ErrorClass, description: string) => ({ class: c, description });

export const VOUCHERS_ERRORS = defineErrors("vouchers", {
  VOUCHERS_NOT_OPERATOR: is("forbidden", "The sender is not an operator of any registered carrier."),
  VOUCHERS_NOT_ISSUER: is("forbidden", "Only an operator of the class's issuer carrier may do this."),
  VOUCHERS_BAD_UNIT: is("invalid", "The unit is not minute, message or megabyte (0, 1 or 2 in a payload)."),
  VOUCHERS_BAD_TEXT: is(
    "invalid",
    "A class name is 1 to 32 bytes, a description at most 256 bytes, of UTF-8 without control characters.",
  ),
  VOUCHERS_BAD_SUBSCRIBER: is(
    "invalid",
    "A subscriber reference (an MSISDN, an account id) is 1 to 64 bytes of UTF-8 without control characters.",
  ),
  VOUCHERS_BAD_CARRIER: is("invalid", "Not a carrier id (3 to 8 upper-case letters or digits)."),
  VOUCHERS_UNKNOWN_CARRIER: is("not-found", "No carrier is registered with this id."),
  VOUCHERS_BAD_EXPIRY: is(
    "invalid",
    "A class's expiry height is before the block that creates it, or more than 100,000,000 blocks after it.",
  ),
  VOUCHERS_BAD_ID: is("invalid", "Not a class or offer id (a whole number from 1 to 2^53 − 1)."),
  VOUCHERS_BAD_AMOUNT: is(
    "invalid",
    "An amount, cap, price, units per purchase, stock or count is 0 (or not a whole number from 1 to 2^64 − 1).",
  ),
  VOUCHERS_NO_CLASS: is("not-found", "No voucher class has this id."),
  VOUCHERS_EXPIRED: is(
    "gone",
    "The class has expired (the block is past its expiry height): its balances read 0 and cannot move.",
  ),
  VOUCHERS_CAP_EXCEEDED: is("conflict", "Issuing this many units would pass the class's supply cap."),
  VOUCHERS_OVERFLOW: is("invalid", "An amount, a total price or a total of units would pass 2^64 − 1."),
  VOUCHERS_NOT_TRANSFERABLE: is(
    "conflict",
    "The class is not transferable: its units are only issued and redeemed, never moved or escrowed.",
  ),
  VOUCHERS_INSUFFICIENT: is("conflict", "The holder's balance of the class is below the amount."),
  VOUCHERS_CUSTODY_SHORT: is(
    "conflict",
    "Write keeper: more units given back than the class has in custody (taken and not yet given).",
  ),
  VOUCHERS_BAD_END: is(
    "invalid",
    "An offer's end height is before the block that publishes it, or after its class's expiry.",
  ),
  VOUCHERS_BAD_FEE: is("invalid", "A publisher fee is above 10,000 basis points (100 %)."),
  VOUCHERS_SELF_PUBLISHER: is("invalid", "The publisher named is the class's issuer itself."),
  VOUCHERS_BAD_PAYEE: is(
    "invalid",
    "The publisher's payout address is not an operator key of the publisher carrier.",
  ),
  VOUCHERS_NO_OFFER: is("not-found", "No offer has ever had this id."),
  VOUCHERS_OFFER_ENDED: is("gone", "The offer is past its end height (and may have been pruned since)."),
  VOUCHERS_OUT_OF_STOCK: is(
    "conflict",
    "The offer has fewer purchases left than asked (none when sold out).",
  ),
  VOUCHERS_BAD_CURSOR: is(
    "invalid",
    "A redemption feed cursor is not a whole number, or is past the end of the issuer's log.",
  ),
  VOUCHERS_BAD_OPTION: is("invalid", "CLI: a missing, conflicting or malformed option."),
  VOUCHERS_STREAM_CLOSED: is(
    "unavailable",
    "CLI --follow: the node closed the redemption stream or could not be reached.",
  ),
});
