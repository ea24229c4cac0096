// Attacks on sessions and credentials across the API: session fixation, cross-site request forgery,
// ended sessions, revoked tokens, and secrets leaking into responses. Uses the accounts and tokens
// scripts/run-tests creates (all with the password below); sign-ins always use the right password,
// since failed sign-ins are throttled per address for every test.
import { randomBytes } from 'node:crypto';
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, qs, ok, show, assertProblem, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const PASSWORD = 'mot de passe des tests';
const PERSONS = `${API}/persons`;
const USERS = `${API}/users`;
const auth = (token) => ({ Authorization: `Bearer ${token}` });
const as = (token) => ({ headers: auth(token) });
const cookieOf = (res) => (res.headers.get('set-cookie') ?? '').split(';')[0];
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

let TS; // network id of Territoires Solidaires

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  TS = networks.find((n) => n.name === 'Territoires Solidaires').id;
});

/** Signs in with the right password; returns {cookie, csrf}. */
async function signIn(email, opts = {}) {
  const res = await post(`${API}/session`, { email, password: PASSWORD }, opts);
  assert.equal(res.status, 201, show(res));
  return { cookie: cookieOf(res), csrf: res.body.csrf_token };
}

/** Headers of a browser request with a session, and a CSRF token unless null. */
const browser = (session, csrf = session.csrf) => (csrf === null ? { Cookie: session.cookie } : { Cookie: session.cookie, 'X-CSRF-Token': csrf });

const personBody = (family = `Sécurité ${unique()}`) => ({ network_id: TS, visibility: 'private', given_name: 'Sacha', family_name: family });

async function createPerson() {
  const res = await post(PERSONS, personBody(), as(TOKENS.staff));
  assert.equal(res.status, 201, show(res));
  return res.body;
}

async function inviteUser() {
  const res = await post(USERS, { email: `securite-${unique()}@test.rrma.fr`, role: 'network_staff', network_id: TS }, as(TOKENS.admin));
  assert.equal(res.status, 201, show(res));
  return res.body;
}

// ---------- session fixation ----------

test('a session cookie planted before sign-in is replaced, and stays refused', async () => {
  const planted = `rrma_session=${randomBytes(32).toString('base64url')}`;
  assertProblem(await get(`${API}/me`, { headers: { Cookie: planted } }), 401);
  const res = await post(`${API}/session`, { email: 'staff@test.rrma.fr', password: PASSWORD }, { headers: { Cookie: planted } });
  assert.equal(res.status, 201, show(res));
  const issued = cookieOf(res);
  assert.match(issued, /^rrma_session=[A-Za-z0-9_-]{43}$/);
  assert.notEqual(issued, planted);
  assertProblem(await get(`${API}/me`, { headers: { Cookie: planted } }), 401);
  assert.equal(ok(await get(`${API}/me`, { headers: { Cookie: issued } })).email, 'staff@test.rrma.fr');
});

test('a session of one account presented while signing in as another does not carry over', async () => {
  const staff = await signIn('staff@test.rrma.fr');
  const res = await post(`${API}/session`, { email: 'ts-admin@test.rrma.fr', password: PASSWORD }, { headers: { Cookie: staff.cookie } });
  assert.equal(res.status, 201, show(res));
  assert.notEqual(cookieOf(res), staff.cookie);
  assert.notEqual(res.body.csrf_token, staff.csrf);
  assert.equal(ok(await get(`${API}/me`, { headers: { Cookie: cookieOf(res) } })).email, 'ts-admin@test.rrma.fr');
});

// ---------- cross-site request forgery ----------

test('creating a person with a session needs the session\'s CSRF token', async () => {
  const staff = await signIn('staff@test.rrma.fr');
  const other = await signIn('ts-admin@test.rrma.fr');
  const family = `Csrf ${unique()}`;
  const swappedCase = [...staff.csrf].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
  for (const csrf of [null, '', 'x'.repeat(43), staff.csrf.slice(0, -1), `${staff.csrf}x`, swappedCase, other.csrf]) {
    const res = await post(PERSONS, personBody(family), { headers: browser(staff, csrf) });
    assertProblem(res, 403);
  }
  // The token is read from the header only, never from the body or the query string.
  assertProblem(await post(PERSONS + qs({ csrf_token: staff.csrf }), personBody(family), { headers: browser(staff, null) }), 403);
  assert.equal(ok(await get(PERSONS + qs({ q: family }), as(TOKENS.staff))).total, 0, 'nothing was created');

  const res = await post(PERSONS, personBody(family), { headers: browser(staff) });
  assert.equal(res.status, 201, show(res));
  assert.equal(ok(await get(PERSONS + qs({ q: family }), as(TOKENS.staff))).total, 1);
});

test('changing and deleting a person with a session need the CSRF token', async () => {
  const session = await signIn('ts-admin@test.rrma.fr');
  const person = await createPerson();
  for (const csrf of [null, 'x'.repeat(43)]) {
    assertProblem(await request('PATCH', `${PERSONS}/${person.id}`, { json: { notes: 'forgée' }, headers: browser(session, csrf) }), 403);
    assertProblem(await request('DELETE', `${PERSONS}/${person.id}`, { headers: browser(session, csrf) }), 403);
  }
  assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))).notes, '');
  assert.equal(ok(await request('PATCH', `${PERSONS}/${person.id}`, { json: { notes: 'voulue' }, headers: browser(session) })).notes, 'voulue');
  assert.equal((await request('DELETE', `${PERSONS}/${person.id}`, { headers: browser(session) })).status, 204);
});

test('erasing a person with a session needs the CSRF token', async () => {
  const admin = await signIn('ts-admin@test.rrma.fr');
  const person = await createPerson();
  for (const csrf of [null, 'x'.repeat(43)]) {
    assertProblem(await post(`${PERSONS}/${person.id}/erasure`, {}, { headers: browser(admin, csrf) }), 403);
  }
  const untouched = ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)));
  assert.equal(untouched.erased_at, null);
  assert.equal(untouched.family_name, person.family_name);
  const res = await post(`${PERSONS}/${person.id}/erasure`, {}, { headers: browser(admin) });
  assert.equal(ok(res).family_name, 'effacée');
});

test('deactivating a user with a session needs the CSRF token', async () => {
  const admin = await signIn('admin@test.rrma.fr');
  const { user } = await inviteUser();
  for (const csrf of [null, 'x'.repeat(43)]) {
    assertProblem(await request('PATCH', `${USERS}/${user.id}`, { json: { active: false }, headers: browser(admin, csrf) }), 403);
  }
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'invited');
  assert.equal(ok(await request('PATCH', `${USERS}/${user.id}`, { json: { active: false }, headers: browser(admin) })).status, 'deactivated');
});

test('every user-management write with a session needs the CSRF token', async () => {
  const admin = await signIn('admin@test.rrma.fr');
  const { user } = await inviteUser();
  const roleId = user.roles[0].id;
  const email = `csrf-${unique()}@test.rrma.fr`;
  const writes = [
    ['POST', USERS, { email, role: 'network_staff', network_id: TS }],
    ['POST', `${USERS}/${user.id}/roles`, { role: 'network_admin', network_id: TS }],
    ['DELETE', `${USERS}/${user.id}/roles/${roleId}`, undefined],
    ['POST', `${USERS}/${user.id}/invitation`, {}],
  ];
  for (const [method, path, json] of writes) {
    assertProblem(await request(method, path, { json, headers: browser(admin, null) }), 403);
    assertProblem(await request(method, path, { json, headers: browser(admin, 'x'.repeat(43)) }), 403);
  }
  assert.equal(ok(await get(USERS + qs({ q: email }), as(TOKENS.admin))).total, 0);
  assert.deepEqual(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).roles.map((r) => r.id), [roleId]);
  // With the token, the same writes go through.
  const results = [];
  for (const [method, path, json] of writes) results.push((await request(method, path, { json, headers: browser(admin) })).status);
  assert.deepEqual(results, [201, 201, 204, 201]);
});

test('a bearer token needs no CSRF token, and reads with a session need none either', async () => {
  const res = await post(PERSONS, personBody(), as(TOKENS.staff));
  assert.equal(res.status, 201, show(res));
  const staff = await signIn('staff@test.rrma.fr');
  assert.equal(ok(await get(`${PERSONS}/${res.body.id}`, { headers: browser(staff, null) })).id, res.body.id);
});

// ---------- ended sessions and revoked tokens ----------

test('a session ended by signing out answers 401 everywhere', async () => {
  const staff = await signIn('staff@test.rrma.fr');
  const person = await createPerson();
  assert.equal((await request('DELETE', `${API}/session`, { headers: browser(staff) })).status, 204);
  for (const res of [
    await get(`${API}/me`, { headers: browser(staff) }),
    await get(`${PERSONS}/${person.id}`, { headers: browser(staff) }),
    await get(PERSONS, { headers: browser(staff) }),
    await post(PERSONS, personBody(), { headers: browser(staff) }),
    await request('PATCH', `${PERSONS}/${person.id}`, { json: { notes: 'après la fin' }, headers: browser(staff) }),
    await request('DELETE', `${API}/session`, { headers: browser(staff) }),
  ]) {
    assertProblem(res, 401);
  }
  assert.equal(ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff))).notes, '');
});

test('a revoked token answers 401 with WWW-Authenticate on every route that needs an account', async () => {
  const person = await createPerson();
  const { user } = await inviteUser();
  const routes = [
    ['GET', `${API}/me`],
    ['PUT', `${API}/me/password`, { current_password: PASSWORD, new_password: 'un nouveau mot de passe' }],
    ['GET', PERSONS],
    ['GET', `${PERSONS}/${person.id}`],
    ['POST', PERSONS, personBody()],
    ['PATCH', `${PERSONS}/${person.id}`, { notes: 'révoqué' }],
    ['DELETE', `${PERSONS}/${person.id}`],
    ['GET', `${PERSONS}/${person.id}/export`],
    ['POST', `${PERSONS}/${person.id}/erasure`, {}],
    ['GET', USERS],
    ['GET', `${USERS}/${user.id}`],
    ['POST', USERS, { email: `revoque-${unique()}@test.rrma.fr`, role: 'network_staff', network_id: TS }],
    ['PATCH', `${USERS}/${user.id}`, { active: false }],
    ['POST', `${USERS}/${user.id}/roles`, { role: 'network_admin', network_id: TS }],
    ['DELETE', `${USERS}/${user.id}/roles/${user.roles[0].id}`],
    ['POST', `${USERS}/${user.id}/invitation`, {}],
    ['GET', `${API}/audit`],
    ['GET', `${API}/audit${qs({ record: `person:${person.id}` })}`],
  ];
  for (const [method, path, json] of routes) {
    const res = await request(method, path, { json, headers: auth(TOKENS.revoked) });
    assert.equal(res.status, 401, `${method} ${path}: ${show(res)}`);
    assertProblem(res, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/, `${method} ${path}`);
  }
  const after = ok(await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)));
  assert.equal(after.notes, '');
  assert.equal(after.erased_at, null);
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'invited');
});

test('a bad credential is refused, never read as an anonymous caller', async () => {
  const res = await get(PERSONS, { headers: { Authorization: `Bearer ${'a'.repeat(43)}` } });
  assertProblem(res, 401);
  assertProblem(await get(PERSONS, { headers: { Cookie: `rrma_session=${'a'.repeat(43)}` } }), 401);
});

// ---------- mass assignment ----------

test('fields that would raise one\'s rights are refused, not ignored', async () => {
  const person = await createPerson();
  assertProblem(await post(PERSONS, { ...personBody(), permissions: { edit: true, administer: true } }, as(TOKENS.staff)), 400, 'permissions');
  assertProblem(await request('PATCH', `${PERSONS}/${person.id}`, { json: { erased_at: null, created_at: '2000-01-01T00:00:00Z' }, headers: auth(TOKENS.staff) }), 400, ['erased_at', 'created_at']);
  const { user } = await inviteUser();
  assertProblem(await request('PATCH', `${USERS}/${user.id}`, { json: { active: true, roles: [{ role: 'admin' }] }, headers: auth(TOKENS.admin) }), 400, 'roles');
});

// ---------- secrets never leave the server ----------

// A hash, a digest, or a key naming a secret; "password" as a value (errors[].field) is fine.
const SECRET_WORDS = /argon2|password_?hash|digest|"(password|secret|token|code_hash)"\s*:|mot de passe des tests|token_hash/i;

function assertNoSecrets(res, extra = []) {
  const text = res.text;
  assert.doesNotMatch(text, SECRET_WORDS, `a secret-looking value in ${show(res)}`);
  for (const [name, token] of Object.entries(TOKENS)) {
    assert.ok(!text.includes(token), `the ${name} token appears in a response: ${show(res)}`);
  }
  for (const secret of extra) assert.ok(!text.includes(secret), `a session secret appears in a response: ${show(res)}`);
}

test('responses never include a password hash, a token digest, a token or a session secret', async () => {
  const staff = await signIn('staff@test.rrma.fr');
  const admin = await signIn('admin@test.rrma.fr');
  const sessionSecrets = [staff.cookie.split('=')[1], admin.cookie.split('=')[1]];
  const person = await createPerson();
  const { user, invitation } = await inviteUser();
  const responses = [
    await get(`${API}/me`, as(TOKENS.staff)),
    await get(`${API}/me`, as(TOKENS.admin)),
    await get(`${API}/me`, { headers: browser(staff, null) }),
    await get(USERS + qs({ per_page: 200 }), as(TOKENS.admin)),
    await get(USERS + qs({ per_page: 200 }), { headers: browser(admin, null) }),
    await get(`${USERS}/${user.id}`, as(TOKENS.admin)),
    await get(`${API}/audit${qs({ per_page: 200 })}`, as(TOKENS.admin)),
    await get(`${API}/audit${qs({ record: `user:${user.id}` })}`, as(TOKENS.admin)),
    await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)),
    await get(`${PERSONS}/${person.id}/export`, as(TOKENS.ownAdmin)),
  ];
  for (const res of responses) {
    assert.equal(res.status, 200, show(res));
    assertNoSecrets(res, sessionSecrets);
    assert.ok(!res.text.includes(invitation.code), `the invitation code is shown again: ${show(res)}`);
  }
  // /me repeats the CSRF token of the session it is read with, and only for sessions.
  assert.equal(responses[2].body.csrf_token, staff.csrf);
  assert.equal(responses[0].body.csrf_token, undefined);
});

test('problem responses carry no secret either', async () => {
  const { invitation } = await inviteUser();
  for (const res of [
    await get(`${API}/me`, as(TOKENS.revoked)),
    await post(`${API}/invitation`, { code: `${invitation.code}x`, password: PASSWORD }),
    await post(`${API}/invitation`, { code: invitation.code, password: 'court' }),
  ]) {
    assert.ok(res.status >= 400 && res.status < 500, show(res));
    assertNoSecrets(res);
    assert.ok(!res.text.includes(invitation.code), show(res));
  }
});

test('responses holding personal data or secrets are not cached', async () => {
  const person = await createPerson();
  for (const res of [
    await get(`${PERSONS}/${person.id}`, as(TOKENS.staff)),
    await get(`${PERSONS}/${person.id}/export`, as(TOKENS.ownAdmin)),
    await get(`${API}/audit${qs({ record: `person:${person.id}` })}`, as(TOKENS.ownAdmin)),
    await post(USERS, { email: `cache-${unique()}@test.rrma.fr`, role: 'network_staff', network_id: TS }, as(TOKENS.admin)),
  ]) {
    assert.ok(res.status < 300, show(res));
    assert.match(res.headers.get('cache-control') ?? '', /no-store/, show(res));
  }
});
