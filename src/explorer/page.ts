/**
 * What a module gives the explorer (like `Module` for the node): its pages, and how the
 * search box finds its records. The explorer knows module pages only through the list in
 * src/modules/explorer.ts. Page files are browser-safe: they read the node's API over HTTP
 * and import only the explorer's shared parts (never a module's node-side code).
 */
import type { FunctionComponent } from "preact";

export interface ExplorerPage {
  /** A route pattern: "/device/:imei". */
  path: string;
  view: FunctionComponent<{ params: Record<string, string> }>;
  /** The menu label, for pages without parameters. */
  nav?: string;
}

export interface ExplorerSearch {
  /** What it finds ("device by IMEI"), shown on the search page. */
  label: string;
  /** The page for `q` when `q` names one of its records, else undefined. */
  find(q: string): Promise<string | undefined>;
}

/** A section a module adds below another module's page (ENUM records on the number page). */
export interface ExplorerPanel {
  /** The path pattern of the page it joins: "/number/:e164". */
  page: string;
  view: FunctionComponent<{ params: Record<string, string> }>;
}

export interface ExplorerModule {
  name: string;
  pages: ExplorerPage[];
  panels?: ExplorerPanel[];
  search?: ExplorerSearch[];
}
