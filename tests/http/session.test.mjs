// Sign-in and sign-out of the web UI, against the account scripts/run-tests creates
// (staff@test.rrma.fr, network_staff of Territoires Solidaires).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, assertProblem } from './client.mjs';

const EMAIL = 'staff@test.rrma.fr';
const PASSWORD = 'mot de passe des tests';

async function signIn(email = EMAIL, password = PASSWORD, headers = {}) {
  return post(`${API}/session`, { email, password }, { headers });
}

// Deliberate failures come through the trusted proxy (run-tests starts the server with
// --trusted-proxy 127.0.0.1) from an address of their own, so that they do not slow down every
// other sign-in of the test run, which all come from 127.0.0.1.
const FAILING_CLIENT = { 'X-Forwarded-For': '192.0.2.77' };

function sessionCookie(res) {
  const header = res.headers.get('set-cookie') ?? '';
  return header.split(';')[0];
}

test('signing in sets an HttpOnly, SameSite=Strict session cookie and returns the CSRF token', async () => {
  const res = await signIn();
  assert.equal(res.status, 201, res.text);
  const header = res.headers.get('set-cookie') ?? '';
  assert.match(header, /^rrma_session=[A-Za-z0-9_-]{43}; /);
  assert.match(header, /HttpOnly/);
  assert.match(header, /SameSite=Strict/);
  assert.match(header, /Path=\//);
  assert.equal(res.body.email, EMAIL);
  assert.match(res.body.csrf_token, /^[A-Za-z0-9_-]{43}$/);
  assert.ok(!/argon2|password/i.test(res.text));
});

test('each sign-in gets a new session: the cookie is rotated', async () => {
  const first = sessionCookie(await signIn());
  const second = sessionCookie(await signIn());
  assert.notEqual(first, second);
});

test('signing in again ends the session the browser still presented', async () => {
  const first = sessionCookie(await signIn());
  const second = await request('POST', `${API}/session`, {
    json: { email: EMAIL, password: PASSWORD },
    headers: { Cookie: first },
  });
  assert.equal(second.status, 201, second.text);
  assertProblem(await get(`${API}/me`, { headers: { Cookie: first } }), 401);
  assert.equal((await get(`${API}/me`, { headers: { Cookie: sessionCookie(second) } })).status, 200);
});

test('a session cookie identifies the caller on /me, which repeats the CSRF token', async () => {
  const signedIn = await signIn();
  const me = await get(`${API}/me`, { headers: { Cookie: sessionCookie(signedIn) } });
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.email, EMAIL);
  assert.equal(me.body.csrf_token, signedIn.body.csrf_token);
});

test('signing out needs the CSRF token, then the session is over', async () => {
  const signedIn = await signIn();
  const cookie = sessionCookie(signedIn);
  assertProblem(await request('DELETE', `${API}/session`, { headers: { Cookie: cookie } }), 403);
  assertProblem(await request('DELETE', `${API}/session`, { headers: { Cookie: cookie, 'X-CSRF-Token': 'x'.repeat(43) } }), 403);
  const out = await request('DELETE', `${API}/session`, { headers: { Cookie: cookie, 'X-CSRF-Token': signedIn.body.csrf_token } });
  assert.equal(out.status, 204, out.text);
  assert.match(out.headers.get('set-cookie') ?? '', /Max-Age=0/);
  assertProblem(await get(`${API}/me`, { headers: { Cookie: cookie } }), 401);
});

test('a session cookie sent twice (one could be planted) is refused with 401', async () => {
  const cookie = sessionCookie(await signIn());
  assertProblem(await get(`${API}/me`, { headers: { Cookie: `${cookie}; ${cookie}` } }), 401);
});

test('behind the trusted TLS proxy (run-tests starts the server with --trusted-proxy 127.0.0.1) the session cookie is Secure', async () => {
  const res = await post(`${API}/session`, { email: EMAIL, password: PASSWORD }, { headers: { 'X-Forwarded-Proto': 'HTTPS' } });
  assert.equal(res.status, 201, res.text);
  assert.match(res.headers.get('set-cookie') ?? '', /; Secure/);
});

test('a made-up or oversize session cookie is refused with 401', async () => {
  assertProblem(await get(`${API}/me`, { headers: { Cookie: `rrma_session=${'a'.repeat(43)}` } }), 401);
  assertProblem(await get(`${API}/me`, { headers: { Cookie: `rrma_session=${'a'.repeat(5000)}` } }), 401);
});

test('a wrong password and an unknown account get the same answer', async () => {
  const wrong = await signIn(EMAIL, 'pas le bon mot de passe', FAILING_CLIENT);
  const unknown = await signIn('personne@test.rrma.fr', 'pas le bon mot de passe', FAILING_CLIENT);
  assertProblem(wrong, 401);
  assertProblem(unknown, 401);
  assert.equal(wrong.body.detail, unknown.body.detail);
});

test('sign-in input is read strictly', async () => {
  assertProblem(await post(`${API}/session`, { email: EMAIL }), 400, 'password');
  assertProblem(await post(`${API}/session`, { password: PASSWORD }), 400, 'email');
  assertProblem(await post(`${API}/session`, { email: EMAIL, password: PASSWORD, remember: true }), 400, 'remember');
  assertProblem(await post(`${API}/session`, { email: 'pas-une-adresse', password: PASSWORD }), 400, 'email');
  assertProblem(await post(`${API}/session`, { email: 5, password: PASSWORD }), 400, 'email');
  assertProblem(await request('POST', `${API}/session`, { body: `email=${EMAIL}`, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
});

test('repeated failures for an account are slowed, then refused with 429 and Retry-After', async () => {
  const target = 'cible-du-test@test.rrma.fr';
  for (let i = 0; i < 10; i += 1) assertProblem(await signIn(target, `essai ${i} incorrect`, FAILING_CLIENT), 401);
  const last = await signIn(target, 'essai 10 incorrect', FAILING_CLIENT);
  assertProblem(last, 429);
  assert.ok(Number(last.headers.get('retry-after')) > 0);
  // The refusal holds even for a correct-looking attempt, and says nothing of the account.
  assertProblem(await signIn(target, PASSWORD, FAILING_CLIENT), 429);
  // Another account from the same address is not refused (an office shares an address).
  assert.equal((await signIn(EMAIL, PASSWORD, FAILING_CLIENT)).status, 201);
});
