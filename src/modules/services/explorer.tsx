/** The service market: live listings, cheapest first, and one listing's page. */
import type { JSX } from "preact";
import { seg, useApi } from "../../explorer/api.js";
import type { ExplorerModule } from "../../explorer/page.js";
import { Link } from "../../explorer/router.js";
import { AddressLink, Answer, BlockLink, Card, Fields, Table, units, Whole } from "../../explorer/ui.js";
import type { ListingView } from "./views.js";

const rating = (l: ListingView) =>
  l.rating.average === null ? "unrated" : `${l.rating.average} ★ (${l.rating.count})`;

function Services(): JSX.Element {
  const { answer } = useApi<{ items: ListingView[]; truncated: boolean }>("/v1/services?limit=100", 10_000);
  return (
    <Card title="Service listings (live, cheapest first)">
      <Answer answer={answer}>
        {(page) => (
          <Table
            head={["listing", "kind", "region", "price", "rating", "provider"]}
            rows={page.items.map((l) => [
              <Link href={`/service/${l.id}`} key="i">
                {l.id}
              </Link>,
              l.kind,
              l.region,
              `${l.price} / ${l.unit}`,
              rating(l),
              <AddressLink address={l.provider} key="p" />,
            ])}
            empty="no live listings"
          />
        )}
      </Answer>
    </Card>
  );
}

function Service(props: { params: Record<string, string> }): JSX.Element {
  const { answer } = useApi<ListingView>(`/v1/services/${seg(props.params.id)}`);
  return (
    <Card title={`Service listing ${props.params.id}`}>
      <Answer answer={answer}>
        {(l) => (
          <Fields
            rows={[
              ["kind", l.kind],
              ["region", l.region],
              ["price", `${l.price} per ${l.unit}`],
              ["endpoint", <Whole value={l.endpoint} key="e" />],
              ["live", l.live ? "yes" : "no (lapsed)"],
              ["rating", rating(l)],
              ["bond", units(l.bond)],
              ["provider", <AddressLink address={l.provider} key="p" />],
              ["listed at", <BlockLink id={l.createdAt} key="c" />],
              ["last heartbeat", <BlockLink id={l.heardAt} key="h" />],
            ]}
          />
        )}
      </Answer>
    </Card>
  );
}

export const servicesExplorer: ExplorerModule = {
  name: "services",
  pages: [
    { path: "/services", view: Services, nav: "Services" },
    { path: "/service/:id", view: Service },
  ],
};
