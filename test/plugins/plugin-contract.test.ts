import { describePluginContract } from '../helpers/plugin-contract.js';
import {
  churnContract,
  nextPurchaseContract,
  recommendationsContract,
  segmentsContract,
  sentimentContract,
  ticketsContract,
} from './contract/shipped-contracts.js';
import { networkContract } from './contract/network-contract.js';
import { nextBestActionContract } from './contract/next-best-action-contract.js';

// Every plugin crm-ml ships keeps the contract of plugins/plugin.ts: one line per plugin.
describePluginContract('churn', churnContract);
describePluginContract('segments', segmentsContract);
describePluginContract('recommendations', recommendationsContract);
describePluginContract('sentiment', sentimentContract);
describePluginContract('next_purchase', nextPurchaseContract);
describePluginContract('tickets', ticketsContract);
describePluginContract('network', networkContract);
describePluginContract('next_best_action', nextBestActionContract);
