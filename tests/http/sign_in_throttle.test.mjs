// Throttling of anonymous credential checks (issue 7): wrong invitation codes cost no argon2id work
// and an address presenting too many is refused; failed sign-ins slow and refuse the address that
// fails, not the account's owner elsewhere, and guessing spread over many addresses brakes the
// account without refusing a correct password from an address that has not failed. Every test
// works on fresh accounts and chooses its client addresses through the trusted proxy
// (run-tests starts the server with --trusted-proxy 127.0.0.1), random for each run, so that the
// failures it makes slow down no other test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, post, show, assertProblem, requireTokens, unique, newAddress, inviteStaff } from './client.mjs';

requireTokens();

const PASSWORD = 'le mot de passe du propriétaire';
const SLOW_DELAY_MS = 1000; // SignInThrottle::kDelay
const PER_CLIENT = 4; // rrma serve --password-per-client
const PAIR_REFUSE_AFTER = 10; // SignInThrottle::kRefuseAfter
const BRAKE_AFTER_ADDRESSES = 10; // SignInThrottle::kAccountBrakeAfterAddresses
const INVITATION_REFUSE_AFTER = 50; // InvitationThrottle::kRefuseAfter

const from = (address) => ({ headers: { 'X-Forwarded-For': address } });
/** An invitation for a new account: {email, code}. */
const invite = () => inviteStaff('limite');

/** Milliseconds an async call takes, with its result. */
async function timed(call) {
  const start = performance.now();
  const result = await call();
  return { ms: performance.now() - start, result };
}

/** A new active account with PASSWORD; returns its email and how long choosing the password took (one argon2id hash). */
async function newAccount() {
  const { email, code } = await invite();
  const { ms, result } = await timed(() => post(`${API}/invitation`, { code, password: PASSWORD }));
  assert.equal(result.status, 204, show(result));
  return { email, hashMs: ms };
}

const signIn = (email, password, address) => post(`${API}/session`, { email, password }, from(address));

// ---------- invitation codes ----------

test('wrong invitation codes are answered 400 without argon2id work, then refused with 429 after the threshold', async (t) => {
  // What one argon2id hash costs here, through HTTP: the fastest of two real acceptances.
  const hashMs = Math.min((await newAccount()).hashMs, (await newAccount()).hashMs);
  const attacker = newAddress();
  const { ms: burstMs, result: answers } = await timed(async () => {
    const statuses = [];
    for (let i = 0; i < INVITATION_REFUSE_AFTER; i += 1) {
      const res = await post(`${API}/invitation`, { code: `code-invente-${i}-${unique()}`, password: 'un mot de passe assez long' }, from(attacker));
      statuses.push(res.status);
    }
    return statuses;
  });
  assert.deepEqual(answers, Array(INVITATION_REFUSE_AFTER).fill(400));
  t.diagnostic(`${INVITATION_REFUSE_AFTER} wrong codes in ${Math.round(burstMs)} ms; one argon2id hash through HTTP: ${Math.round(hashMs)} ms`);
  const budget = (INVITATION_REFUSE_AFTER * hashMs) / 5;
  assert.ok(burstMs < budget,
    `${INVITATION_REFUSE_AFTER} wrong codes took ${Math.round(burstMs)} ms; one argon2id hash takes ${Math.round(hashMs)} ms, so hashing each would take ${Math.round(INVITATION_REFUSE_AFTER * hashMs)} ms`);

  const refused = await post(`${API}/invitation`, { code: `code-invente-${unique()}`, password: 'un mot de passe assez long' }, from(attacker));
  assertProblem(refused, 429);
  assert.ok(Number(refused.headers.get('retry-after')) > 0, show(refused));
  // The refusal holds for a valid code from that address, which stays usable from another.
  const { code } = await invite();
  assertProblem(await post(`${API}/invitation`, { code, password: PASSWORD }, from(attacker)), 429);
  assert.equal((await post(`${API}/invitation`, { code, password: PASSWORD }, from(newAddress()))).status, 204);
});

test('wrong invitation codes sent all at once from one address cannot slip past the threshold', async () => {
  const attacker = newAddress();
  const answers = await Promise.all(Array.from({ length: INVITATION_REFUSE_AFTER + 30 }, (_, i) =>
    post(`${API}/invitation`, { code: `code-en-rafale-${i}-${unique()}`, password: 'un mot de passe assez long' }, from(attacker))));
  const statuses = answers.map((res) => res.status);
  assert.ok(statuses.every((status) => [400, 429].includes(status)), `${statuses}`);
  // Each code is counted before it is checked: however they interleave, at most the threshold is checked.
  assert.ok(statuses.filter((status) => status === 400).length <= INVITATION_REFUSE_AFTER, `${statuses}`);
  assert.ok(statuses.includes(429), `${statuses}`);
});

// ---------- sign-in ----------

test('failures from one address refuse that address but not the owner signing in from another', async (t) => {
  const { email } = await newAccount();
  const attacker = newAddress();
  // Four at a time (what one address may have in flight), to keep the test short: each attempt
  // is counted before its password is checked.
  const failures = [];
  for (let i = 0; i < PAIR_REFUSE_AFTER; i += PER_CLIENT) {
    const batch = Array.from({ length: Math.min(PER_CLIENT, PAIR_REFUSE_AFTER - i) }, (_, j) => signIn(email, `essai ${i + j} incorrect`, attacker));
    failures.push(...(await Promise.all(batch)));
  }
  for (const res of failures) assertProblem(res, 401);
  const refused = await signIn(email, 'encore un essai incorrect', attacker);
  assertProblem(refused, 429);
  assert.ok(Number(refused.headers.get('retry-after')) > 0, show(refused));
  assertProblem(await signIn(email, PASSWORD, attacker), 429);

  // The owner, elsewhere, signs in at once: neither refused nor slowed.
  const other = await newAccount();
  const { ms: cleanMs, result: clean } = await timed(() => signIn(other.email, PASSWORD, newAddress()));
  assert.equal(clean.status, 201, show(clean));
  const { ms, result: owner } = await timed(() => signIn(email, PASSWORD, newAddress()));
  assert.equal(owner.status, 201, show(owner));
  t.diagnostic(`the owner signed in in ${Math.round(ms)} ms, an unthrottled sign-in took ${Math.round(cleanMs)} ms`);
  assert.ok(ms < cleanMs + SLOW_DELAY_MS * 0.7, `the owner's sign-in took ${Math.round(ms)} ms, an unthrottled one ${Math.round(cleanMs)} ms`);
});

test('guessing from many addresses slows the account, refuses those addresses, and lets a correct password from a clean address in', async () => {
  const { email } = await newAccount();
  const guessers = Array.from({ length: BRAKE_AFTER_ADDRESSES }, newAddress);
  const failures = await Promise.all(guessers.map((address) => signIn(email, `essai de ${address}`, address)));
  for (const res of failures) assertProblem(res, 401);

  // An address that already failed on the account is refused, even with the right password.
  assertProblem(await signIn(email, PASSWORD, guessers[0]), 429);
  // A new address is slowed, not refused: a wrong password is checked after the delay…
  const { ms: wrongMs, result: wrong } = await timed(() => signIn(email, 'un essai de plus', newAddress()));
  assertProblem(wrong, 401);
  assert.ok(wrongMs >= SLOW_DELAY_MS * 0.95, `a guess from a new address took ${Math.round(wrongMs)} ms`);
  // …and the right password from an address that has not failed signs in.
  const { ms: ownerMs, result: owner } = await timed(() => signIn(email, PASSWORD, newAddress()));
  assert.equal(owner.status, 201, show(owner));
  assert.ok(ownerMs >= SLOW_DELAY_MS * 0.95, `the owner's sign-in under the brake took ${Math.round(ownerMs)} ms`);
});

test('while the account is guessed from many addresses, the browser that signed in to it before is neither slowed nor refused', async () => {
  const { email } = await newAccount();
  const first = await signIn(email, PASSWORD, newAddress());
  assert.equal(first.status, 201, show(first));
  const device = first.headers.getSetCookie().find((cookie) => cookie.startsWith('rrma_appareil='));
  assert.ok(device, `no device cookie among ${first.headers.getSetCookie()}`);
  assert.match(device, /; Path=\/api\/v1\/session; HttpOnly; SameSite=Strict; Max-Age=31536000/);
  const withDevice = (cookie) => ({ headers: { 'X-Forwarded-For': newAddress(), Cookie: cookie } });

  const guessers = Array.from({ length: BRAKE_AFTER_ADDRESSES }, newAddress);
  const failures = await Promise.all(guessers.map((address) => signIn(email, `essai de ${address}`, address)));
  for (const res of failures) assertProblem(res, 401);

  const { ms, result: owner } = await timed(() => post(`${API}/session`, { email, password: PASSWORD }, withDevice(device.split(';')[0])));
  assert.equal(owner.status, 201, show(owner));
  assert.ok(ms < SLOW_DELAY_MS * 0.7, `the owner's browser waited ${Math.round(ms)} ms`);
  // A made-up device cookie is no device: that attempt is slowed like any other.
  const { ms: madeUpMs, result: madeUp } = await timed(() =>
    post(`${API}/session`, { email, password: PASSWORD }, withDevice(`rrma_appareil=${'A'.repeat(43)}`)));
  assert.equal(madeUp.status, 201, show(madeUp));
  assert.ok(madeUpMs >= SLOW_DELAY_MS * 0.95, `a made-up device cookie waited ${Math.round(madeUpMs)} ms`);
});
