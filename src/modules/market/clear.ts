/**
 * The clearing price of one book, as a pure function of its orders (the end-of-block step,
 * end-block.ts, reads and writes the state around it). One batch auction at a single price p:
 *
 *   1. p maximises the executed volume min(demand(p), supply(p)), where demand(p) is the total
 *      remaining quantity of the buys priced ≥ p and supply(p) that of the sells priced ≤ p,
 *      over the prices of the resting orders;
 *   2. among those, p minimises |demand(p) − supply(p)|;
 *   3. if several prices remain, p is the floor of the mean of the lowest and the highest.
 *
 * The volume is min(demand(p), supply(p)). The smaller side fills completely. The larger side
 * fills in price priority, then time priority (earlier order id: ids are given in execution
 * order, so an earlier block first, then an earlier position in the block), the last order
 * partially: every buy priced above p and every sell priced below p fills completely and the
 * orders at exactly p share the rest by time, except when p is a midpoint (rule 3) between
 * two prices with no order of the larger side at p itself — there the larger side's orders
 * beyond p may hold more than the volume, and they fill best price first.
 *
 * The volume at the midpoint is the maximal volume: demand and supply are step functions that
 * change only at resting prices, the maximisers of rule 1 and 2 form a run of consecutive
 * resting prices, and a price between two of them has the demand of the next one above and the
 * supply of the next one below, both in the run.
 *
 * Cost: O(n log n) for n orders (two sorts), then O(n).
 */

export type ClearingSide = "buy" | "sell";

/** An order as the clearing sees it: its id (time priority), side, limit price and remaining quantity. */
export interface AuctionOrder {
  id: number;
  side: ClearingSide;
  price: bigint;
  quantity: bigint;
}

export interface Clearing {
  price: bigint;
  volume: bigint;
  /** demand(price) and supply(price). */
  demand: bigint;
  supply: bigint;
  /** Every order that trades, with the quantity it trades, in id order. */
  fills: { id: number; quantity: bigint }[];
}

/** The smaller and the larger of two bigints (Math.min and Math.max take numbers only). */
export function smaller(a: bigint, b: bigint): bigint {
  if (a < b) return a;
  return b;
}
export function larger(a: bigint, b: bigint): bigint {
  if (a > b) return a;
  return b;
}

const byPriceDescThenId = (a: AuctionOrder, b: AuctionOrder) =>
  a.price === b.price ? a.id - b.id : a.price > b.price ? -1 : 1;
const byPriceAscThenId = (a: AuctionOrder, b: AuctionOrder) =>
  a.price === b.price ? a.id - b.id : a.price < b.price ? -1 : 1;

/** The clearing of a book, or undefined when no buy is priced at or above a sell (no cross). */
export function clear(orders: readonly AuctionOrder[]): Clearing | undefined {
  const buys = orders.filter((o) => o.side === "buy" && o.quantity > 0n).sort(byPriceDescThenId);
  const sells = orders.filter((o) => o.side === "sell" && o.quantity > 0n).sort(byPriceAscThenId);
  if (buys.length === 0 || sells.length === 0 || buys[0].price < sells[0].price) return undefined;

  // The candidate prices: every price of a resting order, ascending, with supply(p) by a walk
  // up the sells and demand(p) by a walk down the buys.
  const prices = mergeDistinct(
    sells.map((o) => o.price),
    buys.map((o) => o.price).reverse(),
  );
  const supply: bigint[] = new Array(prices.length);
  let s = 0n;
  for (let i = 0, j = 0; i < prices.length; i++) {
    while (j < sells.length && sells[j].price <= prices[i]) s += sells[j++].quantity;
    supply[i] = s;
  }
  const demand: bigint[] = new Array(prices.length);
  let d = 0n;
  for (let i = prices.length - 1, j = 0; i >= 0; i--) {
    while (j < buys.length && buys[j].price >= prices[i]) d += buys[j++].quantity;
    demand[i] = d;
  }

  let bestVolume = 0n;
  let bestImbalance = 0n;
  let low = 0n;
  let high = 0n;
  for (let i = 0; i < prices.length; i++) {
    const volume = smaller(demand[i], supply[i]);
    const imbalance = larger(demand[i], supply[i]) - smaller(demand[i], supply[i]);
    if (volume > bestVolume || (volume === bestVolume && imbalance < bestImbalance)) {
      [bestVolume, bestImbalance, low, high] = [volume, imbalance, prices[i], prices[i]];
    } else if (volume === bestVolume && imbalance === bestImbalance) high = prices[i];
  }
  if (bestVolume === 0n) return undefined;
  const price = (low + high) / 2n;

  let atDemand = 0n;
  for (const o of buys) if (o.price >= price) atDemand += o.quantity;
  let atSupply = 0n;
  for (const o of sells) if (o.price <= price) atSupply += o.quantity;
  const volume = smaller(atDemand, atSupply);

  const fills: { id: number; quantity: bigint }[] = [];
  const take = (side: AuctionOrder[], eligible: (o: AuctionOrder) => boolean) => {
    let left = volume;
    for (const o of side) {
      if (left === 0n || !eligible(o)) break;
      const q = smaller(o.quantity, left);
      fills.push({ id: o.id, quantity: q });
      left -= q;
    }
  };
  take(buys, (o) => o.price >= price);
  take(sells, (o) => o.price <= price);
  fills.sort((a, b) => a.id - b.id);
  return { price, volume, demand: atDemand, supply: atSupply, fills };
}

/** Two ascending lists merged, each value once. */
function mergeDistinct(a: bigint[], b: bigint[]): bigint[] {
  const out: bigint[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const v = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i++] : b[j++];
    if (out.length === 0 || out[out.length - 1] !== v) out.push(v);
  }
  return out;
}
