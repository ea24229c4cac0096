// Typed client for the rrma JSON API (/api/v1, contract in src/http/openapi.json).
// Every function resolves with the decoded body or rejects with an ApiError whose
// `detail` is a French sentence fit to show to the user: the server's own
// problem+json detail when there is one, a message of ours for network failures
// and unexpected responses. Pass an AbortSignal to cancel a superseded request;
// a cancelled request rejects with the browser's AbortError, not an ApiError.

export const ORGANISATION_KINDS = [
  'collectivite',
  'association',
  'entreprise',
  'enseignement_recherche',
  'institution_publique',
  'collectivite_etrangere',
  'autre',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const COLLECTIVITE_CATEGORIES = [
  'commune',
  'commune_deleguee',
  'commune_associee',
  'arrondissement_municipal',
  'epci',
  'departement',
  'region',
  'groupement',
] as const;
export type CollectiviteCategory = (typeof COLLECTIVITE_CATEGORIES)[number];

export const MAX_PER_PAGE = 200;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  per_page: number;
}

export interface CodeName {
  code: string;
  name: string;
}

export interface Health {
  status: 'ok';
  version: string;
  storage: 'sqlite' | 'postgresql';
}

export interface OrganisationSummary {
  id: number;
  kind: OrganisationKind;
  category: string | null;
  subcategory: string | null;
  name: string;
  insee_code: string | null;
  siren: string | null;
  population: number | null;
  departement: CodeName | null;
  region: CodeName | null;
}

export interface Membership {
  organisation: OrganisationSummary;
  source: string;
  start_date: string | null;
  end_date: string | null;
}

export interface NetworkRef {
  id: number;
  name: string;
}

export interface Organisation extends OrganisationSummary {
  postal_codes: string[];
  member_of: Membership[];
  members_total: number;
  networks: NetworkRef[];
  reference_source: string | null;
}

export interface Network {
  id: number;
  name: string;
  regions: CodeName[];
}

export interface Country {
  code: string;
  name: string;
}

export interface Odd {
  number: number;
  title: string;
}

export type Role = 'admin' | 'network_admin' | 'network_staff' | 'member';

export interface RoleGrant {
  role: Role | string;
  network: NetworkRef | null;
}

/** The signed-in account, as answered by POST /session and GET /me. */
export interface Account {
  id: number;
  email: string;
  roles: RoleGrant[];
  csrf_token: string;
}

export interface FieldError {
  field: string;
  message: string;
}

/** Filters of GET /organisations; empty values are left out of the request. */
export interface OrganisationQuery {
  q?: string;
  kind?: OrganisationKind;
  category?: CollectiviteCategory;
  region?: string;
  departement?: string;
  insee?: string;
  siren?: string;
  page?: number;
  per_page?: number;
}

export interface PageQuery {
  page?: number;
  per_page?: number;
}

/** A failed API call. `status` is 0 when no HTTP answer was received. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors: FieldError[];

  constructor(status: number, title: string, detail: string, errors: FieldError[] = []) {
    super(detail);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

const API_ROOT = '/api/v1';

type QueryValue = string | number | undefined | null;

function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // The server rejects unknown and empty parameters: send only what is set.
    if (value === undefined || value === null) continue;
    const text = String(value).trim();
    if (text !== '') params.set(key, text);
  }
  const search = params.toString();
  return `${API_ROOT}${path}${search ? `?${search}` : ''}`;
}

function asFieldErrors(value: unknown): FieldError[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((e): e is FieldError => typeof e === 'object' && e !== null && typeof e.message === 'string')
    .map((e) => ({ field: typeof e.field === 'string' ? e.field : '', message: e.message }));
}

function fallbackDetail(status: number): string {
  if (status === 404) return 'La ressource demandée est introuvable.';
  if (status === 400) return 'La requête est invalide.';
  if (status === 429) return 'Trop de requêtes : réessayez dans un instant.';
  if (status >= 500) return 'Le serveur a rencontré une erreur. Réessayez plus tard.';
  return `Le serveur a répondu par une erreur (code ${status}).`;
}

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (proxy error page, empty body): fall back to a generic message.
  }
  if (typeof body === 'object' && body !== null) {
    const problem = body as Record<string, unknown>;
    const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : fallbackDetail(response.status);
    const title = typeof problem.title === 'string' ? problem.title : '';
    return new ApiError(response.status, title, detail, asFieldErrors(problem.errors));
  }
  return new ApiError(response.status, '', fallbackDetail(response.status));
}

async function getJson<T>(path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path, query), { headers: { Accept: 'application/json' }, signal });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(0, '', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok) throw await toApiError(response);
  try {
    return (await response.json()) as T;
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(response.status, '', 'La réponse du serveur est illisible.');
  }
}

/** Sends a JSON body (or none) with another method than GET; resolves with the decoded body, or null for 204. */
async function sendJson<T>(
  method: 'POST' | 'DELETE',
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path), {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, '', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return null;
  try {
    return (await response.json()) as T;
  } catch {
    throw new ApiError(response.status, '', 'La réponse du serveur est illisible.');
  }
}

/** Opens a session: the server sets the HttpOnly session cookie and answers the account. */
export async function createSession(email: string, password: string): Promise<Account> {
  const account = await sendJson<Account>('POST', '/session', { email, password });
  if (!account) throw new ApiError(0, '', 'La réponse du serveur est illisible.');
  return account;
}

/** The account of the session cookie; rejects with a 401 ApiError when signed out. */
export function getMe(signal?: AbortSignal): Promise<Account> {
  return getJson<Account>('/me', {}, signal);
}

/** Closes the session; the CSRF token of the session is required. */
export async function deleteSession(csrfToken: string): Promise<void> {
  await sendJson<null>('DELETE', '/session', undefined, { 'X-CSRF-Token': csrfToken });
}

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>('/health', {}, signal);
}

export function listOrganisations(query: OrganisationQuery, signal?: AbortSignal): Promise<Page<OrganisationSummary>> {
  return getJson<Page<OrganisationSummary>>('/organisations', { ...query }, signal);
}

/** `id` is passed through as typed in the address so the server can explain a malformed one. */
export function getOrganisation(id: number | string, signal?: AbortSignal): Promise<Organisation> {
  return getJson<Organisation>(`/organisations/${encodeURIComponent(String(id))}`, {}, signal);
}

export function listOrganisationMembers(
  id: number,
  query: PageQuery,
  signal?: AbortSignal,
): Promise<Page<OrganisationSummary>> {
  return getJson<Page<OrganisationSummary>>(`/organisations/${encodeURIComponent(String(id))}/members`, { ...query }, signal);
}

export function listNetworks(query: PageQuery = {}, signal?: AbortSignal): Promise<Page<Network>> {
  return getJson<Page<Network>>('/networks', { ...query }, signal);
}

export function listCountries(query: PageQuery & { q?: string }, signal?: AbortSignal): Promise<Page<Country>> {
  return getJson<Page<Country>>('/reference/countries', { ...query }, signal);
}

export function listOdd(signal?: AbortSignal): Promise<Page<Odd>> {
  return getJson<Page<Odd>>('/reference/odd', { per_page: 20 }, signal);
}

/** Turns any rejection into an ApiError so views have one shape to display. */
export function toDisplayError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, '', 'Une erreur inattendue est survenue.');
}
