/**
 * The market module's provable records (Module.proofs, src/module/proof.ts): an order by id
 * (kept after it closes) and a voucher class's book header by class id. Browser-safe: the SDK
 * bundles it.
 */
import { defineProof, proofById } from "../../module/proof.js";
import { parseClass } from "./ids.js";
import { BookEntry, OrderEntry } from "./schemas.js";
import { bookKey, orderKey } from "./store.js";

export const marketProofs = [
  proofById({
    record: "order",
    about: "an order by id: owner, class, side, price, quantity, remaining, status, fills",
    code: "MARKET_BAD_ORDER",
    what: "order",
    key: orderKey,
    value: OrderEntry,
  }),
  defineProof({
    record: "book",
    about: "a voucher class's order book header by class id: orders, quantities, coin escrow, last auction",
    param: { help: "the voucher class id (1, 2, …)", maxLength: 16, parse: (raw) => String(parseClass(raw)) },
    key: (id) => bookKey(Number(id)),
    value: BookEntry,
  }),
];
