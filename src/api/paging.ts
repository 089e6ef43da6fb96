/**
 * Paged lists, one way for every list route: `?limit=N&cursor=C` answers
 * `{ items, next }`, where `next` is an opaque cursor (hex of the last index key returned,
 * relative to the list's prefix) to pass as `cursor` for the following page, or null at the
 * end. A list is a scan of a prefix of the module's state (usually a secondary index kept by
 * src/module/store.ts `indexed`), so a page is as cheap as its length however long the list.
 */
import { type TSchema, Type } from "@sinclair/typebox";
import { concatBytes, fromHexOrUndefined, toHex } from "../bytes.js";
import { TelchainError } from "../errors.js";
import type { QueryContext } from "../module/interface.js";

export const MAX_PAGE = 100;
export const DEFAULT_PAGE = 50;
/** Longest cursor accepted (hex characters): index keys relative to their list are short. */
export const MAX_CURSOR_LENGTH = 256;

/** The query fields of every list route (spread into the route's querystring schema). */
export const PageQueryFields = {
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE, description: "items per page" }),
  ),
  cursor: Type.Optional(
    Type.String({
      maxLength: MAX_CURSOR_LENGTH,
      description: "the `next` of the previous page (opaque); absent for the first page",
    }),
  ),
};
export interface PageQuery {
  limit?: number;
  cursor?: string;
}

/** The answer of a list route: a page of `item`. */
export const PageSchema = <T extends TSchema>(item: T, description: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      next: Type.Union([Type.String(), Type.Null()], {
        description: "cursor of the following page, null at the end of the list",
      }),
    },
    { description },
  );
export interface Page<T> {
  items: T[];
  next: string | null;
}

/** The key a cursor resumes after (relative to the list's prefix); BAD_CURSOR if it is not one. */
export function decodeCursor(cursor: string): Uint8Array {
  const bytes =
    /^[0-9a-f]*$/.test(cursor) && cursor.length <= MAX_CURSOR_LENGTH ? fromHexOrUndefined(cursor) : undefined;
  if (!bytes || bytes.length === 0)
    throw new TelchainError("BAD_CURSOR", "cursor must be the `next` of an earlier page (lowercase hex)");
  return bytes;
}

export const encodeCursor = (rest: Uint8Array): string => toHex(rest);

/**
 * One page of the entries `q` scans under `prefix` (a module's state, or a node-local index): `item(rest, value)` turns an entry
 * (its key without the prefix) into the item shown, or undefined to skip it (it still moves
 * the cursor).
 */
export function readPage<T>(
  q: Pick<QueryContext, "scan">,
  prefix: Uint8Array,
  query: PageQuery,
  item: (rest: Uint8Array, value: Uint8Array) => T | undefined,
): Page<T> {
  const limit = Math.min(Math.max(1, Math.trunc(query.limit ?? DEFAULT_PAGE)), MAX_PAGE);
  const after = query.cursor === undefined ? undefined : concatBytes(prefix, decodeCursor(query.cursor));
  const found = q.scan(prefix, limit + 1, after);
  const shown = found.slice(0, limit);
  const items: T[] = [];
  for (const { key, value } of shown) {
    const v = item(key.subarray(prefix.length), value);
    if (v !== undefined) items.push(v);
  }
  const last = shown.at(-1);
  return {
    items,
    next: found.length > limit && last ? encodeCursor(last.key.subarray(prefix.length)) : null,
  };
}

/** Exactly one of the named filters is given (400 BAD_REQUEST otherwise); returns its name. */
export function oneFilter<K extends string>(query: Partial<Record<K, unknown>>, names: readonly K[]): K {
  const given = names.filter((n) => query[n] !== undefined);
  if (given.length !== 1)
    throw new TelchainError(
      "BAD_REQUEST",
      `give exactly one of ${names.map((n) => `?${n}=`).join(", ")} (got ${given.length === 0 ? "none" : given.join(", ")})`,
    );
  return given[0] as K;
}
