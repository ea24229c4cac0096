// Session expiry over HTTP. scripts/run-tests restarts the server on the database of the SQLite
// run with `--session-idle 2 --session-max 6` (seconds), so that both limits pass in a few seconds;
// the accounts of that run exist (staff@test.rrma.fr, « mot de passe des tests »).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { API, get, post, assertProblem, show } from '../http/client.mjs';

const EMAIL = 'staff@test.rrma.fr';
const PASSWORD = 'mot de passe des tests';

async function signIn() {
  const res = await post(`${API}/session`, { email: EMAIL, password: PASSWORD });
  assert.equal(res.status, 201, show(res));
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  assert.match(cookie, /^rrma_session=/);
  assert.match(res.headers.get('set-cookie'), /Max-Age=6\b/, 'the cookie lives as long as the session may');
  return { Cookie: cookie };
}

test('a session left idle longer than allowed answers 401', async () => {
  const headers = await signIn();
  assert.equal((await get(`${API}/me`, { headers })).status, 200);
  await sleep(3500);
  assertProblem(await get(`${API}/me`, { headers }), 401);
});

test('a session in constant use still ends at its absolute lifetime', async () => {
  const headers = await signIn();
  const started = Date.now();
  // One request a second keeps it from idling; it must still end after six seconds.
  while (Date.now() - started < 5000) {
    assert.equal((await get(`${API}/me`, { headers })).status, 200, 'alive before its lifetime');
    await sleep(1000);
  }
  await sleep(Math.max(0, 7500 - (Date.now() - started)));
  assertProblem(await get(`${API}/me`, { headers }), 401);
});
