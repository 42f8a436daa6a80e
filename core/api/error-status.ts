/**
 * HTTP status of each error code the API answers with; anything not listed is a 500. One table,
 * so a code always means the same status wherever it is raised.
 */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  invalid_request: 400,
  invalid_json: 400,
  connector_unknown: 400,
  connection_settings_invalid: 400,
  crm_url_forbidden: 400,
  plugin_unknown: 400,
  plugin_options_invalid: 400,
  body_too_deep: 400,
  body_nul_character: 400,
  unauthorized: 401,
  hubspot_signature_invalid: 401,
  forbidden: 403,
  route_not_found: 404,
  connection_not_found: 404,
  run_not_found: 404,
  model_not_found: 404,
  score_not_found: 404,
  webhook_not_found: 404,
  webhook_invalid_subscription: 400,
  webhook_url_forbidden: 400,
  method_not_allowed: 405,
  not_acceptable: 406,
  run_in_progress: 409,
  conflict: 409,
  // A stored connection the keyring cannot open: a state to fix, not a server failure.
  encryption_key_unknown: 409,
  encryption_decrypt_failed: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  response_invalid: 500,
  webhooks_unavailable: 501,
  hubspot_card_disabled: 503,
  store_unavailable: 503,
};

/** The status an error code maps to; every plugin's `…_options_invalid` is a 400. */
export function statusOfCode(code: string): number {
  return STATUS_BY_CODE[code] ?? (code.endsWith('_options_invalid') ? 400 : 500);
}
