/**
 * A paged list a module serves, declared as data (Module.lists): the core turns it into a
 * `GET` route (src/api/list-route.ts) and a `telchain <command> list` command
 * (src/cli/list-command.ts), so every list pages, filters and refuses bad input the same way.
 * A list is a scan of a prefix of the module's own state — usually an index that
 * src/module/store.ts `indexed` keeps beside the entries — so a page costs its length.
 *
 *   defineList({
 *     path: "/v1/numbers", operationId: "listNumbers", command: "number", noun: "numbers",
 *     order: "digit order", summary: "List numbers by holder or carrier", schema: NumberSchema,
 *     filters: { holder: { help: "that an address holds", address: byHolder.prefix } },
 *     item: (q, digits) => numberView(q.state(), digits, q.height()),
 *     line: (v) => `${v.number}  ${v.status}`,
 *   });
 */
import type { Static, TSchema } from "@sinclair/typebox";
import type { QueryContext } from "./interface.js";

/** A filter of a list: its value is an address (`tel1…`, decoded) or a short text; each gives the prefix scanned. */
export type ListFilter = { help: string } & (
  | { address(owner: Uint8Array): Uint8Array }
  | { text(value: string): Uint8Array; maxLength: number }
);

export interface ModuleList<T extends TSchema = TSchema> {
  /** The route, e.g. "/v1/numbers", and its operationId ("listNumbers"). */
  path: string;
  operationId: string;
  summary: string;
  /** What is listed, plural ("numbers"), and in what order ("digit order"). */
  noun: string;
  order: string;
  /** More about the items, for the route's description (optional). */
  about?: string;
  /** The CLI command `list` goes under: "number" gives `telchain number list`. */
  command: string;
  /** The filters; when there are any, exactly one is required. */
  filters?: Record<string, ListFilter>;
  /** The prefix scanned when the list has no filters. */
  prefix?: Uint8Array;
  schema: T;
  /** The item of a listed key (`id`: the key after the prefix, as text) and its value; undefined skips it. */
  item(q: QueryContext, id: string, value: Uint8Array): Static<T> | undefined;
  /** One line of the CLI's human output. */
  line(item: Static<T>): string;
}

/**
 * What a list declares about its route, without the server's `item` or the CLI's part: what
 * src/api/list-route.ts turns into the route, for the server and for the SDK's client alike.
 */
export type ListDeclaration<
  T extends TSchema = TSchema,
  F extends Record<string, ListFilter> = Record<string, ListFilter>,
> = Pick<ModuleList<T>, "path" | "operationId" | "summary" | "noun" | "order" | "about" | "schema"> & {
  filters?: F;
};

/**
 * Declares a list, keeping its item type for `item` and `line`, and its filters' names (the SDK's
 * typed client takes them: `listDevices(client, { owner, limit, cursor })`).
 */
export const defineList = <T extends TSchema, F extends Record<string, ListFilter> = Record<never, never>>(
  list: Omit<ModuleList<T>, "filters"> & { filters?: F },
): Omit<ModuleList<T>, "filters"> & { filters?: F } => list;
