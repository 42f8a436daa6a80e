/**
 * A non-2xx HubSpot response, captured before the client's generated code sees it.
 *
 * The client deserialises error bodies into its `Error` model, which drops fields it does not
 * know, among them the `policyName` of a 429; and it throws a plain `Error` without the status
 * when a 5xx arrives without a JSON content type. So the connector reads the raw body itself.
 */
export class HubSpotHttpError extends Error {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly bodyText: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  readonly body: unknown;

  constructor(status: number, headers: Record<string, string>, bodyText: string) {
    super(`HubSpot answered HTTP ${status}`);
    this.name = 'HubSpotHttpError';
    this.status = status;
    this.headers = headers;
    this.bodyText = bodyText;
    this.body = parseJson(bodyText);
  }

  /** A string field of the JSON body (`message`, `category`, `policyName`), if present. */
  bodyField(name: string): string | undefined {
    if (typeof this.body !== 'object' || this.body === null) return undefined;
    const value: unknown = (this.body as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** A header by its lower-case name. */
  header(name: string): string | undefined {
    return this.headers[name.toLowerCase()];
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
