// « Mon compte » : changing one's password, with the account scripts/run-tests creates for it
// (password@test.rrma.fr, password « ancien mot de passe »).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, assertProblem } from './client.mjs';

const EMAIL = 'password@test.rrma.fr';
const OLD = 'ancien mot de passe';
const NEW = 'nouveau mot de passe bien long';

const cookieOf = (res) => (res.headers.get('set-cookie') ?? '').split(';')[0];

async function signIn(password) {
  return post(`${API}/session`, { email: EMAIL, password });
}

function change(session, body, csrf = session.body.csrf_token) {
  const headers = { Cookie: cookieOf(session) };
  if (csrf) headers['X-CSRF-Token'] = csrf;
  return request('PUT', `${API}/me/password`, { json: body, headers });
}

test('changing the password checks the current one, needs the CSRF token and ends other sessions', async () => {
  const here = await signIn(OLD);
  const elsewhere = await signIn(OLD);
  assert.equal(here.status, 201, here.text);

  assertProblem(await change(here, { current_password: OLD, new_password: NEW }, null), 403);
  assertProblem(await change(here, { current_password: 'pas le bon', new_password: NEW }), 400, 'current_password');
  assertProblem(await change(here, { current_password: OLD, new_password: 'court' }), 400, 'new_password');
  assertProblem(await change(here, { current_password: OLD }), 400, 'new_password');
  assertProblem(await change(here, { current_password: OLD, new_password: NEW, admin: true }), 400, 'admin');
  assertProblem(await request('PUT', `${API}/me/password`, { json: { current_password: OLD, new_password: NEW } }), 401);

  const done = await change(here, { current_password: OLD, new_password: NEW });
  assert.equal(done.status, 204, done.text);
  assert.equal((await get(`${API}/me`, { headers: { Cookie: cookieOf(here) } })).status, 200);
  assertProblem(await get(`${API}/me`, { headers: { Cookie: cookieOf(elsewhere) } }), 401);
  assertProblem(await signIn(OLD), 401);
  assert.equal((await signIn(NEW)).status, 201);
});
