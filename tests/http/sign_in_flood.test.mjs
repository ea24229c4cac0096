// A flood of wrong sign-ins must not turn real users away (issue 7): argon2id verifications take
// turns in arrival order, waiting a few seconds at most, instead of answering 503 to whoever loses
// a race for the two slots. The flood stays on the loopback server RRMA_URL names, bounded in
// connections (FLOODERS) and in time (it is called off, its requests in flight dropped, once the
// real users are answered; MAX_FLOOD_MS at most); each flood request names an unknown account from an address of its own (through the
// trusted proxy run-tests sets up), so that no throttle sheds it before its argon2id verification.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, BASE, get, post, qs, ok, show, TOKENS, requireTokens } from './client.mjs';

requireTokens();

const FLOODERS = 40;
const MAX_FLOOD_MS = 30_000;
const REAL_USERS = 2;
const PASSWORD = 'le mot de passe de la vraie personne';

let TS;
const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const octet = () => Math.floor(Math.random() * 254) + 1;
const newAddress = () => `10.${octet()}.${octet()}.${octet()}`;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  const networks = ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items;
  TS = networks.find((n) => n.name === 'Territoires Solidaires').id;
});

/** A new active account with PASSWORD; returns its email. */
async function newAccount() {
  const email = `afflux-${unique()}@test.rrma.fr`;
  const invited = await post(`${API}/users`, { email, role: 'network_staff', network_id: TS }, { headers: { Authorization: `Bearer ${TOKENS.admin}` } });
  assert.equal(invited.status, 201, show(invited));
  const accepted = await post(`${API}/invitation`, { code: invited.body.invitation.code, password: PASSWORD });
  assert.equal(accepted.status, 204, show(accepted));
  return email;
}

const signIn = (email, password) => post(`${API}/session`, { email, password }, { headers: { 'X-Forwarded-For': newAddress() } });

/** A wrong sign-in of the flood; its status, or 0 once the flood is called off (in-flight requests are dropped). */
async function floodSignIn(email, signal) {
  try {
    const res = await fetch(BASE + `${API}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': newAddress() },
      body: JSON.stringify({ email, password: 'pas le bon mot de passe' }),
      signal,
    });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    if (signal.aborted) return 0;
    throw error;
  }
}

test('during a flood of wrong sign-ins, real users signing in are answered 201, not 503', { timeout: 120_000 }, async (t) => {
  const emails = await Promise.all(Array.from({ length: REAL_USERS }, newAccount));
  const statuses = new Map();
  const stop = new AbortController();
  const deadline = Date.now() + MAX_FLOOD_MS;
  const flooder = async (n) => {
    for (let i = 0; !stop.signal.aborted && Date.now() < deadline; i += 1) {
      const status = await floodSignIn(`inconnu-${n}-${i}-${unique()}@afflux.test`, stop.signal);
      if (status !== 0) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const flood = Array.from({ length: FLOODERS }, (_, n) => flooder(n));
  try {
    await sleep(1500); // every verification slot busy and the queue full before the real users come
    const started = performance.now();
    const answers = await Promise.all(emails.map((email) => signIn(email, PASSWORD)));
    const waited = Math.round(performance.now() - started);
    t.diagnostic(`real users answered ${answers.map((res) => res.status).join(', ')} after ${waited} ms`);
    for (const res of answers) assert.equal(res.status, 201, `a real user waited ${waited} ms: ${show(res)}`);
  } finally {
    stop.abort();
    await Promise.all(flood);
  }
  // The verifications the flood left queued are done before this one: the next test finds the
  // server idle.
  const after = await signIn(emails[0], PASSWORD);
  assert.equal(after.status, 201, show(after));
  t.diagnostic(`flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  // The flood did reach the verifications: its wrong passwords were checked and refused.
  assert.ok((statuses.get(401) ?? 0) >= 10, `flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
});
