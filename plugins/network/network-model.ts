import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import type { CrmRecord } from '../../core/records/crm-record.js';
import { assertSavedModelOf } from '../assert-saved-model.js';
import type { Json, Metrics, RecordScore, SavedModel, TrainedModel } from '../plugin.js';
import type { NetworkCommunity, NetworkState } from './fit-network.js';
import {
  COMMUNITY_FIELD,
  COMMUNITY_ID_FIELD,
  CONTACTS_FIELD,
  INFLUENCE_FIELD,
  ROLE_FIELD,
} from './network-fields.js';

/** The network plugin's stable id, also stamped on its saved models. */
export const NETWORK_PLUGIN_ID = 'network';
const SAVED_VERSION = 1;

/** What a network model keeps beside its per-contact results. */
export interface NetworkConfig {
  version: number;
}

// Influence at or above this percentile is said as "top N %".
const TOP_INFLUENCE = 90;

/**
 * A fitted customer network: each tied contact's community, influence and role as found in
 * training. Contacts that had no ties then are not scored until the next training.
 */
export class NetworkModel implements TrainedModel {
  private readonly index: Map<string, number>;
  private readonly communities: Map<number, NetworkCommunity>;

  constructor(
    readonly config: NetworkConfig,
    readonly state: NetworkState,
    readonly metrics: Metrics,
  ) {
    this.index = new Map(state.contacts.map((id, i) => [id, i]));
    this.communities = new Map(state.communities.map((community) => [community.id, community]));
  }

  /** Rebuilds a model from `save()` output, also after a JSON round trip. */
  static load(saved: SavedModel): NetworkModel {
    assertSavedModelOf(saved, NETWORK_PLUGIN_ID);
    const config = saved.config as { version?: unknown } | null;
    const state = saved.weights as unknown as NetworkState | null;
    const lengths = [
      state?.communityIds,
      state?.influence,
      state?.roles,
      state?.partners,
      state?.partnerCommunities,
      state?.outsideShare,
      state?.channels,
    ].map((list) => (Array.isArray(list) ? list.length : -1));
    const complete =
      Array.isArray(state?.contacts) &&
      Array.isArray(state?.communities) &&
      lengths.every((length) => length === state?.contacts.length);
    if (config?.version !== SAVED_VERSION || state === null || !complete) {
      throw new CrmMlError(
        'network_model_invalid',
        'Saved network model is incomplete or of another version',
      );
    }
    return new NetworkModel({ version: SAVED_VERSION }, state, { ...saved.metrics });
  }

  save(): SavedModel {
    return {
      pluginId: NETWORK_PLUGIN_ID,
      config: JSON.parse(JSON.stringify(this.config)) as Json,
      weights: JSON.parse(JSON.stringify(this.state)) as Json,
      metrics: { ...this.metrics },
    };
  }

  async score(records: readonly CrmRecord[]): Promise<RecordScore[]> {
    const scores: RecordScore[] = [];
    for (const record of records) {
      const i = this.index.get(record.id);
      if (i === undefined) continue;
      const community = this.communityOf(i);
      scores.push({
        recordId: record.id,
        score: this.state.influence[i] as number,
        values: {
          [INFLUENCE_FIELD]: this.state.influence[i] as number,
          [COMMUNITY_FIELD]: community.name,
          [COMMUNITY_ID_FIELD]: community.id,
          [ROLE_FIELD]: this.state.roles[i] as string,
          [CONTACTS_FIELD]: this.state.partners[i] as number,
        },
      });
    }
    return scores;
  }

  /** Who the contact talks with, how influential it is, its community, role and channels. */
  async explain(record: CrmRecord): Promise<string[]> {
    const i = this.index.get(record.id);
    if (i === undefined) {
      return ['no shared email, call, meeting, note, ticket, deal or company with another contact'];
    }
    const partners = this.state.partners[i] as number;
    const touched = this.state.partnerCommunities[i] as number;
    const influence = this.state.influence[i] as number;
    const community = this.communityOf(i);
    const reasons = [
      `talks with ${partners} ${partners === 1 ? 'person' : 'people'} in ${touched} ` +
        `${touched === 1 ? 'community' : 'communities'}`,
      influence >= TOP_INFLUENCE
        ? `top ${Math.max(1, Math.round(100 - influence))} % by influence`
        : `more influential than ${Math.round(influence)} % of connected contacts`,
      `in community "${community.name}" (${community.size} ` +
        `${community.size === 1 ? 'contact' : 'contacts'})`,
    ];

    const role = this.state.roles[i];
    if (role === 'bridge') {
      const outside = Math.round((this.state.outsideShare[i] as number) * 100);
      reasons.push(`bridge: ${outside} % of its ties go to other communities`);
    } else if (role === 'hub') {
      reasons.push(`hub: more ties inside its community than nearly all its members`);
    } else if (role === 'peripheral') {
      reasons.push('talks with one contact only');
    }

    const channels = (this.state.channels[i] ?? []).slice(0, 2);
    if (channels.length > 0) {
      reasons.push(`mostly through ${channels.map(([kind, n]) => `${kind} (${n})`).join(' and ')}`);
    }
    return reasons;
  }

  private communityOf(i: number): NetworkCommunity {
    const id = this.state.communityIds[i] as number;
    return this.communities.get(id) ?? { id, name: `community ${id}`, size: 0 };
  }
}
