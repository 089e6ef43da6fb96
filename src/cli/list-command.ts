/**
 * `telchain <module> list ...`: one way for every paged list route (src/api/paging.ts).
 * `--limit N` and `--cursor C` ask for one page; `--all` follows the cursors to the end
 * (progress on stderr after each page beyond the first). Human output is one line per item
 * and a `next: --cursor C` hint; --json prints the page object ({ items, next }).
 */
import type { Command } from "commander";
import { MAX_PAGE, type Page, type PageQuery } from "../api/paging.js";
import type { CliContext } from "../module/interface.js";
import { intOption } from "./arguments.js";
import { globals } from "./output.js";

/** Adds --limit, --cursor and --all to a list command. */
export const pagingOptions = (cmd: Command) =>
  cmd
    .option("--limit <n>", `items per page, 1 to ${MAX_PAGE} (default 50)`, intOption("--limit", 1, MAX_PAGE))
    .option("--cursor <c>", "continue after the page that printed this cursor (its `next`)")
    .option("--all", "follow the cursors to the end of the list");

export type ListOptions<T> = (
  | {
      /** The route with its filter, e.g. `/v1/numbers?holder=tel1...` or `/v1/carriers`. */
      path: string;
    }
  | {
      /** Or a typed client action that fetches one page from the node at `api`. */
      fetch(api: string, page: PageQuery): Promise<Page<T>>;
    }
) & {
  line(item: T): string;
  /** Shown instead of the lines when the list is empty. */
  empty: string;
};

const withQuery = (path: string, q: Record<string, string | number | undefined>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined) params.set(k, String(v));
  return `${path}${path.includes("?") ? "&" : "?"}${params}`;
};

/** Runs a list command: fetches one page (or, with --all, every page) and prints it. */
export async function runList<T>(ctx: CliContext, cmd: Command, list: ListOptions<T>): Promise<void> {
  const g = globals(cmd);
  const o = cmd.opts() as { limit?: number; cursor?: string; all?: boolean };
  const get = (cursor: string | undefined, limit: number | undefined) =>
    "fetch" in list
      ? list.fetch(g.api, { limit, cursor })
      : (ctx.get(g.api, withQuery(list.path, { limit, cursor })) as Promise<Page<T>>);
  let page = await get(o.cursor, o.all ? (o.limit ?? MAX_PAGE) : o.limit);
  if (o.all) {
    const items = [...page.items];
    for (let pages = 1; page.next !== null; pages++) {
      page = await get(page.next, o.limit ?? MAX_PAGE);
      items.push(...page.items);
      process.stderr.write(`… ${items.length} items (${pages + 1} pages)\n`);
    }
    page = { items, next: null };
  }
  const shown = page;
  ctx.print(g.json, shown, () => {
    const lines = shown.items.map(list.line);
    if (lines.length === 0) lines.push(list.empty);
    if (shown.next !== null) lines.push(`next: --cursor ${shown.next}`);
    return lines.join("\n");
  });
}
