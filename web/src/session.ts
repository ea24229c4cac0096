// The signed-in account, shared by the header and the sign-in page. The session
// itself lives in the HttpOnly cookie `rrma_session`; this store only mirrors what
// GET /me answers, plus the CSRF token needed to sign out. A 401 from /me simply
// means "signed out" and is not an error to show.
import { computed, reactive, readonly } from 'vue';
import { ApiError, createSession, deleteSession, getMe, type Account } from './api';

interface SessionState {
  /** False until the first GET /me has answered (or failed). */
  loaded: boolean;
  account: Account | null;
}

const state = reactive<SessionState>({ loaded: false, account: null });

export const session = readonly(state);

export const isSignedIn = computed(() => state.account !== null);

/** Names of the networks of the account's roles, without repetition, in order. */
export const networkNames = computed(() => {
  const names: string[] = [];
  for (const grant of state.account?.roles ?? []) {
    if (grant.network && !names.includes(grant.network.name)) names.push(grant.network.name);
  }
  return names;
});

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
