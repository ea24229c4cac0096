// Accounts as administrators manage them (/api/v1/users) and the one-time links with which an
// invited user chooses a password (POST /api/v1/invitation). Uses the accounts and tokens
// scripts/run-tests creates; every test invites its own users, with unique addresses.
// Sign-ins here always use the right password: failed sign-ins are throttled per address.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, qs, ok, show, assertPage, assertProblem, findOrganisation, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const USERS = `${API}/users`;
const PASSWORD = 'un mot de passe bien choisi';
const auth = (token) => ({ Authorization: `Bearer ${token}` });
const as = (token) => ({ headers: auth(token) });
const cookieOf = (res) => (res.headers.get('set-cookie') ?? '').split(';')[0];

/** An address no other test uses. */
const newEmail = (what = 'invite') =>
  `${what}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}@test.rrma.fr`;

let TS; // network ids
let RESACOOP;
let VALBONNE; // organisation id
let ADMIN_ID; // user ids of the accounts run-tests creates
let OWN_ADMIN_ID;
let OTHER_STAFF_ID;

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  TS = networks.find((n) => n.name === 'Territoires Solidaires').id;
  RESACOOP = networks.find((n) => n.name === 'RESACOOP').id;
  VALBONNE = (await findOrganisation({ insee: '06152' })).id;
  ADMIN_ID = ok(await get(`${API}/me`, as(TOKENS.admin))).id;
  OWN_ADMIN_ID = ok(await get(`${API}/me`, as(TOKENS.ownAdmin))).id;
  OTHER_STAFF_ID = ok(await get(`${API}/me`, as(TOKENS.otherStaff))).id;
});

const invite = (token, body) => post(USERS, body, as(token));
const setActive = (token, id, active) => request('PATCH', `${USERS}/${id}`, { json: { active }, headers: auth(token) });
const grant = (token, id, body) => post(`${USERS}/${id}/roles`, body, as(token));
const revoke = (token, id, roleId) => request('DELETE', `${USERS}/${id}/roles/${roleId}`, { headers: auth(token) });
const accept = (code, password = PASSWORD) => post(`${API}/invitation`, { code, password });
const signIn = (email, password = PASSWORD) => post(`${API}/session`, { email, password });

/** Invites a new network_staff of Territoires Solidaires as admin; returns {user, invitation}. */
async function invited(token = TOKENS.admin, role = { role: 'network_staff', network_id: TS }) {
  const res = await invite(token, { email: newEmail(), ...role });
  assert.equal(res.status, 201, show(res));
  return res.body;
}

/** A user who accepted the invitation and is signed in: {user, email, cookie, csrf}. */
async function signedInUser() {
  const { user, invitation } = await invited();
  assert.equal((await accept(invitation.code)).status, 204);
  const session = await signIn(user.email);
  assert.equal(session.status, 201, show(session));
  return { user, email: user.email, cookie: cookieOf(session), csrf: session.body.csrf_token };
}

// ---------- invitation ----------

test('an admin invites a new user: 201 with an invited account and a one-time link', async () => {
  const email = newEmail();
  const res = await invite(TOKENS.admin, { email, role: 'network_staff', network_id: TS });
  assert.equal(res.status, 201, show(res));
  const { user, invitation } = res.body;
  assert.ok(Number.isInteger(user.id));
  assert.equal(user.email, email);
  assert.equal(user.status, 'invited');
  assert.match(user.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  assert.equal(user.roles.length, 1);
  assert.ok(Number.isInteger(user.roles[0].id));
  assert.equal(user.roles[0].role, 'network_staff');
  assert.deepEqual(user.roles[0].network, { id: TS, name: 'Territoires Solidaires' });
  assert.equal(user.roles[0].organisation, null);
  assert.match(invitation.code, /^[A-Za-z0-9_-]{32,}$/);
  assert.equal(invitation.url, `/invitation#${invitation.code}`);
  const expires = Date.parse(invitation.expires_at);
  assert.ok(expires > Date.now() + 3600 * 1000, `the link should last a while: ${invitation.expires_at}`);
  assert.match(res.headers.get('cache-control') ?? '', /no-store/);

  const read = ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin)));
  assert.deepEqual(read, user);
  assert.ok(!JSON.stringify(read).includes(invitation.code), 'the link is shown once only');
  const listed = assertPage(ok(await get(USERS + qs({ q: email }), as(TOKENS.admin))));
  assert.deepEqual(listed.items.map((u) => u.id), [user.id]);
});

test('accepting the invitation sets the password, activates the account and lets it sign in', async () => {
  const { user, invitation } = await invited();
  const res = await accept(invitation.code);
  assert.equal(res.status, 204, show(res));
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'active');
  const session = await signIn(user.email);
  assert.equal(session.status, 201, show(session));
  const me = ok(await get(`${API}/me`, { headers: { Cookie: cookieOf(session) } }));
  assert.equal(me.id, user.id);
  assert.equal(me.email, user.email);
  assert.deepEqual(me.roles.map((r) => [r.role, r.network?.id]), [['network_staff', TS]]);
});

test('an invited national admin accepts the invitation and signs in', async () => {
  const res = await invite(TOKENS.admin, { email: newEmail('admin'), role: 'admin' });
  assert.equal(res.status, 201, show(res));
  assert.deepEqual(res.body.user.roles.map((r) => [r.role, r.network, r.organisation]), [['admin', null, null]]);
  const accepted = await accept(res.body.invitation.code);
  assert.equal(accepted.status, 204, show(accepted));
  const session = await signIn(res.body.user.email);
  assert.equal(session.status, 201, show(session));
  assert.deepEqual(ok(await get(`${API}/me`, { headers: { Cookie: cookieOf(session) } })).roles.map((r) => r.role), ['admin']);
});

test('an invitation link works once only', async () => {
  const { user, invitation } = await invited();
  assert.equal((await accept(invitation.code)).status, 204);
  assertProblem(await accept(invitation.code, 'un autre mot de passe choisi'), 400, 'code');
  // The first password still holds.
  assert.equal((await signIn(user.email)).status, 201);
});

test('an unknown, malformed or oversize invitation code is refused with 400 naming code', async () => {
  for (const code of ['x'.repeat(43), 'pas-un-code', '', "' OR 1=1 --", 'a'.repeat(5000)]) {
    assertProblem(await accept(code), 400, 'code');
  }
});

test('a too-short password is refused and leaves the link usable', async () => {
  const { user, invitation } = await invited();
  assertProblem(await accept(invitation.code, 'court'), 400, 'password');
  assertProblem(await accept(invitation.code, ''), 400, 'password');
  assert.equal((await accept(invitation.code)).status, 204);
  assert.equal((await signIn(user.email)).status, 201);
});

test('the invitation body is read strictly', async () => {
  const { invitation } = await invited();
  assertProblem(await post(`${API}/invitation`, { password: PASSWORD }), 400, 'code');
  assertProblem(await post(`${API}/invitation`, { code: invitation.code }), 400, 'password');
  assertProblem(await post(`${API}/invitation`, { code: 5, password: PASSWORD }), 400, 'code');
  assertProblem(await post(`${API}/invitation`, { code: invitation.code, password: 123456789012 }), 400, 'password');
  assertProblem(await post(`${API}/invitation`, { code: invitation.code, password: PASSWORD, email: 'x@y.fr' }), 400, 'email');
  assertProblem(await request('POST', `${API}/invitation`, {
    body: `code=${invitation.code}&password=x`,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  }), 415);
  // None of this used the link.
  assert.equal((await accept(invitation.code)).status, 204);
});

test('a new link replaces the old one', async () => {
  const { user, invitation } = await invited();
  const res = await post(`${USERS}/${user.id}/invitation`, {}, as(TOKENS.admin));
  assert.equal(res.status, 201, show(res));
  assert.notEqual(res.body.code, invitation.code);
  assert.equal(res.body.url, `/invitation#${res.body.code}`);
  assertProblem(await accept(invitation.code), 400, 'code');
  assert.equal((await accept(res.body.code)).status, 204);
  assert.equal((await signIn(user.email)).status, 201);
});

test('a new link for an active user is a reset: its sessions end until it chooses another password', async () => {
  const who = await signedInUser();
  const reset = await post(`${USERS}/${who.user.id}/invitation`, {}, as(TOKENS.ownAdmin));
  assert.equal(reset.status, 201, show(reset));
  assertProblem(await get(`${API}/me`, { headers: { Cookie: who.cookie } }), 401);
  assert.equal((await accept(reset.body.code, 'le nouveau mot de passe')).status, 204);
  const session = await signIn(who.email, 'le nouveau mot de passe');
  assert.equal(session.status, 201, show(session));
  assert.equal(ok(await get(`${API}/me`, { headers: { Cookie: cookieOf(session) } })).id, who.user.id);
  assertProblem(await get(`${API}/me`, { headers: { Cookie: who.cookie } }), 401);
});

test('a new link needs an empty body and a user one may manage', async () => {
  const { user } = await invited();
  assertProblem(await post(`${USERS}/${user.id}/invitation`, { email: user.email }, as(TOKENS.admin)), 400, 'email');
  assertProblem(await post(`${USERS}/999999999/invitation`, {}, as(TOKENS.admin)), 404);
  assertProblem(await post(`${USERS}/${user.id}/invitation`, {}, as(TOKENS.otherAdmin)), 404);
  const byStaff = await post(`${USERS}/${user.id}/invitation`, {}, as(TOKENS.staff));
  assert.ok([403, 404].includes(byStaff.status), show(byStaff));
  assertProblem(byStaff, byStaff.status);
});

test('inviting an address that already has an account adds the role, without a new link', async () => {
  const { user } = await invited();
  const res = await invite(TOKENS.admin, { email: user.email, role: 'network_admin', network_id: TS });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.body.invitation, null);
  assert.equal(res.body.user.id, user.id);
  assert.deepEqual(res.body.user.roles.map((r) => r.role).sort(), ['network_admin', 'network_staff']);
});

test('inviting an address for a role it already holds is a conflict', async () => {
  const { user } = await invited();
  assertProblem(await invite(TOKENS.admin, { email: user.email, role: 'network_staff', network_id: TS }), 409);
  assertProblem(await invite(TOKENS.admin, { email: 'staff@test.rrma.fr', role: 'network_staff', network_id: TS }), 409);
});

test('addresses are compared without regard to case', async () => {
  const { user } = await invited();
  const res = await invite(TOKENS.admin, { email: user.email.toUpperCase(), role: 'network_staff', network_id: RESACOOP });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.body.user.id, user.id);
  assert.equal(res.body.user.email, user.email);
});

// ---------- roles ----------

test('an admin grants and revokes roles', async () => {
  const { user } = await invited();
  const granted = await grant(TOKENS.admin, user.id, { role: 'member', network_id: TS, organisation_id: VALBONNE });
  assert.equal(granted.status, 201, show(granted));
  assert.equal(granted.body.id, user.id);
  const member = granted.body.roles.find((r) => r.role === 'member');
  assert.ok(member, show(granted));
  assert.deepEqual(member.network, { id: TS, name: 'Territoires Solidaires' });
  assert.equal(member.organisation.id, VALBONNE);
  assert.equal(member.organisation.name, 'Valbonne');
  assertProblem(await grant(TOKENS.admin, user.id, { role: 'member', network_id: TS, organisation_id: VALBONNE }), 409);

  const res = await revoke(TOKENS.admin, user.id, member.id);
  assert.equal(res.status, 204, show(res));
  assert.deepEqual(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).roles.map((r) => r.role), ['network_staff']);
  assertProblem(await revoke(TOKENS.admin, user.id, member.id), 404);
  assertProblem(await revoke(TOKENS.admin, user.id, 999999999), 404);
});

test('a role of another user cannot be revoked through this user', async () => {
  const first = await invited();
  const second = await invited();
  assertProblem(await revoke(TOKENS.admin, first.user.id, second.user.roles[0].id), 404);
  assert.equal(ok(await get(`${USERS}/${second.user.id}`, as(TOKENS.admin))).roles.length, 1);
});

test('an admin grants the admin role, without a network', async () => {
  const { user } = await invited();
  const res = await grant(TOKENS.admin, user.id, { role: 'admin' });
  assert.equal(res.status, 201, show(res));
  const admin = res.body.roles.find((r) => r.role === 'admin');
  assert.equal(admin.network, null);
  assert.equal(admin.organisation, null);
});

test('a role granted to a signed-in user applies to its next request', async () => {
  const who = await signedInUser();
  assert.equal((await grant(TOKENS.admin, who.user.id, { role: 'network_staff', network_id: RESACOOP })).status, 201);
  const me = ok(await get(`${API}/me`, { headers: { Cookie: who.cookie } }));
  assert.deepEqual(me.roles.map((r) => r.network?.id).sort((a, b) => a - b), [TS, RESACOOP].sort((a, b) => a - b));
});

// ---------- deactivation ----------

test('deactivating a user ends its sessions; reactivating lets it sign in again', async () => {
  const who = await signedInUser();
  assert.equal((await get(`${API}/me`, { headers: { Cookie: who.cookie } })).status, 200);

  const off = ok(await setActive(TOKENS.admin, who.user.id, false));
  assert.equal(off.status, 'deactivated');
  assert.equal(ok(await get(`${USERS}/${who.user.id}`, as(TOKENS.admin))).status, 'deactivated');
  const me = await get(`${API}/me`, { headers: { Cookie: who.cookie } });
  assertProblem(me, 401);
  assert.match(me.headers.get('www-authenticate') ?? '', /^Bearer/);
  assertProblem(await post(`${API}/persons`, { network_id: TS, visibility: 'private', given_name: 'A', family_name: 'B' },
    { headers: { Cookie: who.cookie, 'X-CSRF-Token': who.csrf } }), 401);

  const on = ok(await setActive(TOKENS.admin, who.user.id, true));
  assert.equal(on.status, 'active');
  assertProblem(await get(`${API}/me`, { headers: { Cookie: who.cookie } }), 401);
  const again = await signIn(who.email);
  assert.equal(again.status, 201, show(again));
  assert.equal(ok(await get(`${API}/me`, { headers: { Cookie: cookieOf(again) } })).id, who.user.id);
});

test('deactivating a user kills its pending invitation link', async () => {
  const { user, invitation } = await invited();
  assert.equal(ok(await setActive(TOKENS.admin, user.id, false)).status, 'deactivated');
  assertProblem(await accept(invitation.code), 400, 'code');
  ok(await setActive(TOKENS.admin, user.id, true));
  assertProblem(await accept(invitation.code), 400, 'code');
  assert.notEqual(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'active');
});

test('deactivating twice or reactivating an active user is harmless', async () => {
  const { user } = await invited();
  assert.equal(ok(await setActive(TOKENS.admin, user.id, false)).status, 'deactivated');
  assert.equal(ok(await setActive(TOKENS.admin, user.id, false)).status, 'deactivated');
  const back = ok(await setActive(TOKENS.admin, user.id, true));
  assert.ok(['invited', 'active'].includes(back.status), `an invited user goes back to invited or active: ${back.status}`);
});

test('nobody may deactivate themselves', async () => {
  assertProblem(await setActive(TOKENS.admin, ADMIN_ID, false), 403);
  assertProblem(await setActive(TOKENS.ownAdmin, OWN_ADMIN_ID, false), 403);
  assert.equal(ok(await get(`${API}/me`, as(TOKENS.admin))).id, ADMIN_ID);
  assert.equal(ok(await get(`${API}/me`, as(TOKENS.ownAdmin))).id, OWN_ADMIN_ID);
});

test('the activation body is read strictly', async () => {
  const { user } = await invited();
  for (const [body, field] of [
    [{}, 'active'],
    [{ active: 'false' }, 'active'],
    [{ active: 0 }, 'active'],
    [{ active: null }, 'active'],
    [{ active: false, email: 'x@y.fr' }, 'email'],
    [{ active: false, status: 'deactivated' }, 'status'],
  ]) {
    assertProblem(await request('PATCH', `${USERS}/${user.id}`, { json: body, headers: auth(TOKENS.admin) }), 400, field);
  }
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'invited');
});

// ---------- who may manage whom ----------

test('a network admin invites and manages users of its own network', async () => {
  const { user, invitation } = await invited(TOKENS.ownAdmin, { role: 'network_staff', network_id: TS });
  assert.ok(invitation.code);
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.ownAdmin))).id, user.id);
  const member = await grant(TOKENS.ownAdmin, user.id, { role: 'member', network_id: TS, organisation_id: VALBONNE });
  assert.equal(member.status, 201, show(member));
  assert.equal(ok(await setActive(TOKENS.ownAdmin, user.id, false)).status, 'deactivated');
  const listed = assertPage(ok(await get(USERS + qs({ q: user.email }), as(TOKENS.ownAdmin))));
  assert.deepEqual(listed.items.map((u) => u.id), [user.id]);
});

test('a network admin cannot grant roles outside its networks, nor the admin role', async () => {
  assertProblem(await invite(TOKENS.ownAdmin, { email: newEmail(), role: 'network_staff', network_id: RESACOOP }), 403);
  assertProblem(await invite(TOKENS.ownAdmin, { email: newEmail(), role: 'admin' }), 403);
  const { user } = await invited(TOKENS.ownAdmin);
  assertProblem(await grant(TOKENS.ownAdmin, user.id, { role: 'admin' }), 403);
  assertProblem(await grant(TOKENS.ownAdmin, user.id, { role: 'network_admin', network_id: RESACOOP }), 403);
  assertProblem(await grant(TOKENS.ownAdmin, user.id, { role: 'member', network_id: RESACOOP, organisation_id: VALBONNE }), 403);
  assert.deepEqual(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).roles.map((r) => r.role), ['network_staff']);
});

test('a network admin cannot see or manage users of other networks', async () => {
  const { user } = await invited(TOKENS.admin, { role: 'network_staff', network_id: RESACOOP });
  assertProblem(await get(`${USERS}/${user.id}`, as(TOKENS.ownAdmin)), 404);
  assertProblem(await setActive(TOKENS.ownAdmin, user.id, false), 404);
  assertProblem(await grant(TOKENS.ownAdmin, user.id, { role: 'network_staff', network_id: TS }), 404);
  assertProblem(await revoke(TOKENS.ownAdmin, user.id, user.roles[0].id), 404);
  assertProblem(await get(`${USERS}/${OTHER_STAFF_ID}`, as(TOKENS.ownAdmin)), 404);
  assertProblem(await get(`${USERS}/${ADMIN_ID}`, as(TOKENS.ownAdmin)), 404);
  assert.equal((await get(USERS + qs({ q: user.email }), as(TOKENS.ownAdmin))).body.total, 0);
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'invited');
});

test('a network admin lists only users holding a role in its networks', async () => {
  const ours = await invited(TOKENS.admin, { role: 'network_staff', network_id: TS });
  const theirs = await invited(TOKENS.admin, { role: 'network_staff', network_id: RESACOOP });
  for (let page = 1; ; page += 1) {
    const body = assertPage(ok(await get(USERS + qs({ page, per_page: 200 }), as(TOKENS.ownAdmin))));
    for (const u of body.items) {
      assert.ok(u.roles.some((r) => r.network?.id === TS), `${u.email} has no role in Territoires Solidaires`);
      assert.notEqual(u.id, theirs.user.id);
    }
    if (body.items.length < body.per_page) break;
  }
  const mine = assertPage(ok(await get(USERS + qs({ q: ours.user.email }), as(TOKENS.ownAdmin))));
  assert.deepEqual(mine.items.map((u) => u.id), [ours.user.id]);
  assert.deepEqual(assertPage(ok(await get(USERS + qs({ q: ours.user.email, network: TS }), as(TOKENS.ownAdmin)))).items.map((u) => u.id), [ours.user.id]);
  assertProblem(await get(USERS + qs({ network: RESACOOP }), as(TOKENS.ownAdmin)), 403);
});

test('the admin lists every user and filters by address and network', async () => {
  const ours = await invited(TOKENS.admin, { role: 'network_staff', network_id: TS });
  const theirs = await invited(TOKENS.admin, { role: 'network_staff', network_id: RESACOOP });
  const find = async (params) => assertPage(ok(await get(USERS + qs(params), as(TOKENS.admin)))).items.map((u) => u.id);
  assert.deepEqual(await find({ q: ours.user.email }), [ours.user.id]);
  assert.deepEqual(await find({ q: theirs.user.email }), [theirs.user.id]);
  assert.deepEqual(await find({ q: ours.user.email, network: RESACOOP }), []);
  assert.deepEqual(await find({ q: theirs.user.email, network: RESACOOP }), [theirs.user.id]);
});

test('the user list pages without overlap', async () => {
  const word = `page${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const ids = [];
  for (let i = 0; i < 3; i += 1) {
    const res = await invite(TOKENS.admin, { email: `${word}-${i}@test.rrma.fr`, role: 'network_staff', network_id: TS });
    assert.equal(res.status, 201, show(res));
    ids.push(res.body.user.id);
  }
  const pages = [];
  for (let page = 1; page <= 3; page += 1) {
    pages.push(assertPage(ok(await get(USERS + qs({ q: word, per_page: 2, page }), as(TOKENS.admin))), { page, per_page: 2 }));
  }
  assert.deepEqual(pages.map((p) => [p.total, p.items.length]), [[3, 2], [3, 1], [3, 0]]);
  assert.deepEqual(pages.flatMap((p) => p.items.map((u) => u.id)).sort((a, b) => a - b), ids.sort((a, b) => a - b));
  for (const [params, field] of [[{ page: '0' }, 'page'], [{ per_page: '201' }, 'per_page'], [{ network: 'x' }, 'network'], [{ role: 'admin' }, 'role']]) {
    assertProblem(await get(USERS + qs(params), as(TOKENS.admin)), 400, field);
  }
});

test('staff, members and anonymous callers cannot manage users', async () => {
  const { user } = await invited();
  for (const token of [TOKENS.staff, TOKENS.member, TOKENS.otherStaff]) {
    assertProblem(await get(USERS, as(token)), 403);
    assertProblem(await invite(token, { email: newEmail(), role: 'network_staff', network_id: TS }), 403);
    const seen = await get(`${USERS}/${user.id}`, as(token));
    assert.ok([403, 404].includes(seen.status), show(seen));
    assertProblem(seen, seen.status);
    const changed = await setActive(token, user.id, false);
    assert.ok([403, 404].includes(changed.status), show(changed));
    assertProblem(changed, changed.status);
  }
  for (const res of [await get(USERS), await post(USERS, { email: newEmail(), role: 'admin' }), await get(`${USERS}/${user.id}`),
    await request('PATCH', `${USERS}/${user.id}`, { json: { active: false } })]) {
    assertProblem(res, 401);
    assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
  }
  assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).status, 'invited');
});

// ---------- validation ----------

const INVITE_ERRORS = [
  ['a missing address', { role: 'network_staff', network_id: 'TS' }, 'email'],
  ['an address without @', { email: 'pas-une-adresse', role: 'network_staff', network_id: 'TS' }, 'email'],
  ['an address with spaces', { email: 'un nom@test.rrma.fr', role: 'network_staff', network_id: 'TS' }, 'email'],
  ['a numeric address', { email: 5, role: 'network_staff', network_id: 'TS' }, 'email'],
  ['an oversize address', { email: `${'a'.repeat(300)}@test.rrma.fr`, role: 'network_staff', network_id: 'TS' }, 'email'],
  ['a missing role', { email: 'NEW', network_id: 'TS' }, 'role'],
  ['an unknown role', { email: 'NEW', role: 'superadmin', network_id: 'TS' }, 'role'],
  ['a role in capitals', { email: 'NEW', role: 'ADMIN' }, 'role'],
  ['the admin role with a network', { email: 'NEW', role: 'admin', network_id: 'TS' }, 'network_id'],
  ['a network role without a network', { email: 'NEW', role: 'network_staff' }, 'network_id'],
  ['a network admin without a network', { email: 'NEW', role: 'network_admin' }, 'network_id'],
  ['a member without organisation', { email: 'NEW', role: 'member', network_id: 'TS' }, 'organisation_id'],
  ['a member without network', { email: 'NEW', role: 'member', organisation_id: 'VALBONNE' }, 'network_id'],
  ['a staff role with an organisation', { email: 'NEW', role: 'network_staff', network_id: 'TS', organisation_id: 'VALBONNE' }, 'organisation_id'],
  ['an unknown network', { email: 'NEW', role: 'network_staff', network_id: 999999 }, 'network_id'],
  ['an unknown organisation', { email: 'NEW', role: 'member', network_id: 'TS', organisation_id: 999999999 }, 'organisation_id'],
  ['a network id as a string', { email: 'NEW', role: 'network_staff', network_id: '11' }, 'network_id'],
  ['an unknown field', { email: 'NEW', role: 'network_staff', network_id: 'TS', password: 'x' }, 'password'],
];

/** Replaces the placeholders of a body: NEW by a fresh address, TS and VALBONNE by their ids. */
function resolve(body) {
  const values = { NEW: newEmail(), TS, VALBONNE };
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' && v in values ? values[v] : v]));
}

for (const [what, body, field] of INVITE_ERRORS) {
  test(`inviting with ${what} is refused with 400 naming ${field}`, async () => {
    const sent = resolve(body);
    assertProblem(await invite(TOKENS.admin, sent), 400, field);
    if (typeof sent.email === 'string' && sent.email.endsWith('@test.rrma.fr')) {
      // The search is a "contains" on the address, and q is at most 200 characters.
      const found = assertPage(ok(await get(USERS + qs({ q: sent.email.slice(0, 200) }), as(TOKENS.admin))));
      assert.equal(found.total, 0, 'nobody was invited');
    }
  });
}

for (const [what, body, field] of INVITE_ERRORS.filter(([, b]) => b.email === 'NEW')) {
  test(`granting a role with ${what} is refused with 400 naming ${field}`, async () => {
    const { user } = await invited();
    const { email, ...role } = resolve(body);
    assertProblem(await grant(TOKENS.admin, user.id, role), 400, field);
    assert.equal(ok(await get(`${USERS}/${user.id}`, as(TOKENS.admin))).roles.length, 1);
  });
}

test('user routes refuse malformed ids and bodies', async () => {
  for (const id of ['abc', '1.5', '-2']) {
    const res = await get(`${USERS}/${id}`, as(TOKENS.admin));
    assert.ok([400, 404].includes(res.status), show(res));
    assertProblem(res, res.status);
  }
  assertProblem(await get(`${USERS}/999999999`, as(TOKENS.admin)), 404);
  assertProblem(await setActive(TOKENS.admin, 999999999, false), 404);
  assertProblem(await request('POST', USERS, { body: '{', headers: { ...auth(TOKENS.admin), 'Content-Type': 'application/json' } }), 400);
  assertProblem(await request('POST', USERS, { body: '[]', headers: { ...auth(TOKENS.admin), 'Content-Type': 'application/json' } }), 400);
  assertProblem(await request('POST', USERS, { body: 'email=x', headers: { ...auth(TOKENS.admin), 'Content-Type': 'application/x-www-form-urlencoded' } }), 415);
});
