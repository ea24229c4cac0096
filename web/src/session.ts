// The signed-in account, shared by the header, the sign-in page and the pages
// reserved to some roles. The session itself lives in the HttpOnly cookie
// `rrma_session`; this store only mirrors what GET /session answers (200 whether
// or not the caller is signed in, so that an anonymous page logs no error), plus
// the CSRF token every write must send (handed to the API client). What the role
// helpers allow is only what the UI offers: the server decides, and answers
// 403/404 otherwise.
import { computed, reactive, readonly } from 'vue';
import { ApiError, createSession, deleteSession, setCsrfTokenSource, type Account, type Role } from './api';

/** What GET /api/v1/session answers: the account (as GET /me gives it) when signed in. */
type SessionAnswer = { signed_in: false } | { signed_in: true; account: Account };

/** The caller's account, or null when signed out; rejects with an ApiError when the server cannot say. */
async function fetchSignedInAccount(): Promise<Account | null> {
  let response: Response;
  try {
    response = await fetch('/api/v1/session', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, '', 'Le serveur est injoignable. Vérifiez votre connexion puis réessayez.');
  }
  if (!response.ok) throw new ApiError(response.status, '', `GET /session a répondu ${response.status}.`);
  const answer = (await response.json()) as SessionAnswer;
  return answer.signed_in ? answer.account : null;
}

interface SessionState {
  /** False until the first GET /session has answered (or failed). */
  loaded: boolean;
  account: Account | null;
}

const state = reactive<SessionState>({ loaded: false, account: null });

export const session = readonly(state);

setCsrfTokenSource(() => state.account?.csrf_token);

export const isSignedIn = computed(() => state.account !== null);

/** Names of the networks of the account's roles, without repetition, in order. */
export const networkNames = computed(() => {
  const names: string[] = [];
  for (const grant of state.account?.roles ?? []) {
    if (grant.network && !names.includes(grant.network.name)) names.push(grant.network.name);
  }
  return names;
});

function holds(role: Role): boolean {
  return state.account?.roles.some((grant) => grant.role === role) ?? false;
}

/** Ids of the networks where the account holds one of `roles`, without repetition. */
function networkIdsWith(roles: readonly Role[]): number[] {
  const ids: number[] = [];
  for (const grant of state.account?.roles ?? []) {
    if (grant.network && roles.includes(grant.role as Role) && !ids.includes(grant.network.id)) ids.push(grant.network.id);
  }
  return ids;
}

export const isAdmin = computed(() => holds('admin'));

/** Admins and network admins manage accounts (/utilisateurs). */
export const canManageUsers = computed(() => isAdmin.value || holds('network_admin'));

/** The networks' teams (staff and admins) read and write persons. */
export const isStaff = computed(() => canManageUsers.value || holds('network_staff'));

/** Networks whose accounts a network admin manages. */
export const adminNetworkIds = computed(() => networkIdsWith(['network_admin']));

/** Networks where the account writes persons; an admin writes in every network. */
export const staffNetworkIds = computed(() => networkIdsWith(['network_admin', 'network_staff']));

let loading: Promise<void> | null = null;

/** Loads the current account once; later calls share the first request. */
export function loadSession(): Promise<void> {
  loading ??= fetchSignedInAccount().then(
    (account) => {
      state.account = account;
      state.loaded = true;
    },
    (error: unknown) => {
      // The server could not say: behave as signed out, the sign-in page will
      // report the server's problem if the user tries.
      console.warn('GET /session a échoué', error);
      state.account = null;
      state.loaded = true;
    },
  );
  return loading;
}

/** Reads GET /session again (after a password change, for example); a failure keeps the account shown. */
export async function refreshSession(): Promise<void> {
  try {
    state.account = await fetchSignedInAccount();
  } catch {
    // Keep what is shown; the next write will tell if the session ended.
  }
}

/** A write answered 401: the session ended on the server, so the UI shows the account as signed out. */
export function noteAuthFailure(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) state.account = null;
}

/** Opens a session; rejects with an ApiError (401, 429, 400…) to display. */
export async function signIn(email: string, password: string): Promise<Account> {
  const account = await createSession(email, password);
  state.account = account;
  state.loaded = true;
  return account;
}

/** Closes the session on the server, then forgets the account locally. */
export async function signOut(): Promise<void> {
  const token = state.account?.csrf_token;
  try {
    if (token) await deleteSession(token);
  } catch (error) {
    // 401: the session had already expired on the server; signed out anyway.
    if (!(error instanceof ApiError && error.status === 401)) throw error;
  }
  state.account = null;
}
