/**
 * Talks to /graphql on the same server. Reads are open by default; when the server wants a key,
 * the key typed in the settings (kept in localStorage) goes in `Authorization: Bearer …`.
 */
const KEY_STORAGE = 'diplograph.apiKey';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function readApiKey(): string {
  try {
    return localStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
}

export function saveApiKey(key: string): void {
  try {
    if (key) localStorage.setItem(KEY_STORAGE, key);
    else localStorage.removeItem(KEY_STORAGE);
  } catch {
    // Storage can be disabled (private mode): the key then lasts for this page only.
  }
  sessionKey = key;
}

let sessionKey = readApiKey();

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs one query; throws ApiError with the server's extensions.code (or HTTP_<status>). */
export async function graphql<T>(query: string, variables: Record<string, unknown>, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/graphql-response+json, application/json',
  };
  if (sessionKey) headers.authorization = `Bearer ${sessionKey}`;
  const res = await fetch(new URL('../graphql', window.location.href), {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
    ...(signal ? { signal } : {}),
  });
  let body: GraphQLResponse<T>;
  try {
    body = (await res.json()) as GraphQLResponse<T>;
  } catch {
    throw new ApiError(`the server answered ${res.status} without JSON`, `HTTP_${res.status}`);
  }
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? `HTTP_${res.status}`);
  if (!res.ok || !body.data) throw new ApiError(`the server answered ${res.status}`, `HTTP_${res.status}`);
  return body.data;
}
