/** The explorer's entry (bundled by src/scripts/build-explorer.ts to dist/explorer, with app.css). */
import "../sdk/buffer-shim.js";
import { render } from "preact";
import { App } from "./app.js";

const root = document.getElementById("app");
if (root) render(<App />, root);
