import type { Command } from 'commander';
import { registerEvalChurnCommand } from './eval-churn-command.js';
import { registerEvalNextBestActionCommand } from './eval-next-best-action-command.js';
import { registerEvalNetworkCommand } from './eval-network-command.js';
import { registerEvalNextPurchaseCommand } from './eval-next-purchase-command.js';
import { registerEvalRecommendationsCommand } from './eval-recommendations-command.js';
import { registerEvalSegmentsCommand } from './eval-segments-command.js';
import { registerEvalSentimentCommand } from './eval-sentiment-command.js';
import { registerEvalSyntheticCommand } from './eval-synthetic-command.js';
import { registerEvalTicketsCommand } from './eval-tickets-command.js';

/** `crm-ml eval …`: how well a plugin's model does on a file, beside a baseline. */
export function registerEvalCommand(program: Command): void {
  const evaluate = program.command('eval').description('evaluate a model on a CSV file');
  registerEvalChurnCommand(evaluate);
  registerEvalNetworkCommand(evaluate);
  registerEvalNextBestActionCommand(evaluate);
  registerEvalNextPurchaseCommand(evaluate);
  registerEvalRecommendationsCommand(evaluate);
  registerEvalSegmentsCommand(evaluate);
  registerEvalSentimentCommand(evaluate);
  registerEvalSyntheticCommand(evaluate);
  registerEvalTicketsCommand(evaluate);
}
