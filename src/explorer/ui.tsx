/** Shared pieces of the explorer's pages: cards, key/value lists, tables, links, states. */
import type { ComponentChildren, JSX } from "preact";
import type { ApiAnswer, ApiError } from "./api.js";
import { Link } from "./router.js";

export function Card(props: { title?: string; children: ComponentChildren; id?: string }): JSX.Element {
  return (
    <section class="card" id={props.id}>
      {props.title && <h2>{props.title}</h2>}
      {props.children}
    </section>
  );
}

/** A definition list; rows whose value is undefined are left out. */
export function Fields(props: { rows: [string, ComponentChildren][] }): JSX.Element {
  return (
    <dl class="fields">
      {props.rows
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v === null || v === "" ? <span class="muted">—</span> : v}</dd>
          </div>
        ))}
    </dl>
  );
}

/** A table of cells; rows with no data say `empty` instead. */
export function Table(props: { head: string[]; rows: ComponentChildren[][]; empty?: string }): JSX.Element {
  if (props.rows.length === 0) return <p class="muted">{props.empty ?? "none"}</p>;
  return (
    <RowsTable head={props.head}>
      {props.rows.map((r, i) => (
        <tr key={i}>
          {r.map((c, j) => (
            <td key={j}>{c}</td>
          ))}
        </tr>
      ))}
    </RowsTable>
  );
}

/** A table whose rows are components of their own (each loading its record). */
export function RowsTable(props: { head: string[]; id?: string; children: ComponentChildren }): JSX.Element {
  return (
    <div class="table-wrap">
      <table id={props.id}>
        <thead>
          <tr>
            {props.head.map((h) => (
              <th key={h}>{h}</th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A long value (hash, address, endpoint) shown whole, wrapping where it must. */
export function Whole(props: { value: string | number }): JSX.Element {
  return <span class="mono wrap">{props.value}</span>;
}

/** A hash or address, shortened in the middle on screen, whole in the title and the link. */
export function Short(props: { value: string; href?: string }): JSX.Element {
  const v = props.value;
  const text = v.length > 20 ? `${v.slice(0, 10)}…${v.slice(-6)}` : v;
  const inner = (
    <span class="mono" title={v}>
      {text}
    </span>
  );
  return props.href ? <Link href={props.href}>{inner}</Link> : inner;
}

export const BlockLink = (p: { id: string | number }) => (
  <Short value={String(p.id)} href={`/block/${p.id}`} />
);
export const TxLink = (p: { hash: string }) => <Short value={p.hash} href={`/tx/${p.hash}`} />;
export const AddressLink = (p: { address: string | null }) =>
  p.address ? <Short value={p.address} href={`/account/${p.address}`} /> : <span class="muted">—</span>;

export function ErrorBox(props: { error: ApiError }): JSX.Element {
  return (
    <div class="error" role="alert">
      <strong>{props.error.code}</strong> {props.error.message}
    </div>
  );
}

export function Loading(): JSX.Element {
  return <p class="muted">loading…</p>;
}

/** Renders the body of a loaded answer, or its loading or error state. */
export function Answer<T>(props: {
  answer: ApiAnswer<T> | undefined;
  children: (body: T) => ComponentChildren;
}): JSX.Element {
  const a = props.answer;
  if (!a) return <Loading />;
  if (!a.ok) return <ErrorBox error={a.error} />;
  return <>{props.children(a.body)}</>;
}

/** An amount in base units (as the API and the CLI give them), with digit grouping. */
export function units(base: string | bigint | number): string {
  return `${BigInt(base).toLocaleString("en-US")} units`;
}

export function Json(props: { value: unknown }): JSX.Element {
  return <pre class="json">{JSON.stringify(props.value, null, 2)}</pre>;
}
