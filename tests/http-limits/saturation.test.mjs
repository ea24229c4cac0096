// The worker pools when they are full: a request beyond a pool's workers and queue is answered
// 503 with Retry-After at once instead of waiting, and the routes that hash passwords (argon2id)
// have a pool of their own, so a flood of sign-ins never delays the other requests. Runs against
// a server started by scripts/run-tests with --workers 1 --queue 1 --password-workers 2
// --password-queue 2, on loopback; each burst is bounded (at most 60 requests).
// Usage: RRMA_URL=http://127.0.0.1:PORT node --test tests/http-limits/saturation.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE, probe, sleep } from './support.mjs';

async function send(path, init = {}) {
  const started = performance.now();
  const res = await fetch(`${BASE}${path}`, { ...init, signal: AbortSignal.timeout(30000) });
  const body = await res.text();
  return { status: res.status, retry: res.headers.get('retry-after'), type: res.headers.get('content-type'), body, ms: performance.now() - started };
}

function signIn(i) {
  return send('/api/v1/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${i + 1}` },
    body: JSON.stringify({ email: `flood${i}@example.org`, password: 'pas le bon mot de passe' }),
  });
}

test('a flood of sign-ins fills only their own pool: other requests are answered at once, extra sign-ins get 503 with Retry-After', async () => {
  const attempts = Array.from({ length: 24 }, (_, i) => signIn(i));
  await sleep(100);
  const during = [await probe(), await probe(), await probe()];
  const results = await Promise.all(attempts);
  assert.ok(Math.max(...during) < 500, `requests waited ${during.map(Math.round)} ms behind the sign-ins`);
  const refused = results.filter((r) => r.status === 503);
  assert.ok(refused.length > 0, `no 503 among ${results.map((r) => r.status)}`);
  for (const r of refused) {
    assert.ok(Number(r.retry) >= 1, `503 without Retry-After: ${JSON.stringify(r)}`);
    assert.match(r.type ?? '', /problem\+json/);
  }
  assert.ok(results.every((r) => [401, 429, 503].includes(r.status)), `${results.map((r) => r.status)}`);
});

test('when the general workers and their queue are full, requests are answered 503 with Retry-After at once', async () => {
  const burst = await Promise.all(Array.from({ length: 60 }, () => send('/api/v1/organisations?q=mou&per_page=100')));
  const refused = burst.filter((r) => r.status === 503);
  assert.ok(refused.length > 0, `no 503 among ${burst.map((r) => r.status)}`);
  assert.ok(burst.every((r) => [200, 503].includes(r.status)), `${burst.map((r) => r.status)}`);
  for (const r of refused) {
    assert.ok(Number(r.retry) >= 1, `503 without Retry-After: ${JSON.stringify(r)}`);
    assert.match(r.type ?? '', /problem\+json/);
    assert.match(JSON.parse(r.body).detail, /saturé/);
  }
  const fastest = Math.min(...refused.map((r) => r.ms));
  assert.ok(fastest < 1000, `the quickest 503 took ${Math.round(fastest)} ms`);
  await sleep(500);
  assert.ok(await probe() < 1000);
});

test('when the general workers are full, the web UI and unknown paths are still answered, from memory, without a worker', async () => {
  const burst = Array.from({ length: 60 }, () => send('/api/v1/organisations?q=mou&per_page=100'));
  await sleep(50);
  const page = await send('/');
  const missing = await send('/api/v1/rien-ici');
  const results = await Promise.all(burst);
  assert.ok(results.some((r) => r.status === 503), `the general pool was not full: ${results.map((r) => r.status)}`);
  assert.equal(page.status, 200, JSON.stringify(page).slice(0, 300));
  assert.match(page.type ?? '', /^text\/html/);
  assert.equal(missing.status, 404, JSON.stringify(missing).slice(0, 300));
  assert.ok(page.ms < 1000 && missing.ms < 1000, `the page took ${Math.round(page.ms)} ms, the 404 ${Math.round(missing.ms)} ms`);
});
