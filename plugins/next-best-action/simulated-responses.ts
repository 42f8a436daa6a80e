import { CrmMlError } from '../../core/errors/crm-ml-error.js';
import { sigmoid } from '../../core/ml/matrix.js';

/** The actions of the simulated Telco book, in the order `responseRates` returns them. */
export const SIMULATED_ACTIONS = ['call', 'email', 'meeting', 'offer_discount', 'do_nothing'];

/** The Telco columns the response rates are a function of. */
export const SIMULATOR_COLUMNS = [
  'tenure',
  'MonthlyCharges',
  'Contract',
  'InternetService',
  'SeniorCitizen',
  'PaperlessBilling',
] as const;

/** The traits of one customer the simulated responses depend on. */
export interface CustomerTraits {
  tenureYears: number;
  /** Monthly charges in hundreds. */
  monthly: number;
  monthToMonth: boolean;
  twoYear: boolean;
  fiber: boolean;
  senior: boolean;
  paperless: boolean;
}

/** Reads a Telco row's traits; a row missing a column or with unreadable numbers is refused. */
export function customerTraits(
  row: Readonly<Record<string, string>>,
  line: number,
): CustomerTraits {
  const missing = SIMULATOR_COLUMNS.filter((column) => row[column] === undefined);
  const tenure = Number(row['tenure']);
  const monthly = Number(row['MonthlyCharges']);
  if (missing.length > 0 || !Number.isFinite(tenure) || !Number.isFinite(monthly)) {
    throw new CrmMlError(
      'next_best_action_simulator_row',
      `Row ${line} cannot drive the simulator: ` +
        (missing.length > 0
          ? `no ${missing.join(', ')}`
          : 'tenure or MonthlyCharges is not a number'),
    );
  }
  return {
    tenureYears: tenure / 12,
    monthly: monthly / 100,
    monthToMonth: row['Contract'] === 'Month-to-month',
    twoYear: row['Contract'] === 'Two year',
    fiber: row['InternetService'] === 'Fiber optic',
    senior: row['SeniorCitizen'] === '1',
    paperless: row['PaperlessBilling'] === 'Yes',
  };
}

/**
 * The simulator's hidden truth: each action's success chance for a customer, a logistic
 * function of the traits (1 for a true flag, else 0), fixed so any run can be checked:
 *
 * | action         | logit                                                        |
 * | -------------- | ------------------------------------------------------------ |
 * | call           | −2.4 + 1.2 senior + 0.5 month-to-month − 0.15 tenure years   |
 * | email          | −2.6 + 1.0 paperless − 0.8 senior + 0.1 tenure years         |
 * | meeting        | −3.6 + 1.3 two-year + 1.2 monthly/100 + 0.2 tenure years     |
 * | offer_discount | −3.4 + 1.6 (month-to-month and fiber) + 0.8 monthly/100 − 0.3 tenure years |
 * | do_nothing     | −2.9 + 0.5 two-year                                          |
 *
 * The stories behind them: older customers answer the phone, paperless ones read email, big
 * long-term accounts take meetings, new fibre customers on monthly terms are price-sensitive,
 * and doing nothing rarely wins anyone. On the 7,043 Telco customers the best action splits
 * 1,583 call / 2,468 email / 2,143 meeting / 849 offer, so no single action is right for all.
 * The learner never sees this function, only the customers' properties and 0/1 outcomes.
 */
export function responseRates(t: CustomerTraits): number[] {
  const flag = (value: boolean): number => (value ? 1 : 0);
  return [
    sigmoid(-2.4 + 1.2 * flag(t.senior) + 0.5 * flag(t.monthToMonth) - 0.15 * t.tenureYears),
    sigmoid(-2.6 + 1.0 * flag(t.paperless) - 0.8 * flag(t.senior) + 0.1 * t.tenureYears),
    sigmoid(-3.6 + 1.3 * flag(t.twoYear) + 1.2 * t.monthly + 0.2 * t.tenureYears),
    sigmoid(-3.4 + 1.6 * flag(t.monthToMonth && t.fiber) + 0.8 * t.monthly - 0.3 * t.tenureYears),
    sigmoid(-2.9 + 0.5 * flag(t.twoYear)),
  ];
}
