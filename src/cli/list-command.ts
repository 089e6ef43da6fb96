/**
 * `telchain <command> list ...`: one way for every paged list route (src/api/paging.ts); a
 * module's declared lists (src/module/list.ts) get theirs from `registerListCommand`.
 * `--limit N` and `--cursor C` ask for one page; `--all` follows the cursors to the end
 * (progress on stderr after each page beyond the first). Human output is one line per item
 * and a `next: --cursor C` hint; --json prints the page object ({ items, next }).
 */
import type { Command } from "commander";
import { MAX_PAGE, type Page, type PageQuery } from "../api/paging.js";
import { TelchainError } from "../errors.js";
import type { CliContext } from "../module/interface.js";
import type { ModuleList } from "../module/list.js";
import { addressArgument, intOption } from "./arguments.js";
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
  const query = params.toString();
  return query === "" ? path : `${path}${path.includes("?") ? "&" : "?"}${query}`;
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

/**
 * `telchain <list.command> list`: one option per filter (`--holder <address>`; exactly one
 * required when there are any), checked before the node is asked, then `runList`.
 */
export function registerListCommand(program: Command, ctx: CliContext, list: ModuleList): void {
  const parent = program.commands.find((c) => c.name() === list.command) ?? program.command(list.command);
  const filters = Object.entries(list.filters ?? {});
  const usage = filters.map(([n, f]) => `--${n} ${"address" in f ? "ADDRESS" : n.toUpperCase()}`);
  const what = [list.noun, filters.map(([, f]) => f.help).join(" or ")].filter(Boolean).join(" ");
  const cmd = parent.command("list").description(`the ${what}, in ${list.order} (paged)`);
  for (const [n, f] of filters) {
    const [flags, help] = [`--${n} <${"address" in f ? "address" : n}>`, `the ${list.noun} ${f.help}`];
    if (filters.length === 1) cmd.requiredOption(flags, help);
    else cmd.option(flags, help);
  }
  pagingOptions(cmd).action(async (o: Record<string, string | undefined>, c: Command) => {
    const given = filters.filter(([n]) => o[n] !== undefined);
    if (filters.length > 0 && given.length !== 1)
      throw new TelchainError("BAD_ARGUMENT", `give exactly one of ${usage.join(" or ")}`);
    const [name, f] = given[0] ?? [];
    const value = name === undefined ? "" : String(o[name]);
    if (f && "address" in f) addressArgument(value, `--${name}`);
    await runList(ctx, c, {
      path: name === undefined ? list.path : `${list.path}?${name}=${encodeURIComponent(value)}`,
      line: list.line,
      empty: `no ${list.noun}`,
    });
  });
}
