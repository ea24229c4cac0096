// The worker pool when it is full: a request beyond the workers and their queue is answered 503
// with Retry-After at once instead of waiting. Runs against a server started by scripts/run-tests
// with --workers 2 --queue 2, on loopback; the burst is bounded (24 requests).
// Usage: RRMA_URL=http://127.0.0.1:PORT node --test tests/http-limits/saturation.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE, probe, sleep } from './support.mjs';

test('when every worker is busy and the queue is full, requests are answered 503 with Retry-After at once', async () => {
  // Sign-ins hash with argon2id: a burst of them fills the workers and the queue of this server
  // (--workers 2 --queue 2); a cheap request beyond them must not wait.
  const attempts = Array.from({ length: 24 }, (_, i) => fetch(`${BASE}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${i + 1}` },
    body: JSON.stringify({ email: `flood${i}@example.org`, password: 'pas le bon mot de passe' }),
    signal: AbortSignal.timeout(30000),
  }).then(async (res) => ({ status: res.status, retry: res.headers.get('retry-after'), body: await res.text() })));
  await sleep(50);
  const started = performance.now();
  const busy = await fetch(`${BASE}/api/v1/health`, { signal: AbortSignal.timeout(5000) });
  const elapsed = performance.now() - started;
  const results = await Promise.all(attempts);
  const refused = [...results, { status: busy.status, retry: busy.headers.get('retry-after') }]
    .filter((r) => r.status === 503);
  assert.ok(refused.length > 0, `no 503 among ${results.map((r) => r.status)}`);
  for (const r of refused) assert.ok(Number(r.retry) >= 1, `503 without Retry-After: ${JSON.stringify(r)}`);
  if (busy.status === 503) {
    assert.ok(elapsed < 500, `the 503 took ${Math.round(elapsed)} ms`);
    assert.match(busy.headers.get('content-type') ?? '', /problem\+json/);
  }
  await sleep(2000);
  assert.ok(await probe() < 2000);
});
