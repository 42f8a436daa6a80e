import type { FieldSpec } from '../../connectors/connector.js';
import { NETWORK_ROLES, type NetworkRole } from './network-roles.js';

/** CRM property names the plugin writes (also the keys of `RecordScore.values`). */
export const INFLUENCE_FIELD = 'crm_ml_network_influence';
export const COMMUNITY_FIELD = 'crm_ml_network_community';
export const COMMUNITY_ID_FIELD = 'crm_ml_network_community_id';
export const ROLE_FIELD = 'crm_ml_network_role';
export const CONTACTS_FIELD = 'crm_ml_network_contacts';

const ROLE_LABELS: Record<NetworkRole, string> = {
  bridge: 'Bridge between communities',
  hub: 'Hub of its community',
  member: 'Member',
  peripheral: 'Talks with one contact',
};

/** The CRM fields the network plugin writes. */
export const NETWORK_FIELDS: readonly FieldSpec[] = [
  {
    name: INFLUENCE_FIELD,
    label: 'Network influence',
    description:
      'Percentile 0–100 of PageRank in the network of who interacts with whom, from crm-ml.',
    type: 'number',
  },
  {
    name: COMMUNITY_FIELD,
    label: 'Network community',
    description: 'The group of contacts this contact interacts with most, named by crm-ml.',
    type: 'string',
  },
  {
    name: COMMUNITY_ID_FIELD,
    label: 'Network community id',
    description: 'Stable id of the community: it keeps its number across retrains.',
    type: 'number',
  },
  {
    name: ROLE_FIELD,
    label: 'Network role',
    description: 'Bridge between communities, hub of its community, member, or one tie only.',
    type: 'enumeration',
    options: NETWORK_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
  },
  {
    name: CONTACTS_FIELD,
    label: 'Contacts interacted with',
    description: 'How many other contacts share an email, call, meeting, deal or company with it.',
    type: 'number',
  },
];
