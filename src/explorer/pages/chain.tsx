/** Blocks, transactions and accounts: the core's records, with every module's decoded payload. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import type { AccountTxView, AccountView, BlockView, NodeStatus, TxView } from "../../api/schemas.js";
import { seg, useApi } from "../api.js";
import { Link } from "../router.js";
import {
  AddressLink,
  Answer,
  BlockLink,
  Card,
  Fields,
  Json,
  RowsTable,
  Short,
  Table,
  TxLink,
  units,
  Whole,
} from "../ui.js";

const PAGE = 20;

export function Blocks(): JSX.Element {
  const [top, setTop] = useState<number>();
  const { answer } = useApi<NodeStatus>("/v1/status", top === undefined ? 2000 : undefined);
  const head = answer?.ok ? answer.body.height : undefined;
  const from = top ?? head;
  return (
    <Card title="Blocks">
      {from === undefined ? null : <BlockRows from={from} />}
      <div class="pager">
        {from !== undefined && from + 1 < (head ?? 0) && (
          <button type="button" onClick={() => setTop(Math.min(head ?? 0, from + PAGE))}>
            newer
          </button>
        )}
        {from !== undefined && from >= PAGE && (
          <button type="button" onClick={() => setTop(from - PAGE)}>
            older
          </button>
        )}
      </div>
    </Card>
  );
}

function BlockRows(props: { from: number }): JSX.Element {
  const heights: number[] = [];
  for (let h = props.from; h >= 0 && h > props.from - PAGE; h--) heights.push(h);
  return (
    <RowsTable head={["height", "hash", "txs", "size", "time"]} id="block-list">
      {heights.map((h) => (
        <BlockRow height={h} key={h} />
      ))}
    </RowsTable>
  );
}

function BlockRow(props: { height: number }): JSX.Element {
  const { answer } = useApi<BlockView>(`/v1/blocks/${props.height}`);
  const b = answer?.ok ? answer.body : undefined;
  return (
    <tr>
      <td>
        <BlockLink id={props.height} />
      </td>
      <td>{b ? <Short value={b.hash} href={`/block/${b.hash}`} /> : "…"}</td>
      <td>{b?.txs.length ?? ""}</td>
      <td>{b?.size ?? ""}</td>
      <td>{b ? new Date(b.timestamp * 1000).toLocaleString() : ""}</td>
    </tr>
  );
}

export function Block(props: { params: Record<string, string> }): JSX.Element {
  const { answer } = useApi<BlockView>(`/v1/blocks/${seg(props.params.id)}`);
  return (
    <Answer answer={answer}>
      {(b) => (
        <>
          <Card title={`Block ${b.height}`}>
            <Fields
              rows={[
                ["hash", <Whole value={b.hash} key="h" />],
                ["main chain", b.main ? "yes" : "no (side branch)"],
                ["parent", <BlockLink id={b.parent} key="p" />],
                ["time", new Date(b.timestamp * 1000).toLocaleString()],
                ["miner", <AddressLink address={b.miner} key="m" />],
                ["reward", units(b.reward)],
                ["fees", units(b.fees)],
                ["bits", b.bits],
                ["nonce", b.nonce],
                ["size", `${b.size} bytes`],
                ["state root", <Whole value={b.stateRoot} key="s" />],
                ["tx root", <Whole value={b.txRoot} key="t" />],
              ]}
            />
            <div class="pager">
              {b.height > 0 && <Link href={`/block/${b.height - 1}`}>← {b.height - 1}</Link>}
              <Link href={`/block/${b.height + 1}`}>{b.height + 1} →</Link>
            </div>
          </Card>
          <Card title={`Transactions (${b.txs.length})`}>
            {b.txs.length === 0 ? (
              <p class="muted">no transactions</p>
            ) : (
              <RowsTable head={["hash", "kind", "sender", "fee"]}>
                {b.txs.map((hash) => (
                  <TxRow hash={hash} key={hash} />
                ))}
              </RowsTable>
            )}
          </Card>
        </>
      )}
    </Answer>
  );
}

export function Tx(props: { params: Record<string, string> }): JSX.Element {
  const { answer } = useApi<TxView>(`/v1/txs/${seg(props.params.hash)}`, 4000);
  return (
    <Answer answer={answer}>
      {(t) => (
        <>
          <Card title={`${t.module} ${t.kind}`}>
            <Fields
              rows={[
                ["hash", <Whole value={t.hash} key="h" />],
                ["status", t.status],
                [
                  "block",
                  t.height === undefined || t.height === null ? null : <BlockLink id={t.height} key="b" />,
                ],
                ["sender", <AddressLink address={t.sender} key="s" />],
                ["nonce", t.nonce],
                ["fee", units(t.fee)],
                ["size", `${t.size} bytes`],
                ["expiry", t.expiry === 0 ? "none" : t.expiry],
              ]}
            />
          </Card>
          <Card title="Payload (decoded by its module)">
            <Payload value={t.payload} />
          </Card>
        </>
      )}
    </Answer>
  );
}

function TxRow(props: { hash: string }): JSX.Element {
  const { answer } = useApi<TxView>(`/v1/txs/${props.hash}`);
  const t = answer?.ok ? answer.body : undefined;
  return (
    <tr>
      <td>
        <TxLink hash={props.hash} />
      </td>
      <td>{t ? `${t.module} ${t.kind}` : "…"}</td>
      <td>{t ? <AddressLink address={t.sender} /> : ""}</td>
      <td>{t ? units(t.fee) : ""}</td>
    </tr>
  );
}

/** A decoded payload: its fields, addresses linked, nested values as JSON. */
function Payload(props: { value: unknown }): JSX.Element {
  const v = props.value;
  if (v === null || typeof v !== "object" || Array.isArray(v)) return <Json value={v} />;
  return (
    <Fields
      rows={Object.entries(v as Record<string, unknown>).map(([k, x]) => [
        k,
        typeof x === "string" && x.startsWith("tel1") ? (
          <AddressLink address={x} key={k} />
        ) : typeof x === "object" && x !== null ? (
          <Json value={x} key={k} />
        ) : (
          <span class="wrap">{String(x)}</span>
        ),
      ])}
    />
  );
}

export function Account(props: { params: Record<string, string> }): JSX.Element {
  const address = props.params.address;
  const { answer } = useApi<AccountView>(`/v1/accounts/${seg(address)}`, 4000);
  const [cursor, setCursor] = useState<string[]>([]);
  const page = cursor.at(-1);
  const txs = useApi<{ items: AccountTxView[]; next: string | null }>(
    `/v1/accounts/${seg(address)}/txs?limit=${PAGE}${page ? `&cursor=${page}` : ""}`,
  );
  return (
    <Answer answer={answer}>
      {(a) => (
        <>
          <Card title="Account">
            <Fields
              rows={[
                ["address", <Whole value={address} key="a" />],
                ["balance", units(a.balance)],
                ["nonce", a.nonce],
                ["pending nonce", a.pendingNonce],
              ]}
            />
          </Card>
          <Card title="History">
            <Answer answer={txs.answer}>
              {(list) => (
                <>
                  <Table
                    head={["tx", "block", "role", "kind", "details"]}
                    rows={list.items.map((t) => [
                      <TxLink hash={t.hash} key="h" />,
                      <BlockLink id={t.height} key="b" />,
                      t.role,
                      `${t.module} ${t.kind}`,
                      <span class="small details" key="p">
                        {summary(t.payload)}
                      </span>,
                    ])}
                    empty="no transactions"
                  />
                  <div class="pager">
                    {cursor.length > 0 && (
                      <button type="button" onClick={() => setCursor(cursor.slice(0, -1))}>
                        newer
                      </button>
                    )}
                    {list.next && (
                      <button type="button" onClick={() => setCursor([...cursor, list.next as string])}>
                        older
                      </button>
                    )}
                  </div>
                </>
              )}
            </Answer>
          </Card>
        </>
      )}
    </Answer>
  );
}

/** One line of a payload's fields, for lists. */
function summary(payload: unknown): string {
  if (payload === null || typeof payload !== "object") return String(payload ?? "");
  return Object.entries(payload as Record<string, unknown>)
    .filter(([, v]) => v !== null && typeof v !== "object")
    .map(([k, v]) => `${k} ${v}`)
    .join(" · ");
}
