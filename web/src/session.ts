// The signed-in account, shared by the header, the sign-in page and the pages
// reserved to some roles. The session itself lives in the HttpOnly cookie
// `rrma_session`; this store only mirrors what GET /me answers, plus the CSRF
// token every write must send (handed to the API client). A 401 from /me simply
// means "signed out" and is not an error to show. What the role helpers allow is
// only what the UI offers: the server decides, and answers 403/404 otherwise.
import { computed, reactive, readonly } from 'vue';
import { ApiError, createSession, deleteSession, getMe, setCsrfTokenSource, type Account, type Role } from './api';

interface SessionState {
  /** False until the first GET /me has answered (or failed). */
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
  loading ??= getMe().then(
    (account) => {
      state.account = account;
      state.loaded = true;
    },
    (error: unknown) => {
      // 401: not signed in. Any other failure: behave as signed out too, the
      // sign-in page will report the server's problem if the user tries.
      if (!(error instanceof ApiError)) console.warn('GET /me a échoué', error);
      state.account = null;
      state.loaded = true;
    },
  );
  return loading;
}

/** Reads GET /me again (after a password change, for example); a failure keeps the account shown. */
export async function refreshSession(): Promise<void> {
  try {
    state.account = await getMe();
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) state.account = null;
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
