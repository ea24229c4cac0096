import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, assertProblem } from './client.mjs';

// run-tests creates, with the rrma CLI, a network_staff account of Territoires Solidaires with
// one active token and one revoked token.
const TOKEN = process.env.RRMA_TEST_TOKEN;
const REVOKED = process.env.RRMA_TEST_REVOKED_TOKEN;
if (!TOKEN || !REVOKED) {
  throw new Error('RRMA_TEST_TOKEN and RRMA_TEST_REVOKED_TOKEN must be set (scripts/run-tests sets them)');
}

const bearer = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

test('a valid token identifies its owner, with roles per network and no secret', async () => {
  const res = await get(`${API}/me`, bearer(TOKEN));
  assert.equal(res.status, 200);
  assert.equal(res.body.email, 'staff@test.rrma.fr');
  assert.deepEqual(res.body.roles.map((r) => [r.role, r.network?.name]), [['network_staff', 'Territoires Solidaires']]);
  assert.ok(!res.text.includes(TOKEN), 'the token is never echoed');
  assert.ok(!/argon2|password|digest/i.test(res.text), 'no password hash or token digest');
});

test('the bearer scheme is read case-insensitively', async () => {
  const res = await get(`${API}/me`, { headers: { Authorization: `bearer ${TOKEN}` } });
  assert.equal(res.status, 200);
});

test('without a token /me answers 401 with a WWW-Authenticate header', async () => {
  const res = await get(`${API}/me`);
  assertProblem(res, 401);
  assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer/);
});

test('a revoked token is refused with 401', async () => {
  assertProblem(await get(`${API}/me`, bearer(REVOKED)), 401);
});

test('unknown, malformed and oversize credentials are refused with 401, never 5xx', async () => {
  for (const header of [`Bearer ${TOKEN}x`, 'Bearer', 'Bearer ', `Basic ${TOKEN}`, `Bearer ${'a'.repeat(5000)}`,
    "Bearer ' OR 1=1 --", 'Bearer <script>']) {
    const res = await get(`${API}/me`, { headers: { Authorization: header } });
    assertProblem(res, 401);
  }
});

test('/me refuses query parameters it does not know', async () => {
  assertProblem(await get(`${API}/me?debug=1`, bearer(TOKEN)), 400, 'debug');
});
