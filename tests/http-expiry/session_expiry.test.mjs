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
  // A request every 0.7 s keeps it from ever idling 2 s (times are whole seconds on the server).
  // It lives 6 s: alive for the first 5 s, ended once more than 7 s have passed (a created time
  // rounded down adds up to one second), and never by idling, since no gap reaches a second.
  let ended = null;
  while (Date.now() - started < 9000) {
    const elapsed = Date.now() - started;
    const res = await get(`${API}/me`, { headers });
    if (elapsed < 5000) assert.equal(res.status, 200, `alive ${elapsed} ms after sign-in: ${show(res)}`);
    if (res.status === 401) {
      ended = elapsed;
      break;
    }
    assert.equal(res.status, 200, show(res));
    await sleep(700);
  }
  assert.ok(ended !== null && ended >= 5000 && ended <= 8500, `ended after ${ended} ms of constant use`);
});
