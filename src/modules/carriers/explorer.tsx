/** Carriers: the list, and one carrier's operators, routing prefixes, SIP ingress and numbers. */
import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { exists, seg, useApi } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Link } from "../../explorer/router.js";
import { AddressLink, Answer, BlockLink, Card, Fields, Table } from "../../explorer/ui.js";
import type { CarrierView } from "./routes.js";

interface Page<T> {
  items: T[];
  next: string | null;
}

function Carriers(): JSX.Element {
  const [cursor, setCursor] = useState<string>();
  const { answer } = useApi<Page<CarrierView>>(`/v1/carriers?limit=50${cursor ? `&cursor=${cursor}` : ""}`);
  return (
    <Card title="Carriers">
      <Answer answer={answer}>
        {(page) => (
          <>
            <Table
              head={["id", "name", "routing prefixes", "registered"]}
              rows={page.items.map((c) => [
                <Link href={`/carrier/${c.id}`} key="i">
                  {c.id}
                </Link>,
                c.name,
                c.routingPrefixes.join(", "),
                <BlockLink id={c.registeredAt} key="r" />,
              ])}
              empty="no carriers registered"
            />
            {page.next && (
              <div class="pager">
                <button type="button" onClick={() => setCursor(page.next ?? undefined)}>
                  more
                </button>
              </div>
            )}
          </>
        )}
      </Answer>
    </Card>
  );
}

function Carrier(props: { params: Record<string, string> }): JSX.Element {
  const id = props.params.id;
  const { answer } = useApi<CarrierView>(`/v1/carriers/${seg(id)}`);
  const numbers = useApi<Page<{ number: string; routingNumber: string | null; status: string }>>(
    `/v1/numbers?carrier=${seg(id)}&limit=50`,
  );
  return (
    <>
      <Card title={`Carrier ${id}`}>
        <Answer answer={answer}>
          {(c) => (
            <Fields
              rows={[
                [
                  "name",
                  <strong key="n" id="carrier-name">
                    {c.name}
                  </strong>,
                ],
                ["routing prefixes", c.routingPrefixes.join(", ")],
                ["SIP ingress", c.sipIngress.length ? c.sipIngress.join(", ") : null],
                ["registered at", <BlockLink id={c.registeredAt} key="r" />],
                [
                  "operators",
                  c.operators.map((o) => (
                    <div key={o}>
                      <AddressLink address={o} />
                    </div>
                  )),
                ],
              ]}
            />
          )}
        </Answer>
      </Card>
      <Card title="Numbers it serves">
        <Answer answer={numbers.answer}>
          {(page) => (
            <Table
              head={["number", "routing number", "status"]}
              rows={page.items.map((n) => [
                <Link href={`/number/${seg(n.number)}`} key="n">
                  {n.number}
                </Link>,
                n.routingNumber ?? "",
                n.status,
              ])}
              empty="none"
            />
          )}
        </Answer>
      </Card>
    </>
  );
}

export const carriersExplorer: ExplorerModule = {
  name: "carriers",
  pages: [
    { path: "/carriers", view: Carriers, nav: "Carriers" },
    { path: "/carrier/:id", view: Carrier },
  ],
  search: [
    {
      label: "carrier by id",
      find: async (q) =>
        /^[A-Za-z0-9]{3,8}$/.test(q) && (await exists(`/v1/carriers/${q.toUpperCase()}`))
          ? `/carrier/${q.toUpperCase()}`
          : undefined,
    },
  ],
};
