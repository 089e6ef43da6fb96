/**
 * The explorer's access to the node: same-origin JSON GETs under /v1, and a hook that loads
 * (and optionally polls) one route. Errors are the API's `{ error: { code, message } }`.
 */
import { useEffect, useState } from "preact/hooks";

export interface ApiError {
  code: string;
  message: string;
}

export type ApiAnswer<T> =
  | { ok: true; status: number; body: T }
  | { ok: false; status: number; error: ApiError };

/** GET `path` (e.g. "/v1/status") from the node that served the page. */
export async function apiGet<T>(path: string): Promise<ApiAnswer<T>> {
  let r: Response;
  try {
    r = await fetch(path, { headers: { accept: "application/json" } });
  } catch (e) {
    return {
      ok: false,
      status: 0,
      error: { code: "NODE_UNREACHABLE", message: `the node did not answer: ${String(e)}` },
    };
  }
  const body = (await r.json().catch(() => undefined)) as unknown;
  if (r.ok) return { ok: true, status: r.status, body: body as T };
  const error = (body as { error?: ApiError } | undefined)?.error;
  return {
    ok: false,
    status: r.status,
    error: error ?? { code: "API_BAD_RESPONSE", message: `HTTP ${r.status} without a JSON error` },
  };
}

/** True when `path` answers 200 (for search: does this key name something?). */
export async function exists(path: string): Promise<boolean> {
  return (await apiGet(path)).ok;
}

export interface Loaded<T> {
  answer?: ApiAnswer<T>;
  /** Reloads now. */
  reload: () => void;
}

/** Loads `path` (null: nothing), again every `pollMs` when given, and when the path changes. */
export function useApi<T>(path: string | null, pollMs?: number): Loaded<T> {
  const [answer, setAnswer] = useState<ApiAnswer<T>>();
  const [tick, setTick] = useState(0);
  useEffect(() => {
    setAnswer(undefined);
  }, [path]);
  useEffect(() => {
    if (path === null) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async () => {
      const a = await apiGet<T>(path);
      if (!live) return;
      setAnswer(a);
      if (pollMs) timer = setTimeout(load, pollMs);
    };
    load();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
  }, [path, pollMs, tick]);
  return { answer, reload: () => setTick((t) => t + 1) };
}

/**
 * Whether a module's record exists, from its proof route, which answers 200 for an absent record
 * too (absence is provable): a page then asks for the record only when there is one, instead of
 * meeting a 404 that the browser logs as an error. The answer's body is true when present.
 */
export function usePresence(module: string, id: string, record?: string): ApiAnswer<boolean> | undefined {
  const query = record === undefined ? "" : `?record=${seg(record)}`;
  const { answer } = useApi<{ value: string | null }>(`/v1/proof/${seg(module)}/${seg(id)}${query}`);
  if (!answer?.ok) return answer;
  return { ok: true, status: answer.status, body: answer.body.value !== null };
}

/** Path segment escape (a number's "+" included). */
export const seg = (s: string | number): string => encodeURIComponent(String(s));
