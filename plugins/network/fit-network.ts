import type { CrmRecord } from '../../core/records/crm-record.js';
import { MissingDataError } from '../missing-data-error.js';
import type { Metrics, RelatedRecords } from '../plugin.js';
import { analyseNetwork } from './analyse-network.js';
import { contactInteractions, type ContactInteractions } from './contact-interactions.js';
import { linkPrediction } from './link-prediction.js';
import { communityNames, contactCompanies, contactName } from './network-names.js';
import type { NetworkOptions } from './network-options.js';
import type { NetworkRole } from './network-roles.js';
import { stableCommunityIds } from './stable-community-ids.js';

/** One community as the model keeps it. */
export interface NetworkCommunity {
  id: number;
  name: string;
  size: number;
}

/** What a network model keeps: per tied contact, parallel arrays in `contacts` order. */
export interface NetworkState {
  contacts: string[];
  communityIds: number[];
  /** PageRank percentile 0–100, one decimal. */
  influence: number[];
  roles: NetworkRole[];
  /** Distinct contacts it is tied to, and the communities they are in. */
  partners: number[];
  partnerCommunities: number[];
  /** Share of its tie weight going to other communities, three decimals. */
  outsideShare: number[];
  /** Its kinds of shared records, most first: `[['emails', 10], ['deals', 2]]`. */
  channels: [string, number][][];
  communities: NetworkCommunity[];
}

/** A fitted network and what could not be used. */
export interface NetworkFit {
  state: NetworkState;
  metrics: Metrics;
  interactions: ContactInteractions;
}

/**
 * Builds the interaction graph of `records` from `related`, finds communities, influence and
 * roles, names the communities and keeps ids of `previous` where the members are the same.
 * No ties at all is missing data (the run skips the plugin).
 */
export function fitNetwork(
  records: readonly CrmRecord[],
  related: RelatedRecords | undefined,
  options: NetworkOptions,
  seed: number,
  previous?: NetworkState,
): NetworkFit {
  const interactions = contactInteractions(records, related, {
    activity: options.activityWeight,
    deal: options.dealWeight,
    company: options.companyWeight,
    maxGroupSize: options.maxGroupSize,
  });
  const { graph, contacts } = interactions;
  if (graph.edgeCount === 0) {
    throw new MissingDataError(
      'network_no_interactions',
      `None of the ${records.length} contacts shares an email, call, meeting, note, ticket, ` +
        'deal or company with another contact',
      { details: interactions.examples.map((example) => ({ path: example, message: 'skipped' })) },
    );
  }

  const analysis = analyseNetwork(graph, { ...options, seed });
  const { communities, count } = analysis.partition;
  const members: string[][] = Array.from({ length: count }, () => []);
  contacts.forEach((id, i) => members[communities[i] as number]?.push(id));

  const byId = new Map(records.map((record) => [record.id, record]));
  const central = centralMembers(communities, count, analysis.pagerank);
  const names = communityNames(members, contactCompanies(records, related), (c) =>
    contactName(byId.get(contacts[central[c] as number] as string) as CrmRecord),
  );
  const previousIds =
    previous === undefined
      ? undefined
      : new Map(previous.contacts.map((id, i) => [id, previous.communityIds[i] as number]));
  const ids = stableCommunityIds(members, previousIds);

  const state: NetworkState = {
    contacts,
    communityIds: contacts.map((_, i) => ids[communities[i] as number] as number),
    influence: [...analysis.influence].map((v) => round(v, 1)),
    roles: analysis.roles,
    partners: contacts.map((_, i) => graph.neighbourCount(i)),
    partnerCommunities: [...analysis.ties.neighbourCommunities],
    outsideShare: [...analysis.ties.outsideShare].map((v) => round(v, 3)),
    channels: contacts.map((id) =>
      [...(interactions.channels.get(id) ?? [])].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
      ),
    ),
    communities: members.map((list, c) => ({
      id: ids[c] as number,
      name: names[c] as string,
      size: list.length,
    })),
  };

  const held = linkPrediction(graph, {
    seed,
    hiddenShare: options.holdoutShare,
    resolution: options.resolution,
    restarts: 1,
  });
  const withRole = (role: NetworkRole) => state.roles.filter((r) => r === role).length;
  const metrics: Metrics = {
    contacts: records.length,
    tied_contacts: contacts.length,
    contacts_without_ties: records.length - contacts.length,
    ties: graph.edgeCount,
    communities: count,
    modularity: analysis.partition.modularity,
    largest_community_share: (members[0]?.length ?? 0) / contacts.length,
    bridges: withRole('bridge'),
    hubs: withRole('hub'),
    ...(held === null ? {} : held),
  };
  return { state, metrics, interactions };
}

/** The node of highest PageRank in each community (lowest index on ties). */
function centralMembers(communities: Int32Array, count: number, pagerank: Float64Array): number[] {
  const best = new Array<number>(count).fill(-1);
  communities.forEach((c, i) => {
    const current = best[c] as number;
    if (current < 0 || (pagerank[i] as number) > (pagerank[current] as number)) best[c] = i;
  });
  return best;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
