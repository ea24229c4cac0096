// A flood of wrong sign-ins must not turn real users away (issue 7): argon2id verifications take
// turns in arrival order, waiting a few seconds at most, instead of answering 503 to whoever loses
// a race for the two slots; guesses on an account that already failed go after everyone else's
// sign-ins, and a slowed guess waits on its connection, not on a worker. The floods stay on the
// loopback server RRMA_URL names, bounded in connections (FLOODERS, ROTATING_FLOODERS) and in time
// (called off, their requests in flight dropped, once the real users are answered; MAX_FLOOD_MS at
// most); each flood request comes from an address of its own (through the trusted proxy run-tests
// sets up), so that no address throttle sheds it before its argon2id verification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, BASE, post, show, requireTokens, unique, newAddress, inviteStaff } from './client.mjs';

requireTokens();

const FLOODERS = 40;
const ROTATING_FLOODERS = 100; // more than the password workers (32) and their queue (64) hold
const MAX_FLOOD_MS = 30_000;
const REAL_USERS = 2;
const PASSWORD = 'le mot de passe de la vraie personne';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A new active account with PASSWORD; returns its email. */
async function newAccount() {
  const { email, code } = await inviteStaff('afflux');
  const accepted = await post(`${API}/invitation`, { code, password: PASSWORD });
  assert.equal(accepted.status, 204, show(accepted));
  return email;
}

const signIn = (email, password) => post(`${API}/session`, { email, password }, { headers: { 'X-Forwarded-For': newAddress() } });

/** A wrong sign-in of the flood; its status, or 0 once the flood is called off (in-flight requests are dropped). */
async function floodSignIn(email, signal, address = newAddress()) {
  try {
    const res = await fetch(BASE + `${API}/session`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': address },
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

/**
 * Runs `flooders` loops of wrong sign-ins on the accounts emailFor(n, i) names, each from the address
 * address() gives (a new one by default), while `during` runs (after `warmUp` ms, every slot and queue taken); then calls the
 * flood off. Returns the flood's statuses counted.
 */
async function duringFlood({ flooders, emailFor, address = newAddress, warmUp = 1500 }, during) {
  const statuses = new Map();
  const stop = new AbortController();
  const deadline = Date.now() + MAX_FLOOD_MS;
  const flooder = async (n) => {
    for (let i = 0; !stop.signal.aborted && Date.now() < deadline; i += 1) {
      const status = await floodSignIn(emailFor(n, i), stop.signal, address());
      if (status !== 0) statuses.set(status, (statuses.get(status) ?? 0) + 1);
    }
  };
  const flood = Array.from({ length: flooders }, (_, n) => flooder(n));
  try {
    await sleep(warmUp);
    await during();
  } finally {
    stop.abort();
    await Promise.all(flood);
  }
  return statuses;
}

/** Signs the real users in at once; asserts each is answered 201 within `withinMs`. */
async function realUsersSignIn(t, emails, withinMs) {
  const started = performance.now();
  const answers = await Promise.all(emails.map((email) => signIn(email, PASSWORD)));
  const waited = Math.round(performance.now() - started);
  t.diagnostic(`real users answered ${answers.map((res) => res.status).join(', ')} after ${waited} ms`);
  for (const res of answers) assert.equal(res.status, 201, `a real user waited ${waited} ms: ${show(res)}`);
  assert.ok(waited < withinMs, `real users waited ${waited} ms`);
}

test('during a flood of wrong sign-ins, real users signing in are answered 201, not 503', { timeout: 120_000 }, async (t) => {
  const emails = await Promise.all(Array.from({ length: REAL_USERS }, newAccount));
  const statuses = await duringFlood(
    { flooders: FLOODERS, emailFor: (n, i) => `inconnu-${n}-${i}-${unique()}@afflux.test` },
    () => realUsersSignIn(t, emails, MAX_FLOOD_MS),
  );
  // The verifications the flood left queued are done before this one: the next test finds the
  // server idle.
  const after = await signIn(emails[0], PASSWORD);
  assert.equal(after.status, 201, show(after));
  t.diagnostic(`flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  // The flood did reach the verifications: its wrong passwords were checked and refused.
  assert.ok((statuses.get(401) ?? 0) >= 10, `flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
});

// Guesses on one account from ever new addresses are slowed (answered a second late): the wait must
// cost no worker thread, and the guesses, doubtful, must leave the next verification to others.
test('guessing one account from a hundred rotating addresses neither fills the password workers nor delays other users', { timeout: 120_000 }, async (t) => {
  const [target, ...emails] = await Promise.all(Array.from({ length: REAL_USERS + 1 }, newAccount));
  const statuses = await duringFlood(
    { flooders: ROTATING_FLOODERS, emailFor: () => target, warmUp: 2500 },
    () => realUsersSignIn(t, emails, 5_000),
  );
  t.diagnostic(`flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  // The guesses were checked, slowly, and those beyond the doubtful queue turned away at once.
  assert.ok((statuses.get(401) ?? 0) >= 5, `flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  assert.ok((statuses.get(503) ?? 0) > 0, `flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
});

// One client address may have only a few password requests in flight: beyond them it is answered
// 429 (a second late) before queuing, so that its connections cannot fill the password workers.
test('a hundred connections signing in from one address get 429 beyond their share and delay no one else', { timeout: 120_000 }, async (t) => {
  const emails = await Promise.all(Array.from({ length: REAL_USERS }, newAccount));
  const attacker = newAddress();
  const statuses = await duringFlood(
    { flooders: ROTATING_FLOODERS, emailFor: (n, i) => `inconnu-${n}-${i}-${unique()}@afflux.test`, address: () => attacker },
    () => realUsersSignIn(t, emails, 5_000),
  );
  t.diagnostic(`flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
  // Most of the flood is turned away before the lane; what gets through is doubtful, and may
  // still find the doubtful queue full (503) when an earlier flood's guesses wait there.
  const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
  assert.ok((statuses.get(429) ?? 0) > answered / 2, `flood answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
});
