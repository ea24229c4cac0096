// Typed client for the rrma JSON API (/api/v1, contract in src/http/openapi.json).
// Every function resolves with the decoded body or rejects with an ApiError whose
// `detail` is a French sentence fit to show to the user: the server's own
// problem+json detail when there is one, a message of ours for network failures
// and unexpected responses. Pass an AbortSignal to cancel a superseded request;
// a cancelled request rejects with the browser's AbortError, not an ApiError.
// Writes made with the session cookie carry the CSRF token of the session, read
// from the source the session store registers with setCsrfTokenSource().

export const ORGANISATION_KINDS = [
  'collectivite',
  'association',
  'entreprise',
  'enseignement_recherche',
  'institution_publique',
  'osim',
  'collectivite_etrangere',
  'reseau',
  'autre',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/** The kinds of the actors a network records (POST /organisations). */
export const ACTOR_KINDS = [
  'association',
  'entreprise',
  'enseignement_recherche',
  'institution_publique',
  'osim',
  'collectivite_etrangere',
  'autre',
] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** The level of a foreign authority (kind collectivite_etrangere). */
export const FOREIGN_LEVELS = ['commune', 'province_region', 'etat', 'autre'] as const;
export type ForeignLevel = (typeof FOREIGN_LEVELS)[number];

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
  /** An actor's commune, where it is based; null for a collectivité. */
  commune: CodeName | null;
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
  /** The network's own fiche in the directory (kind reseau): a node of the relationship graph. */
  organisation_id: number | null;
}

export interface Country {
  code: string;
  name: string;
}

export interface Odd {
  number: number;
  title: string;
}

export const ROLES = ['admin', 'network_admin', 'network_staff', 'member'] as const;
export type Role = (typeof ROLES)[number];

export interface OrganisationRef {
  id: number;
  name: string;
}

/** One role held by an account: `network` is null for admin, `organisation` is set only for member. */
export interface RoleGrant {
  id: number;
  role: Role | string;
  network: NetworkRef | null;
  organisation: OrganisationRef | null;
}

/** The signed-in account, as answered by POST /session and GET /me (no CSRF token with a bearer token). */
export interface Account {
  id: number;
  email: string;
  roles: RoleGrant[];
  csrf_token?: string;
}

export const USER_STATUSES = ['active', 'invited', 'deactivated'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export interface User {
  id: number;
  email: string;
  status: UserStatus | string;
  roles: RoleGrant[];
  created_at: string;
}

/** A single-use link to choose a password; `url` is a path ("/invitation#CODE"), shown once. */
export interface Invitation {
  url: string;
  code: string;
  expires_at: string;
}

/** A role to grant: `network_id` for every role but admin, `organisation_id` (a collectivité) for member. */
export interface RoleRequest {
  role: Role;
  network_id?: number;
  organisation_id?: number;
}

export interface NewUser extends RoleRequest {
  email: string;
}

/** POST /users: a new account comes with its invitation; an existing one only gained the role. */
export interface UserCreation {
  user: User;
  invitation: Invitation | null;
}

export interface UserQuery {
  q?: string;
  network?: number;
  page?: number;
  per_page?: number;
}

export const VISIBILITIES = ['private', 'network', 'public'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const POSITION_KINDS = ['elu', 'agent', 'benevole', 'salarie'] as const;
export type PositionKind = (typeof POSITION_KINDS)[number];

export interface Position {
  id: number;
  organisation: { id: number; name: string; category: string | null };
  kind: PositionKind | string;
  title: string | null;
  /** Null for an erased person, of whom only the years are kept. */
  start_date: string | null;
  end_date: string | null;
  start_year: number | null;
  end_year: number | null;
}

export interface PersonPermissions {
  edit: boolean;
  /** Export, erasure and history. */
  administer: boolean;
}

export interface Person {
  id: number;
  network: NetworkRef;
  visibility: Visibility | string;
  given_name: string;
  family_name: string;
  email: string | null;
  phone: string | null;
  notes: string;
  positions: Position[];
  erased_at: string | null;
  created_at: string;
  updated_at: string;
  permissions: PersonPermissions;
}

export interface PersonSummary {
  id: number;
  network: NetworkRef;
  visibility: Visibility | string;
  given_name: string;
  family_name: string;
  erased: boolean;
  positions: Position[];
}

export interface PositionInput {
  organisation_id: number;
  kind: PositionKind;
  title?: string;
  start_date?: string;
  end_date?: string;
}

export interface NewPerson {
  network_id: number;
  visibility: Visibility;
  given_name: string;
  family_name: string;
  email?: string;
  phone?: string;
  notes?: string;
  positions?: PositionInput[];
}

/** PATCH /persons/{id}: only the fields sent change; null empties email or phone; positions replaces the list. */
export interface PersonChanges {
  visibility?: Visibility;
  given_name?: string;
  family_name?: string;
  email?: string | null;
  phone?: string | null;
  notes?: string;
  positions?: PositionInput[];
}

export interface PersonQuery {
  q?: string;
  network?: number;
  organisation?: number;
  page?: number;
  per_page?: number;
}

export interface AuditChange {
  field: string;
  before: string | null;
  after: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: { id: number; email: string } | null;
  /** The actor's email, or « ligne de commande » for changes made with the rrma CLI. */
  actor_label: string;
  network: NetworkRef | null;
  action: string;
  record: { type: 'user' | 'person'; id: number };
  changes: AuditChange[];
}

export interface AuditQuery {
  /** "person:12", "user:3". */
  record?: string;
  page?: number;
  per_page?: number;
}

/** A file answered by the server, to offer as a download. */
export interface Download {
  blob: Blob;
  filename: string;
}

/** An organisation a network recorded (GET /organisations/{id} of a non-reference row). */
export interface Actor {
  id: number;
  kind: OrganisationKind;
  category: null;
  name: string;
  acronym: string | null;
  rna: string | null;
  siren: string | null;
  address: string | null;
  commune: { insee_code: string; name: string | null } | null;
  departement_code: string | null;
  region_code: string | null;
  website: string | null;
  country_code: string | null;
  level: ForeignLevel | string | null;
  themes: string[];
  countries: string[];
  odd: number[];
  description: string;
  archived: boolean;
  archived_at: string | null;
  network: NetworkRef;
  visibility: Visibility | string;
  created_at: string;
  updated_at: string;
  permissions: { edit: boolean };
}

/** What GET /organisations/{id} answers: a reference organisation or a network's actor. */
export type OrganisationRecord = Organisation | Actor;

export function isActor(record: OrganisationRecord): record is Actor {
  return 'permissions' in record;
}

/** The body of POST /organisations and PATCH /organisations/{id} (only the fields sent change; null empties). */
export interface ActorInput {
  network_id?: number;
  visibility?: Visibility;
  kind?: ActorKind;
  name?: string;
  acronym?: string | null;
  rna?: string | null;
  siren?: string | null;
  address?: string | null;
  commune_insee?: string | null;
  website?: string | null;
  country_code?: string | null;
  level?: ForeignLevel | null;
  themes?: string[];
  countries?: string[];
  odd?: number[];
  description?: string;
  archived?: boolean;
}

export const RELATIONSHIP_KINDS = ['member_of', 'board_seat', 'partnership'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

export const BOARD_ROLES = ['membre', 'president', 'vice_president', 'tresorier', 'secretaire'] as const;
export type BoardRole = (typeof BOARD_ROLES)[number];

/** One end of a relationship, an intermediary of a path, a member of a consortium. */
export interface RelationshipEnd {
  id: number;
  name: string;
  kind: string;
  category: string | null;
}

export interface Relationship {
  id: number;
  kind: RelationshipKind;
  from: RelationshipEnd;
  to: RelationshipEnd;
  role: BoardRole | string | null;
  start_date: string | null;
  end_date: string | null;
  source: string;
  network: NetworkRef | null;
  visibility: Visibility | string;
  themes: string[];
  convention_date: string | null;
  /** A COG relation (membership of an EPCI), read-only. */
  reference: boolean;
  created_at: string;
  permissions: { edit: boolean };
}

/** The body of POST /relationships and PATCH /relationships/{id} (neither kind nor ends change). */
export interface RelationshipInput {
  kind?: RelationshipKind;
  from_id?: number;
  to_id?: number;
  role?: BoardRole | null;
  start_date?: string | null;
  end_date?: string | null;
  source?: string;
  network_id?: number;
  visibility?: Visibility;
  themes?: string[];
  convention_date?: string | null;
}

export interface RelationshipQuery {
  organisation: number;
  kind?: RelationshipKind;
  page?: number;
  per_page?: number;
}

export interface PathRelation {
  id: number;
  kind: string;
  from_id: number;
  to_id: number;
  role: string | null;
  start_date: string | null;
  end_date: string | null;
}

export interface OutreachPath {
  connector: 'acteur_local' | 'epci' | 'region' | string;
  intermediaries: RelationshipEnd[];
  relations: PathRelation[];
  score: number;
  explanation: string;
}

export interface OutreachTarget {
  target: { id: number; name: string; insee_code: string | null; population: number | null };
  score: number;
  paths: OutreachPath[];
}

export interface OutreachQuery {
  network: number;
  departement?: string;
  category?: CollectiviteCategory;
  population_max?: number;
  via?: number;
  at?: string;
  page?: number;
  per_page?: number;
}

export const CONSORTIUM_CONNECTORS = ['conseil_administration', 'partenaire_etranger', 'pays', 'epci'] as const;

export interface Consortium {
  connector: {
    kind: (typeof CONSORTIUM_CONNECTORS)[number] | string;
    name: string;
    organisation: RelationshipEnd | null;
    country: string | null;
  };
  members: RelationshipEnd[];
  size: number;
  score: number;
  explanation: string;
}

export interface ConsortiumQuery {
  network: number;
  region?: string;
  departement?: string;
  min_size?: number;
  at?: string;
  page?: number;
  per_page?: number;
}

export interface NeighbourhoodNode {
  id: number;
  name: string;
  acronym: string | null;
  kind: string;
  category: string | null;
  /** 0 for the organisation asked about, 1 or 2 hops away. */
  depth: number;
}

export interface NeighbourhoodEdge {
  id: number;
  kind: RelationshipKind | string;
  from_id: number;
  to_id: number;
  role: string | null;
  start_date: string | null;
  end_date: string | null;
  /** From the COG (a commune's membership of its EPCI), not recorded by a network. */
  reference: boolean;
}

/** Two hops around an organisation (at most 300 nodes; `truncated` when some were left out). */
export interface Neighbourhood {
  nodes: NeighbourhoodNode[];
  edges: NeighbourhoodEdge[];
  truncated: boolean;
}

export interface NeighbourhoodQuery {
  /** Comma-separated relationship kinds; all when absent. */
  kind?: string;
  at?: string;
  /** 'false' leaves out the COG's relations (EPCI memberships); 'true' by default. */
  reference?: 'true' | 'false';
}

export const IMPORT_KINDS = ['organisations', 'relationships'] as const;
/** What a file holds: actors (POST /imports/organisations) or relationships (POST /imports/relationships). */
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** GET /imports/mappings: the fields each import reads, and the network's last mapping of each kind. */
export interface ImportMappings {
  fields: Record<ImportKind, string[]>;
  organisations: Record<string, string>;
  relationships: Record<string, string>;
}

export interface ImportProblem {
  /** The line in the file (the header is line 1). */
  line: number;
  column: string;
  message: string;
}

/** The report of POST /imports/…: `created` counts what was (or, when nothing was written, would be) created. */
export interface ImportReport {
  rows: number;
  created: number;
  existing: number;
  /** Lines repeating an earlier line of the same file, written once (« Ligne en double : … que la ligne 2. »). */
  repeated: { line: number; message: string }[];
  written: boolean;
  problems: ImportProblem[];
  /** The rejected lines with an « erreur » column (CSV, UTF-8 with BOM), or null. */
  rejected_csv: string | null;
}

export interface ImportOptions {
  network: number;
  visibility: Visibility;
  dryRun: boolean;
  partial: boolean;
  /** {field: header of the file}, kept for the network. */
  mapping: Record<string, string>;
}

/** A possible duplicate of an actor (GET /organisations/{id}/duplicates). */
export interface Duplicate {
  id: number;
  name: string;
  kind: string;
  /** The network's name. */
  network: string;
  /** Why it is proposed, in French: « même RNA », « même nom dans la même commune »… */
  reason: string;
  /** What tells two same-named records apart; null when the server could not read it. */
  commune: { insee_code: string; name: string | null } | null;
  rna: string | null;
  siren: string | null;
  created_at: string | null;
  /** The relations of the candidate the caller may read. */
  relationships_total: number | null;
}

/** What tells two records apart, as the duplicates answer and the fiche both give it. */
export interface RecordFacts {
  commune: { insee_code: string; name: string | null } | null;
  rna: string | null;
  siren: string | null;
  network: string | null;
  created_at: string | null;
  relationships_total: number | null;
}

/** A merge (POST /organisations/{id}/merge) or its undoing (POST /merges/{id}/undo). */
export interface Merge {
  id: number;
  kept_id: number;
  merged_id: number;
  moved_relationships: number;
  /** Exact duplicates of a relationship the kept record already had. */
  removed_relationships: number;
  moved_positions: number;
  undone: boolean;
}

/** One network's note on an organisation. */
export interface Note {
  network: NetworkRef;
  visibility: Visibility | string;
  text: string;
  updated_at: string;
  permissions: { edit: boolean };
}

export interface NoteInput {
  network_id: number;
  visibility: Visibility;
  /** Empty removes the note. */
  text: string;
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

export type QueryValue = string | number | undefined | null;

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
  if (status === 401) return "Vous n'êtes pas connecté, ou votre session a expiré : reconnectez-vous.";
  if (status === 403) return "Vous n'avez pas les droits nécessaires pour cette action.";
  if (status === 409) return "L'opération est impossible dans l'état actuel de la fiche.";
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

type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Sends a JSON body (or none) with another method than GET; resolves with the decoded body, or null for 204. */
async function sendJson<T>(
  method: WriteMethod,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T | null> {
  const encoded = body === undefined ? undefined : { type: 'application/json', data: JSON.stringify(body) };
  return send<T>(method, buildUrl(path), encoded, headers);
}

/** Sends `body` (or none) to `url`; resolves with the decoded answer, or null for 204. */
async function send<T>(
  method: WriteMethod,
  url: string,
  body: { type: string; data: BodyInit } | undefined,
  headers: Record<string, string>,
): Promise<T | null> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': body.type }),
        ...headers,
      },
      body: body?.data,
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

let csrfTokenSource: () => string | undefined = () => undefined;

/** Names where the CSRF token of the current session is read (the session store calls it once). */
export function setCsrfTokenSource(source: () => string | undefined): void {
  csrfTokenSource = source;
}

/** A write on behalf of the signed-in account: sendJson plus the session's CSRF token. */
function write<T>(method: WriteMethod, path: string, body?: unknown): Promise<T | null> {
  return sendJson<T>(method, path, body, csrfHeader());
}

/** The session's CSRF token as a header, when there is a session. */
function csrfHeader(): Record<string, string> {
  const token = csrfTokenSource();
  return token ? { 'X-CSRF-Token': token } : {};
}

/** A write whose answer must have a body (not 204). */
async function writeExpecting<T>(method: WriteMethod, path: string, body?: unknown): Promise<T> {
  const answer = await write<T>(method, path, body);
  if (answer === null) throw new ApiError(0, '', 'La réponse du serveur est illisible.');
  return answer;
}

function idPath(prefix: string, id: number | string, suffix = ''): string {
  return `${prefix}/${encodeURIComponent(String(id))}${suffix}`;
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
export function getOrganisation(id: number | string, signal?: AbortSignal): Promise<OrganisationRecord> {
  return getJson<OrganisationRecord>(`/organisations/${encodeURIComponent(String(id))}`, {}, signal);
}

/** POST /organisations: a network's actor; 409 when a readable organisation has the same RNA or SIREN. */
export function createOrganisation(actor: ActorInput): Promise<Actor> {
  return writeExpecting<Actor>('POST', '/organisations', actor);
}

/** PATCH /organisations/{id}: changes, archives ({archived: true}) or restores an actor. */
export function updateOrganisation(id: number, changes: ActorInput): Promise<Actor> {
  return writeExpecting<Actor>('PATCH', idPath('/organisations', id), changes);
}

/** GET /organisations/{id}/neighbourhood: the graph two hops around the organisation. */
export function getNeighbourhood(id: number, query: NeighbourhoodQuery, signal?: AbortSignal): Promise<Neighbourhood> {
  return getJson<Neighbourhood>(idPath('/organisations', id, '/neighbourhood'), { ...query }, signal);
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

// --- relationships and finders ------------------------------------------------------

export function listRelationships(query: RelationshipQuery, signal?: AbortSignal): Promise<Page<Relationship>> {
  return getJson<Page<Relationship>>('/relationships', { ...query }, signal);
}

export function createRelationship(relationship: RelationshipInput): Promise<Relationship> {
  return writeExpecting<Relationship>('POST', '/relationships', relationship);
}

export function updateRelationship(id: number, changes: RelationshipInput): Promise<Relationship> {
  return writeExpecting<Relationship>('PATCH', idPath('/relationships', id), changes);
}

export async function deleteRelationship(id: number): Promise<void> {
  await write<null>('DELETE', idPath('/relationships', id));
}

/** GET /outreach: the collectivités the network may reach through local actors, best first. */
export function findOutreach(query: OutreachQuery, signal?: AbortSignal): Promise<Page<OutreachTarget>> {
  return getJson<Page<OutreachTarget>>('/outreach', { ...query }, signal);
}

/** GET /consortia: groups of collectivités sharing a connector, best first. */
export function findConsortia(query: ConsortiumQuery, signal?: AbortSignal): Promise<Page<Consortium>> {
  return getJson<Page<Consortium>>('/consortia', { ...query }, signal);
}

// --- imports, duplicates, merges, notes ---------------------------------------------

/** GET /imports/mappings: the fields of each import and the network's saved mappings (network staff). */
export function getImportMappings(network: number, signal?: AbortSignal): Promise<ImportMappings> {
  return getJson<ImportMappings>('/imports/mappings', { network }, signal);
}

/**
 * POST /imports/{kind}: the file as it is (its bytes, so the server checks the UTF-8), checked
 * only (dryRun) or written; without `partial` nothing is written when a line is rejected. A file
 * the server cannot read is a 400 on the field « fichier ».
 */
export async function importFile(kind: ImportKind, file: ArrayBuffer, options: ImportOptions): Promise<ImportReport> {
  const url = buildUrl(`/imports/${kind}`, {
    network: options.network,
    visibility: options.visibility,
    dry_run: options.dryRun ? 'true' : undefined,
    partial: options.partial ? 'true' : undefined,
    mapping: Object.keys(options.mapping).length > 0 ? JSON.stringify(options.mapping) : undefined,
  });
  const report = await send<ImportReport>('POST', url, { type: 'text/csv', data: file }, csrfHeader());
  if (report === null) throw new ApiError(0, '', 'La réponse du serveur est illisible.');
  return report;
}

export async function listDuplicates(id: number, signal?: AbortSignal): Promise<Duplicate[]> {
  return (await getJson<{ items: Duplicate[] }>(idPath('/organisations', id, '/duplicates'), {}, signal)).items;
}

/** POST /organisations/{id}/merge: moves the relations and positions of `mergedId` here and archives it. */
export function mergeOrganisation(id: number, mergedId: number): Promise<Merge> {
  return writeExpecting<Merge>('POST', idPath('/organisations', id, '/merge'), { merged_id: mergedId });
}

/** POST /merges/{id}/undo: puts back what the merge moved; 409 when already undone. */
export function undoMerge(mergeId: number): Promise<Merge> {
  return writeExpecting<Merge>('POST', idPath('/merges', mergeId, '/undo'), {});
}

/** GET /organisations/{id}/notes: the notes the caller may read, their networks' first. */
export async function listNotes(id: number, signal?: AbortSignal): Promise<Note[]> {
  return (await getJson<{ items: Note[] }>(idPath('/organisations', id, '/notes'), {}, signal)).items;
}

/** PUT /organisations/{id}/notes: writes (or, with an empty text, removes) a network's note; answers the notes. */
export async function saveNote(id: number, note: NoteInput): Promise<Note[]> {
  return (await writeExpecting<{ items: Note[] }>('PUT', idPath('/organisations', id, '/notes'), note)).items;
}

// --- accounts ------------------------------------------------------------------

/** PUT /me/password: the server checks the current password and ends the account's other sessions. */
export async function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  await write<null>('PUT', '/me/password', { current_password: currentPassword, new_password: newPassword });
}

/** POST /invitation: chooses the password of an invited account (no session, no CSRF token). */
export async function acceptInvitation(code: string, password: string): Promise<void> {
  await sendJson<null>('POST', '/invitation', { code, password });
}

export function listUsers(query: UserQuery, signal?: AbortSignal): Promise<Page<User>> {
  return getJson<Page<User>>('/users', { ...query }, signal);
}

/** 201 with an invitation for a new account; 200 and a null invitation when the email already had one. */
export function createUser(user: NewUser): Promise<UserCreation> {
  return writeExpecting<UserCreation>('POST', '/users', user);
}

/** `id` is passed through as typed in the address so the server can explain a malformed one. */
export function getUser(id: number | string, signal?: AbortSignal): Promise<User> {
  return getJson<User>(idPath('/users', id), {}, signal);
}

/** PATCH /users/{id} {active}: deactivates (false) or reactivates (true) the account. */
export function setUserActive(id: number, active: boolean): Promise<User> {
  return writeExpecting<User>('PATCH', idPath('/users', id), { active });
}

export function grantRole(userId: number, grant: RoleRequest): Promise<User> {
  return writeExpecting<User>('POST', idPath('/users', userId, '/roles'), grant);
}

export async function revokeRole(userId: number, roleId: number): Promise<void> {
  await write<null>('DELETE', idPath('/users', userId, `/roles/${encodeURIComponent(String(roleId))}`));
}

/** POST /users/{id}/invitation: a new link (first password or reset); earlier links stop working. */
export function createInvitation(userId: number): Promise<Invitation> {
  return writeExpecting<Invitation>('POST', idPath('/users', userId, '/invitation'), {});
}

// --- persons -------------------------------------------------------------------

export function listPersons(query: PersonQuery, signal?: AbortSignal): Promise<Page<PersonSummary>> {
  return getJson<Page<PersonSummary>>('/persons', { ...query }, signal);
}

export function createPerson(person: NewPerson): Promise<Person> {
  return writeExpecting<Person>('POST', '/persons', person);
}

/** `id` is passed through as typed in the address so the server can explain a malformed one. */
export function getPerson(id: number | string, signal?: AbortSignal): Promise<Person> {
  return getJson<Person>(idPath('/persons', id), {}, signal);
}

export function updatePerson(id: number, changes: PersonChanges): Promise<Person> {
  return writeExpecting<Person>('PATCH', idPath('/persons', id), changes);
}

export async function deletePerson(id: number): Promise<void> {
  await write<null>('DELETE', idPath('/persons', id));
}

/** POST /persons/{id}/erasure: irreversible; 409 when the person was already erased. */
export function erasePerson(id: number): Promise<Person> {
  return writeExpecting<Person>('POST', idPath('/persons', id, '/erasure'), {});
}

/** The file name of a Content-Disposition header, if it names one. */
function attachmentName(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim());
    } catch {
      // Malformed escape: fall through to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1]?.trim() || null;
}

/** GET /persons/{id}/export: the personal-data document (JSON), as a file to save. */
export async function exportPerson(id: number): Promise<Download> {
  let response: Response;
  try {
    response = await fetch(buildUrl(idPath('/persons', id, '/export')), {
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, '', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok) throw await toApiError(response);
  const blob = await response.blob();
  const filename = attachmentName(response.headers.get('Content-Disposition')) ?? `personne-${id}.json`;
  return { blob: new Blob([blob], { type: 'application/json' }), filename };
}

// --- audit ---------------------------------------------------------------------

/** GET /audit, newest first; 403 for accounts that may not read the history. */
export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<Page<AuditEntry>> {
  return getJson<Page<AuditEntry>>('/audit', { ...query }, signal);
}

/** Turns any rejection into an ApiError so views have one shape to display. */
export function toDisplayError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError(0, '', 'Une erreur inattendue est survenue.');
}

// --- lists as files ---------------------------------------------------------------

export type ExportFormat = 'csv' | 'xlsx';

/** The address of a whole list as a file (the list's criteria, no paging): a plain link downloads it with the session cookie. */
export function exportUrl(path: string, query: Record<string, QueryValue>, format: ExportFormat): string {
  const criteria = Object.fromEntries(Object.entries(query).filter(([key]) => key !== 'page' && key !== 'per_page'));
  return buildUrl(path, { ...criteria, format });
}

// --- the engagement pipeline ------------------------------------------------------

export const PIPELINE_STAGES = [
  'non_contactee',
  'prise_de_contact',
  'adhesion',
  'opportunites_communes',
  'relation_echange',
  'collaboration',
] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** From « adhésion » on, the collectivité is a member of the network. */
export function isMemberStage(stage: PipelineStage): boolean {
  return PIPELINE_STAGES.indexOf(stage) >= PIPELINE_STAGES.indexOf('adhesion');
}

export interface AccountRef {
  id: number;
  email: string;
}

/** A collectivité's stage with one network (GET /pipeline). */
export interface PipelineEntry {
  network_id: number;
  organisation: {
    id: number;
    name: string;
    insee_code: string | null;
    category: string | null;
    population: number | null;
    departement_code: string | null;
  };
  stage: PipelineStage;
  stage_label: string;
  /** Who follows it. */
  owner: AccountRef | null;
  changed_at: string | null;
  /** Of the last change of stage. */
  reason: string;
  /** A membership of the network in force today. */
  member: boolean;
}

export interface PipelineChange {
  id: number;
  from: PipelineStage;
  to: PipelineStage;
  reason: string;
  /** null: the command line. */
  by: AccountRef | null;
  at: string;
}

export interface PipelineDetail extends PipelineEntry {
  history: PipelineChange[];
}

export interface PipelinePage extends Page<PipelineEntry> {
  /** How many at each stage, over the same criteria (the stage aside). */
  by_stage: Record<PipelineStage, number>;
}

/** The categories the board filters by (?category=). */
export const PIPELINE_CATEGORIES: readonly CollectiviteCategory[] = ['commune', 'epci', 'departement', 'region'];

/** The population bands of the dashboard, and of the board's filter (GET /pipeline?population_band=). */
export const POPULATION_BANDS = [
  'moins_de_2000',
  'de_2000_a_9999',
  'de_10000_a_49999',
  'de_50000_a_199999',
  'au_moins_200000',
  'inconnue',
] as const;
export type PopulationBand = (typeof POPULATION_BANDS)[number];

export interface PipelineQuery {
  network: number;
  stage?: PipelineStage;
  departement?: string;
  category?: CollectiviteCategory;
  population_max?: number;
  population_band?: PopulationBand;
  staff?: number;
  page?: number;
  per_page?: number;
}

/** GET /pipeline: the collectivités the network moved along, most recently moved first. */
export function listPipeline(query: PipelineQuery, signal?: AbortSignal): Promise<PipelinePage> {
  return getJson<PipelinePage>('/pipeline', { ...query }, signal);
}

/** GET /pipeline/{network}/{organisation}: the stage and its history, latest first. */
export function getPipelineStage(network: number, organisation: number, signal?: AbortSignal): Promise<PipelineDetail> {
  return getJson<PipelineDetail>(`${idPath('/pipeline', network)}${idPath('', organisation)}`, {}, signal);
}

/** PUT /pipeline/{network}/{organisation}: moves the collectivité; reaching or leaving « adhésion » records or ends its membership. */
export function movePipelineStage(
  network: number,
  organisation: number,
  move: { stage: PipelineStage; reason?: string; owner_id?: number },
): Promise<PipelineDetail> {
  return writeExpecting<PipelineDetail>('PUT', `${idPath('/pipeline', network)}${idPath('', organisation)}`, move);
}

// --- accompaniment records -------------------------------------------------------------

export const INTERACTION_TYPES = [
  'prise_de_contact',
  'appui_juridique',
  'accompagnement_strategique',
  'accompagnement_operationnel',
  'vsi_reciprocite',
  'animation_territoire',
  'evenement',
  'accueil_delegation',
  'montage_projet',
  'conseil',
  'financement',
  'formation',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export interface PartyRef {
  id: number;
  name: string;
}

/** What a network's team did with organisations and persons on a date (GET /interactions). */
export interface Interaction {
  id: number;
  network: NetworkRef;
  visibility: Visibility;
  date: string;
  type: InteractionType;
  type_label: string;
  subject: string;
  notes: string;
  /** Those the caller may read. */
  organisations: PartyRef[];
  persons: PartyRef[];
  next_action: {
    description: string;
    due_date: string | null;
    owner: AccountRef | null;
    done_at: string | null;
    /** Still to do and past its due date. */
    overdue: boolean;
  } | null;
  author: AccountRef | null;
  /** The event the record belongs to. */
  event: { id: number; title: string; starts_at: string } | null;
  attachments: Attachment[];
  created_at: string;
  updated_at: string;
  permissions: { edit: boolean };
}

/** A file attached to an accompaniment record; its type is the one the server read from its content. */
export interface Attachment {
  id: number;
  name: string;
  media_type: string;
  /** « PDF », « Image PNG »…, as the server names the type it read. */
  type_label?: string;
  /** In bytes. */
  size: number;
  created_at: string;
}

export interface InteractionInput {
  network_id?: number;
  visibility?: Visibility;
  date?: string;
  type?: InteractionType;
  subject?: string;
  notes?: string;
  organisation_ids?: number[];
  person_ids?: number[];
  next_action?: { description: string; due_date?: string | null; owner_id?: number | null } | null;
  next_action_done?: boolean;
  event_id?: number | null;
}

export interface InteractionQuery {
  network?: number;
  event?: number;
  organisation?: number;
  person?: number;
  type?: InteractionType;
  from?: string;
  to?: string;
  page?: number;
  per_page?: number;
}

export function listInteractions(query: InteractionQuery, signal?: AbortSignal): Promise<Page<Interaction>> {
  return getJson<Page<Interaction>>('/interactions', { ...query }, signal);
}

export function createInteraction(input: InteractionInput): Promise<Interaction> {
  return writeExpecting<Interaction>('POST', '/interactions', input);
}

export function updateInteraction(id: number, input: InteractionInput): Promise<Interaction> {
  return writeExpecting<Interaction>('PATCH', idPath('/interactions', id), input);
}

export async function deleteInteraction(id: number): Promise<void> {
  await write<null>('DELETE', idPath('/interactions', id));
}

/** The largest file the server takes as an attachment (10 MiB). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * POST /interactions/{id}/attachments?name=…: the file as it is; the server reads its type from its
 * content (415 on the field « fichier » for a type it refuses, 413 when too large).
 */
export async function uploadAttachment(interactionId: number, file: File): Promise<Attachment> {
  const url = buildUrl(idPath('/interactions', interactionId, '/attachments'), { name: file.name });
  const body = { type: file.type || 'application/octet-stream', data: file };
  const attachment = await send<Attachment>('POST', url, body, csrfHeader());
  if (attachment === null) throw new ApiError(0, '', 'La réponse du serveur est illisible.');
  return attachment;
}

/** The address of an attachment: a plain link downloads it with the session cookie. */
export function attachmentUrl(interactionId: number, attachmentId: number): string {
  return buildUrl(idPath('/interactions', interactionId, `/attachments/${encodeURIComponent(String(attachmentId))}`));
}

export async function deleteAttachment(interactionId: number, attachmentId: number): Promise<void> {
  await write<null>('DELETE', idPath('/interactions', interactionId, `/attachments/${encodeURIComponent(String(attachmentId))}`));
}

/** A collectivité followed by one of the caller's networks, without accompaniment for six months. */
export interface DormantRelation {
  network_id: number;
  organisation: { id: number; name: string; insee_code: string | null; population: number | null };
  stage: PipelineStage;
  last_interaction: string | null;
}

/** GET /me/relances: the caller's next actions still to do, and their networks' dormant relations. */
export interface Relances {
  today: string;
  dormant_since: string;
  overdue: Interaction[];
  upcoming: Interaction[];
  dormant: DormantRelation[];
}

export function getRelances(signal?: AbortSignal): Promise<Relances> {
  return getJson<Relances>('/me/relances', {}, signal);
}

// --- events ------------------------------------------------------------------------------

export const EVENT_KINDS = ['rencontre', 'table_ronde', 'reunion_information', 'formation', 'accueil_delegation'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_ROLES = ['organisateur', 'participant'] as const;
export type EventRole = (typeof EVENT_ROLES)[number];

export const ATTENDANCES = ['invite', 'inscrit', 'present', 'excuse', 'absent'] as const;
export type Attendance = (typeof ATTENDANCES)[number];

export interface EventOrganisation {
  id: number;
  name: string;
  role: EventRole;
  role_label: string;
  attendance: Attendance;
  attendance_label: string;
}

export interface EventPerson {
  id: number;
  name: string;
  attendance: Attendance;
  attendance_label: string;
}

/** A rencontre, table ronde, formation… a network takes part in (GET /events/{id}). */
export interface NetworkEvent {
  id: number;
  network: NetworkRef;
  visibility: Visibility;
  kind: EventKind;
  kind_label: string;
  title: string;
  theme: string;
  description: string;
  /** Local date and time where it takes place: "2026-12-03T14:00". */
  starts_at: string;
  ends_at: string;
  place: string;
  departement: string | null;
  /** IANA time zone of the place: "Europe/Paris", "Indian/Reunion". */
  time_zone: string;
  organisations: EventOrganisation[];
  persons: EventPerson[];
  /** The accompaniment records written about it. */
  interactions: { id: number; date: string; type: InteractionType; type_label: string; subject: string }[];
  /** How many the reader may read: in a list, the arrays above hold only the first 20 of each. */
  counts: { organisations: number; persons: number; participants: number; present: number; interactions: number };
  author: AccountRef | null;
  created_at: string;
  updated_at: string;
  permissions: { edit: boolean };
}

/** POST /events (every required field) and PATCH /events/{id} (the fields sent; a list sent replaces the list). */
export interface EventInput {
  network_id?: number;
  visibility?: Visibility;
  kind?: EventKind;
  title?: string;
  theme?: string;
  description?: string;
  starts_at?: string;
  ends_at?: string;
  place?: string;
  departement?: string | null;
  organisations?: { id: number; role: EventRole; attendance: Attendance }[];
  persons?: { id: number; attendance: Attendance }[];
}

export interface EventQuery {
  network?: number;
  organisation?: number;
  person?: number;
  kind?: EventKind;
  /** The start's date, from this day (YYYY-MM-DD). */
  from?: string;
  to?: string;
  page?: number;
  per_page?: number;
}

/** GET /events: by start time, earliest first. */
export function listEvents(query: EventQuery, signal?: AbortSignal): Promise<Page<NetworkEvent>> {
  return getJson<Page<NetworkEvent>>('/events', { ...query }, signal);
}

/** `id` is passed through as typed in the address so the server can explain a malformed one. */
export function getEvent(id: number | string, signal?: AbortSignal): Promise<NetworkEvent> {
  return getJson<NetworkEvent>(idPath('/events', id), {}, signal);
}

export function createEvent(input: EventInput): Promise<NetworkEvent> {
  return writeExpecting<NetworkEvent>('POST', '/events', input);
}

export function updateEvent(id: number, changes: EventInput): Promise<NetworkEvent> {
  return writeExpecting<NetworkEvent>('PATCH', idPath('/events', id), changes);
}

export async function deleteEvent(id: number): Promise<void> {
  await write<null>('DELETE', idPath('/events', id));
}

/** The event as an iCalendar file (evenement-{id}.ics): a plain link downloads it with the session cookie. */
export function eventIcalUrl(id: number): string {
  return buildUrl(idPath('/events', id, '/ical'));
}

// --- the network dashboard ------------------------------------------------------------------

/** The stages past « non contactée », as the dashboard counts them. */
export type EngagedStage = Exclude<PipelineStage, 'non_contactee'>;

/** Collectivités of one département, category or population band. */
export interface DashboardBreakdown {
  /** Members on the period's last day. */
  members: number;
  /** With at least one accompaniment in the period. */
  accompanied: number;
  /** Past « non contactée » today. */
  engaged: number;
}

/** Collectivités moved across the boundary `from` → `to` in the period. */
export interface StageConversion {
  from: PipelineStage;
  to: PipelineStage;
  count: number;
  /** count over the previous boundary's; null for the first boundary or after zero. */
  rate: number | null;
}

/** GET /dashboard: a network's named figures over a period (every network's when network_id is null). */
export interface Dashboard {
  network_id: number | null;
  from: string;
  to: string;
  members: number;
  board_seats: number;
  presidencies: number;
  accompanied: number;
  by_stage: Record<EngagedStage, number>;
  conversions: StageConversion[];
  interactions: number;
  interactions_by_type: Record<InteractionType, number>;
  dormant: number;
  dormant_since: string;
  by_departement: (DashboardBreakdown & { departement: string })[];
  by_category: (DashboardBreakdown & { category: string })[];
  by_population_band: (DashboardBreakdown & { band: PopulationBand; label: string })[];
}

/** Without `network`, every network (national admins only); without dates, the twelve months to today. */
export interface DashboardQuery {
  network?: number;
  from?: string;
  to?: string;
}

export function getDashboard(query: DashboardQuery, signal?: AbortSignal): Promise<Dashboard> {
  return getJson<Dashboard>('/dashboard', { ...query }, signal);
}
