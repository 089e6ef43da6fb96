/** Typed action for the readiness route (src/api/routes/monitoring.ts). */
import type { Static } from "@sinclair/typebox";
import { getHealthRoute, type HealthSchema } from "../../api/routes/monitoring.js";
import type { ApiClient } from "../api-client.js";
import { callRoute } from "../route-call.js";

/** GET /v1/health: ready (`status: "ok"`), else rejects with NODE_NOT_READY (503) saying why. */
export const getHealth = (client: ApiClient): Promise<Static<typeof HealthSchema>> =>
  callRoute(client, getHealthRoute, {});
