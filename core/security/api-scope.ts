/** What an API key may do: each scope includes the ones before it. */
export const API_SCOPES = ['read', 'write', 'admin'] as const;

export type ApiScope = (typeof API_SCOPES)[number];

/** True when `value` names a scope. */
export function isApiScope(value: string): value is ApiScope {
  return (API_SCOPES as readonly string[]).includes(value);
}

/** Whether a key with scope `granted` may call an operation that needs `required`. */
export function scopeAllows(granted: ApiScope, required: ApiScope): boolean {
  return API_SCOPES.indexOf(granted) >= API_SCOPES.indexOf(required);
}
