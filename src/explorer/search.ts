/**
 * The search box: a height, a block or transaction hash, an address (the core's keys), then
 * each module's own (a number, an IMEI, a carrier id…, from the module pages' `search`).
 * The first that names something decides the page.
 */
import { exists, seg } from "./api.js";
import type { ExplorerSearch } from "./page.js";

export const CORE_SEARCH: ExplorerSearch[] = [
  {
    label: "block by height",
    find: async (q) =>
      /^\d{1,10}$/.test(q) && (await exists(`/v1/blocks/${q}`)) ? `/block/${q}` : undefined,
  },
  {
    label: "block by hash",
    find: async (q) =>
      /^[0-9a-f]{64}$/i.test(q) && (await exists(`/v1/blocks/${q}`))
        ? `/block/${q.toLowerCase()}`
        : undefined,
  },
  {
    label: "transaction by hash",
    find: async (q) =>
      /^[0-9a-f]{64}$/i.test(q) && (await exists(`/v1/txs/${q}`)) ? `/tx/${q.toLowerCase()}` : undefined,
  },
  {
    label: "account by address",
    find: async (q) =>
      /^tel1[0-9a-z]{20,120}$/i.test(q) && (await exists(`/v1/accounts/${seg(q)}`))
        ? `/account/${q.toLowerCase()}`
        : undefined,
  },
];

/** The page for `q`, trying the core's keys and then every module's; undefined when none. */
export async function searchFor(q: string, modules: ExplorerSearch[]): Promise<string | undefined> {
  const query = q.trim();
  if (query === "") return undefined;
  for (const s of [...CORE_SEARCH, ...modules]) {
    const found = await s.find(query);
    if (found) return found;
  }
  return undefined;
}
