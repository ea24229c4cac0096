// GET /api/v1/session: whether the caller is signed in, answered 200 to everyone, so that the web
// UI can ask on every page without a 401 in the browser console. Uses the accounts and tokens
// scripts/run-tests creates (all with the password below); sign-ins use the right password.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, ok, show, assertProblem, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const EMAIL = 'staff@test.rrma.fr';
const PASSWORD = 'mot de passe des tests';
const cookieOf = (res) => (res.headers.get('set-cookie') ?? '').split(';')[0];

/** GET /session with these headers: asserts 200, JSON, never cached; returns the body. */
async function sessionState(headers = {}) {
  const res = await get(`${API}/session`, { headers });
  const body = ok(res);
  assert.match(res.headers.get('cache-control') ?? '', /no-store/, show(res));
  return body;
}

test('an anonymous caller is told it is signed out, with 200 rather than 401', async () => {
  assert.deepEqual(await sessionState(), { signed_in: false });
});

test('an unknown or expired session cookie reads as signed out, not as an error', async () => {
  assert.deepEqual(await sessionState({ Cookie: `rrma_session=${'a'.repeat(43)}` }), { signed_in: false });
});

test('a session cookie is signed in with the account /me gives, CSRF token included', async () => {
  const signedIn = await post(`${API}/session`, { email: EMAIL, password: PASSWORD });
  assert.equal(signedIn.status, 201, show(signedIn));
  const cookie = cookieOf(signedIn);
  const state = await sessionState({ Cookie: cookie });
  assert.equal(state.signed_in, true);
  assert.equal(state.account.email, EMAIL);
  assert.equal(state.account.csrf_token, signedIn.body.csrf_token);
  assert.deepEqual(state.account, ok(await get(`${API}/me`, { headers: { Cookie: cookie } })));

  const out = await request('DELETE', `${API}/session`, { headers: { Cookie: cookie, 'X-CSRF-Token': signedIn.body.csrf_token } });
  assert.equal(out.status, 204, show(out));
  assert.deepEqual(await sessionState({ Cookie: cookie }), { signed_in: false });
});

test('an API token is signed in with the account /me gives, without a CSRF token', async () => {
  const headers = { Authorization: `Bearer ${TOKENS.staff}` };
  const state = await sessionState(headers);
  assert.equal(state.signed_in, true);
  assert.equal(state.account.email, EMAIL);
  assert.equal(state.account.csrf_token, undefined);
  assert.deepEqual(state.account, ok(await get(`${API}/me`, { headers })));
});

test('a revoked API token reads as signed out', async () => {
  assert.deepEqual(await sessionState({ Authorization: `Bearer ${TOKENS.revoked}` }), { signed_in: false });
});

test('the session state takes no query parameter', async () => {
  assertProblem(await get(`${API}/session?compte=1`), 400, 'compte');
});
