export { createNetworkPlugin } from './network-plugin.js';
export { NetworkModel, NETWORK_PLUGIN_ID } from './network-model.js';
export {
  NETWORK_FIELDS,
  INFLUENCE_FIELD,
  COMMUNITY_FIELD,
  COMMUNITY_ID_FIELD,
  ROLE_FIELD,
  CONTACTS_FIELD,
} from './network-fields.js';
export { parseNetworkOptions, type NetworkOptions } from './network-options.js';
export { fitNetwork, type NetworkState, type NetworkCommunity } from './fit-network.js';
export {
  contactInteractions,
  NETWORK_INPUTS,
  type ContactInteractions,
} from './contact-interactions.js';
export { WeightedGraph } from './weighted-graph.js';
export { pageRank, type PageRankOptions } from './pagerank.js';
export { louvain, type LouvainOptions, type Partition } from './louvain.js';
export { modularity } from './modularity.js';
export { betweenness } from './betweenness.js';
export { connectedComponents, labelPropagation, shuffledPartition } from './baseline-partitions.js';
export { linkPrediction, adamicAdar, type LinkPredictionFigures } from './link-prediction.js';
export { NETWORK_ROLES, type NetworkRole } from './network-roles.js';
export {
  evaluateNetwork,
  type NetworkEvaluation,
  type PartitionFigures,
} from './evaluate-network.js';
export { parseEdgeList, parseNodeLabels } from './edge-list.js';
