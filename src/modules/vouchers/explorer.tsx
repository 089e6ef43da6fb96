/**
 * Vouchers: the classes a carrier issues and their direct offers; a class's page (supply,
 * issued, redeemed, holders). The market module adds the class's order book and auctions.
 */
import type { JSX } from "preact";
import { seg, useApi } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Link, navigate, useLocation } from "../../explorer/router.js";
import { AddressLink, Answer, BlockLink, Card, Fields, Table } from "../../explorer/ui.js";
import type { ClassView, OfferView } from "./views.js";

interface Page<T> {
  items: T[];
  next: string | null;
}

function Vouchers(): JSX.Element {
  const { query } = useLocation();
  const issuer = query.get("issuer") ?? "";
  const carriers = useApi<Page<{ id: string; name: string }>>("/v1/carriers?limit=100");
  const classes = useApi<Page<ClassView>>(
    issuer ? `/v1/vouchers/classes?issuer=${seg(issuer)}&limit=100` : null,
  );
  const offers = useApi<Page<OfferView>>(
    issuer ? `/v1/vouchers/offers?issuer=${seg(issuer)}&limit=100` : null,
  );
  return (
    <>
      <Card title="Voucher classes">
        <label>
          issuer{" "}
          <select
            value={issuer}
            onChange={(e) => navigate(`/vouchers?issuer=${seg((e.target as HTMLSelectElement).value)}`, true)}
          >
            <option value="">choose a carrier</option>
            {carriers.answer?.ok &&
              carriers.answer.body.items.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.id} — {c.name}
                </option>
              ))}
          </select>
        </label>
        {issuer && (
          <Answer answer={classes.answer}>
            {(page) => (
              <Table
                head={["class", "name", "unit", "supply", "issued", "redeemed", "status"]}
                rows={page.items.map((c) => [
                  <Link href={`/voucher/${c.id}`} key="i">
                    {c.id}
                  </Link>,
                  c.name,
                  c.unit,
                  c.supply,
                  c.issued,
                  c.redeemed,
                  c.status,
                ])}
                empty="no classes"
              />
            )}
          </Answer>
        )}
      </Card>
      {issuer && (
        <Card title="Direct offers">
          <Answer answer={offers.answer}>{(page) => <OfferTable offers={page.items} />}</Answer>
        </Card>
      )}
    </>
  );
}

function OfferTable(props: { offers: OfferView[] }): JSX.Element {
  return (
    <Table
      head={["offer", "class", "units", "price", "stock", "sold", "status"]}
      rows={props.offers.map((o) => [
        o.id,
        <Link href={`/voucher/${o.classId}`} key="c">
          {o.name}
        </Link>,
        o.units,
        o.price,
        o.stock,
        o.sold,
        o.status,
      ])}
      empty="no offers"
    />
  );
}

function VoucherClass(props: { params: Record<string, string> }): JSX.Element {
  const id = props.params.id;
  const { answer } = useApi<ClassView>(`/v1/vouchers/classes/${seg(id)}`);
  const offers = useApi<Page<OfferView>>(`/v1/vouchers/offers?class=${seg(id)}&limit=100`);
  return (
    <>
      <Card title={`Voucher class ${id}`}>
        <Answer answer={answer}>
          {(c) => (
            <Fields
              rows={[
                ["name", c.name],
                [
                  "issuer",
                  <Link href={`/carrier/${c.issuer}`} key="i">
                    {c.issuer}
                  </Link>,
                ],
                ["unit", c.unit],
                ["description", c.description],
                ["status", c.status],
                ["expiry", c.expiry],
                ["transferable", c.transferable ? "yes" : "no"],
                ["cap", c.cap],
                ["supply", c.supply],
                ["issued", c.issued],
                ["redeemed", c.redeemed],
                ["holders", c.holders],
                ["created at", <BlockLink id={c.createdAt} key="a" />],
                ["creator", <AddressLink address={c.creator} key="r" />],
              ]}
            />
          )}
        </Answer>
      </Card>
      <Card title="Direct offers">
        <Answer answer={offers.answer}>{(page) => <OfferTable offers={page.items} />}</Answer>
      </Card>
    </>
  );
}

export const vouchersExplorer: ExplorerModule = {
  name: "vouchers",
  pages: [
    { path: "/vouchers", view: Vouchers, nav: "Vouchers" },
    { path: "/voucher/:id", view: VoucherClass },
  ],
};
