import { SalesforceHttpError } from '../salesforce-error.js';

/**
 * A SOQL error as Salesforce words it: the query, a caret under the offending column, the
 * row/column line and the reason, in a 400 with the given errorCode.
 */
export function soqlError(
  soql: string,
  position: number,
  reason: string,
  errorCode = 'MALFORMED_QUERY',
): SalesforceHttpError {
  const column = position + 1;
  const caret = `${' '.repeat(position)}^`;
  const message = `\n${soql}\n${caret}\nERROR at Row:1:Column:${column}\n${reason}`;
  return SalesforceHttpError.badRequest(errorCode, message);
}
