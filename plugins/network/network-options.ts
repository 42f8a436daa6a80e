import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';

const networkOptionsSchema = z.object({
  /** Tie weight of one shared email, call, meeting, note or ticket. */
  activityWeight: z.number().min(0).default(1),
  /** Tie weight of one shared deal. */
  dealWeight: z.number().min(0).default(1),
  /** Tie weight of one shared company: weaker, colleagues need not talk. */
  companyWeight: z.number().min(0).default(0.5),
  /** Records linking more contacts than this (mass mailings, large accounts) tie nobody. */
  maxGroupSize: z.number().int().min(2).default(100),
  /** Louvain resolution: above 1 more and smaller communities. */
  resolution: z.number().positive().max(10).default(1),
  /** Louvain runs in different seeded orders; the best by modularity is kept. */
  restarts: z.number().int().min(1).max(20).default(3),
  /** PageRank's chance of following a tie. */
  damping: z.number().gt(0).lt(1).default(0.85),
  /** Source contacts of the betweenness estimate; exact at or below this many contacts. */
  betweennessSources: z.number().int().min(1).default(200),
  /** A bridge spreads its ties over communities at least this much (participation 0–1). */
  bridgeParticipation: z.number().min(0).max(1).default(0.3),
  /** …and lies on more shortest paths than this share of contacts: bridges stay rare. */
  bridgeBetweenness: z.number().min(0).max(1).default(0.95),
  /** A hub's z-score of ties inside its community (Guimerà & Amaral's 2.5). */
  hubZ: z.number().default(2.5),
  /** Share of ties hidden for the link-prediction check in the training metrics. */
  holdoutShare: z.number().gt(0).lt(1).default(0.1),
});

/** The network plugin's options after validation and defaults. */
export type NetworkOptions = z.infer<typeof networkOptionsSchema>;

/** Validates plugin options; the error names the first bad option and what is wrong. */
export function parseNetworkOptions(options: unknown): NetworkOptions {
  return parseOrThrow(networkOptionsSchema, options, 'network_options_invalid', 'network option');
}
