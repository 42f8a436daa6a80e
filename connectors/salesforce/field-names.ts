import { CrmMlError } from '../../core/errors/crm-ml-error.js';

// Salesforce API names of custom fields: at most 40 characters before `__c`, letters, digits
// and single underscores, starting with a letter and not ending with an underscore.
const MAX_API_NAME = 40;
const CUSTOM_PATTERN = /^([A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*)__c$/;

/**
 * The custom field behind a crm-ml field name: `crm_ml_churn_score` → `Crm_Ml_Churn_Score__c`
 * (each word capitalised, `__c` appended). Standard API names are never lower snake_case, so
 * only such names are translated; `Email` or `Churned__c` pass through unchanged.
 */
export function toApiName(name: string): string {
  if (!/^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/.test(name)) return name;

  const base = name
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('_');
  if (base.length > MAX_API_NAME) {
    throw new CrmMlError(
      'salesforce_field_name_too_long',
      `Field ${name} maps to ${base}__c, longer than the ${MAX_API_NAME} characters Salesforce ` +
        'allows before __c; choose a shorter name',
    );
  }
  return `${base}__c`;
}

/**
 * The reverse: `Crm_Ml_Churn_Score__c` → `crm_ml_churn_score`. Only names that `toApiName`
 * would produce are translated, so every name round-trips exactly; `TotalCharges__c`,
 * namespaced `ns__Field__c` and standard fields are kept as they are.
 */
export function fromApiName(apiName: string): string {
  if (!CUSTOM_PATTERN.test(apiName)) return apiName;
  const lower = apiName.slice(0, -3).toLowerCase();
  return lower.length <= MAX_API_NAME && toApiName(lower) === apiName ? lower : apiName;
}
