import { ASKS_DETAILS, channelsWhere, INBOUND } from "./describe";
import type { FigureBase } from "./types";

// SQL for the method's key figures that more than one report computes, over rollup rows `r` joined
// with `channel c` (docs/method.md, "Bases").

/**
 * An inbound transaction: OPRET or STATUS, or a self-service count without a type (uploaded BRGDK,
 * SLVBTJN or NEMREF counts, as the old template allowed) — an application through self-service.
 */
export const INBOUND_TX =
  "c.direction = 'IN' AND (r.contact_type_code IN ('OPRET', 'STATUS') OR (r.contact_type_code IS NULL AND c.self_service))";

/** What the self-service rate is computed over. */
export const SELF_SERVICE_BASE: Omit<FigureBase, "n"> = {
  counts: "indgående transaktioner (oprettelse af ny sag og ændring af status) og selvbetjente ansøgninger uden type",
  // Inbound channels but web visits: counted in bulk, they have no type (docs/method.md, "Bases").
  channels: channelsWhere(ASKS_DETAILS, "alle indgående kanaler", INBOUND),
};
