import { z } from 'zod';

import { parseOrThrow } from '../../core/errors/parse-or-throw.js';

const ACTION_NAME = /^[a-z][a-z0-9_]{0,31}$/;
const actionName = z
  .string()
  .regex(ACTION_NAME, 'an action name is lower-case letters, digits and _ (e.g. offer_discount)');

/** The activity types whose records are past actions. */
export const ACTION_ACTIVITY_TYPES = ['calls', 'emails', 'meetings', 'notes'] as const;

const rewardSchema = z.discriminatedUnion('source', [
  // The outcome is written on the activity itself: a call's disposition, an email's reply.
  z.object({
    source: z.literal('activity'),
    property: z.string().trim().min(1),
    values: z.array(z.string().min(1)).min(1),
  }),
  // The outcome is a deal of the contact reaching a won stage within the window.
  z.object({
    source: z.literal('deal'),
    stageProperty: z.string().trim().min(1).default('dealstage'),
    wonStages: z.array(z.string().min(1)).min(1).default(['closedwon']),
    timeProperty: z.string().trim().min(1).default('closedate'),
    windowDays: z.number().int().min(1).max(365).default(30),
  }),
  // The outcome is a contact property (e.g. still a customer); no time window applies.
  z.object({
    source: z.literal('contact'),
    property: z.string().trim().min(1),
    values: z.array(z.string().min(1)).min(1),
  }),
]);

const explorationSchema = z.object({
  /** How an exploratory pick is made: optimism (LinUCB) or a posterior draw (Thompson). */
  strategy: z.enum(['linucb', 'thompson']).default('linucb'),
  /** Width of the LinUCB bonus, or the scale of the Thompson draw, in posterior stds. */
  alpha: z.number().min(0).max(10).default(1),
  /**
   * Share of contacts (chosen by a hash of their id and the seed) given the exploratory pick;
   * everyone else gets the action with the best expected outcome. 0 never explores.
   */
  rate: z.number().min(0).max(1).default(0.1),
});

const optionsSchema = z
  .object({
    /** The actions a rep can take; the recommendation is always one of them. */
    actions: z
      .array(actionName)
      .min(2)
      .default(['call', 'email', 'meeting', 'offer_discount', 'do_nothing']),
    /** Which action an activity of each type is, when it does not name one itself. */
    actionByType: z
      .partialRecord(z.enum(ACTION_ACTIVITY_TYPES), actionName)
      .default({ calls: 'call', emails: 'email', meetings: 'meeting' }),
    /** An activity property naming the action (e.g. a note tagged `offer_discount`). */
    actionProperty: z.string().trim().min(1).default('crm_ml_nba_logged_action'),
    /** The action uplift is measured against; the mean of all actions when absent. */
    baselineAction: actionName.optional(),
    // prefault: the defaults inside are applied to the default too.
    reward: rewardSchema.prefault({ source: 'deal' }),
    exploration: explorationSchema.prefault({}),
    /** Ridge prior: how many pseudo-observations pull each action's weights to zero. */
    priorStrength: z.number().gt(0).max(1000).default(1),
    /** Contact properties never used as context (ids, the outcome property, leaky fields). */
    exclude: z.array(z.string().min(1)).default([]),
  })
  .superRefine((options, issues) => {
    const known = new Set(options.actions);
    if (known.size !== options.actions.length) {
      issues.addIssue({ code: 'custom', path: ['actions'], message: 'actions must be distinct' });
    }
    for (const [type, action] of Object.entries(options.actionByType)) {
      if (!known.has(action)) {
        issues.addIssue({
          code: 'custom',
          path: ['actionByType', type],
          message: `'${action}' is not one of the actions (${options.actions.join(', ')})`,
        });
      }
    }
    if (options.baselineAction !== undefined && !known.has(options.baselineAction)) {
      issues.addIssue({
        code: 'custom',
        path: ['baselineAction'],
        message: `'${options.baselineAction}' is not one of the actions`,
      });
    }
  });

/** The next-best-action plugin's options after validation and defaults. */
export type NextBestActionOptions = z.infer<typeof optionsSchema>;

/** How an outcome counts as a success. */
export type RewardDefinition = NextBestActionOptions['reward'];

/** How and how often the plugin explores. */
export type ExplorationSettings = NextBestActionOptions['exploration'];

/** Validates plugin options; the error names the first bad option and what is wrong. */
export function parseNextBestActionOptions(options: unknown): NextBestActionOptions {
  return parseOrThrow(
    optionsSchema,
    options,
    'next_best_action_options_invalid',
    'next-best-action option',
  );
}

/** The baseline an action's uplift is measured against, as `options` define it. */
export function defaultBaseline(options: NextBestActionOptions): string | undefined {
  if (options.baselineAction !== undefined) return options.baselineAction;
  return options.actions.includes('do_nothing') ? 'do_nothing' : undefined;
}
