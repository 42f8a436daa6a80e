/** What a forced failure answers, e.g. UNABLE_TO_LOCK_ROW for a transient lock. */
export interface ForcedFailure {
  code: string;
  remaining: number;
}

const MESSAGES: Readonly<Record<string, string>> = {
  UNABLE_TO_LOCK_ROW: 'unable to obtain exclusive access to this record or 1 records: {id}',
  FIELD_CUSTOM_VALIDATION_EXCEPTION: 'Record rejected by a validation rule (sandbox)',
  ENTITY_IS_LOCKED: 'This record is locked. If you need to edit it, contact your admin',
};

/** Ids whose wire writes fail with a chosen code, a given number of times (then succeed). */
export class WriteFailures {
  private readonly byId = new Map<string, ForcedFailure>();

  set(ids: readonly string[], code: string, times: number): void {
    for (const id of ids) this.byId.set(id, { code, remaining: times });
  }

  clear(): void {
    this.byId.clear();
  }

  /** Consumes one forced failure for `id`, returning its code and message, if any is left. */
  take(id: string): { code: string; message: string } | undefined {
    const failure = this.byId.get(id);
    if (failure === undefined || failure.remaining <= 0) return undefined;
    failure.remaining -= 1;
    const template = MESSAGES[failure.code] ?? `${failure.code} (forced by the sandbox)`;
    return { code: failure.code, message: template.replace('{id}', id) };
  }
}
