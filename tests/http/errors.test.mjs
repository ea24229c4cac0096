import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, post, request, rawRequest, qs, ok, show, assertPage, assertProblem } from './client.mjs';

const ORGS = `${API}/organisations`;
const SEARCH = `${API}/organisations/search`;

// ---------- query parameters ----------

test('an unknown query parameter is refused with 400 naming the field', async () => {
  assertProblem(await get(`${ORGS}?foo=1`), 400, 'foo', { first: true });
});

test('an unknown query parameter is refused even next to valid ones', async () => {
  assertProblem(await get(`${ORGS}?q=mouans&per_page=5&foo=1`), 400, 'foo');
});

test('a misspelt parameter is refused rather than ignored (per-page instead of per_page)', async () => {
  assertProblem(await get(`${ORGS}?per-page=5`), 400, 'per-page');
});

test('a duplicated query parameter is refused with 400 naming the field', async () => {
  assertProblem(await get(`${ORGS}?q=a&q=b`), 400, 'q', { first: true });
});

test('a duplicated paging parameter is refused with 400 naming the field', async () => {
  assertProblem(await get(`${ORGS}?page=1&page=2`), 400, 'page');
});

for (const [param, value] of [
  ['per_page', '0'],
  ['per_page', '201'],
  ['per_page', '100000'],
  ['per_page', 'abc'],
  ['per_page', '-5'],
  ['per_page', '99999999999999999999999'],
  ['page', '0'],
  ['page', '-1'],
  ['page', '1.5'],
  ['page', 'abc'],
  ['page', '1e2'],
  ['page', '99999999999999999999999'],
]) {
  test(`${param}=${value || '(empty)'} is refused with 400 naming ${param}`, async () => {
    assertProblem(await get(`${ORGS}?${param}=${value}`), 400, param);
  });
}

test('the paging limits are inclusive: per_page=1 and per_page=200 are accepted', async () => {
  assertPage(ok(await get(`${ORGS}?per_page=1`)), { per_page: 1 });
  assertPage(ok(await get(`${ORGS}?per_page=200`)), { per_page: 200 });
});

for (const [param, value] of [
  ['kind', 'martien'],
  ['kind', 'COLLECTIVITE'],
  ['category', 'planete'],
  ['region', 'abc'],
  ['region', '9'],
  ['region', "93' OR '1'='1"],
  ['departement', 'XYZ'],
  ['departement', '2C'],
  ['departement', '6'],
  ['siren', '123456789'],
  ['siren', '12'],
  ['siren', '2106008470'],
  ['siren', '21060084A'],
  ['insee', 'ABCDEFG'],
  ['insee', '06084; DROP TABLE organisations'],
]) {
  test(`${param}=${value} is refused with 400 naming the field ${param}`, async () => {
    assertProblem(await get(ORGS + qs({ [param]: value })), 400, param);
  });
}

test('a SIREN failing its Luhn check is refused with 400 naming siren', async () => {
  // 210600848 differs from Mouans-Sartoux's SIREN by its check digit.
  assertProblem(await get(`${ORGS}?siren=210600848`), 400, 'siren');
});

test('q longer than 200 characters is refused with 400 naming q', async () => {
  assertProblem(await get(ORGS + qs({ q: 'a'.repeat(201) })), 400, 'q');
});

test('q of exactly 200 characters is accepted', async () => {
  assertPage(ok(await get(ORGS + qs({ q: 'a'.repeat(200) }))));
});

test('the 200-character limit of q counts characters, not bytes (200 accented letters pass)', async () => {
  assertPage(ok(await get(ORGS + qs({ q: 'é'.repeat(200) }))));
  assertProblem(await get(ORGS + qs({ q: 'é'.repeat(201) })), 400, 'q');
});

test('several invalid parameters give one 400 naming at least one of them', async () => {
  assertProblem(await get(`${ORGS}?page=0&per_page=0`), 400, ['page', 'per_page']);
});

// ---------- hostile but valid input ----------

const HOSTILE = [
  "' OR 1=1 --",
  '"; DROP TABLE organisations; --',
  '<script>alert(1)</script>',
  '\u0000',
  'mouans\u0000sartoux',
  '%00',
  '%',
  '_',
  '*',
  '\\',
  'a%_b',
  '🏛️🇫🇷',
  'mouans 😀',
  '\u202e\u200b\ufeff',
  'ﷺ'.repeat(50),
  '𝔐𝔬𝔲𝔞𝔫𝔰'.repeat(30),
  'e\u0301'.repeat(100),
  'Ελληνικά кириллица 中文 العربية עברית '.repeat(4).slice(0, 200),
  '   ',
  '-',
  "'",
  '"',
];

for (const q of HOSTILE) {
  test(`a hostile q ${JSON.stringify(q.slice(0, 30))} is answered 200 with a list, never 5xx`, async () => {
    const viaGet = await get(ORGS + qs({ q }));
    assert.ok(viaGet.status < 500, show(viaGet));
    assertPage(ok(viaGet));
    const viaPost = await post(SEARCH, { q });
    assert.ok(viaPost.status < 500, show(viaPost));
    assertPage(ok(viaPost));
  });
}

test('SQL injection in q does not widen the search', async () => {
  const page = assertPage(ok(await get(ORGS + qs({ q: "zzzqx' OR 1=1 --" }))));
  assert.equal(page.total, 0);
});

test('a raw %00 escape in the query string is never a 5xx', async () => {
  const res = await get(`${ORGS}?q=%00`);
  assert.ok(res.status < 500, show(res));
  if (res.status >= 400) assertProblem(res, res.status);
  else assertPage(ok(res));
});

test('invalid UTF-8 in the query string is a 4xx or 200, never a 5xx', async () => {
  for (const raw of ['%C3%28', '%FF%FE', '%E2%82', '%ED%A0%80']) {
    const res = await get(`${ORGS}?q=${raw}`);
    assert.ok(res.status < 500, `q=${raw}: ${show(res)}`);
    if (res.status >= 400) assertProblem(res, res.status);
  }
});

test('a malformed percent escape in the query string is a 4xx or 200, never a 5xx', async () => {
  for (const raw of ['%', '%G1', 'abc%2', '%%%']) {
    const res = await get(`${ORGS}?q=${raw}`);
    assert.ok(res.status < 500, `q=${raw}: ${show(res)}`);
    if (res.status >= 400) assertProblem(res, res.status);
  }
});

// ---------- POST /organisations/search bodies ----------

test('a malformed JSON body is refused with 400', async () => {
  const res = await post(SEARCH, undefined, { body: '{"q": "mouans",', headers: { 'Content-Type': 'application/json' } });
  assertProblem(res, 400);
});

test('a JSON body that is an array is refused with 400', async () => {
  assertProblem(await post(SEARCH, ['mouans']), 400);
});

test('a JSON body that is a string is refused with 400', async () => {
  assertProblem(await post(SEARCH, 'mouans'), 400);
});

test('a JSON body that is null or a number is refused with 400', async () => {
  assertProblem(await post(SEARCH, undefined, { body: 'null', headers: { 'Content-Type': 'application/json' } }), 400);
  assertProblem(await post(SEARCH, 42), 400);
});

test('trailing data after the JSON body is refused with 400', async () => {
  const res = await post(SEARCH, undefined, { body: '{"q":"mouans"} {"q":"x"}', headers: { 'Content-Type': 'application/json' } });
  assertProblem(res, 400);
});

test('an empty body is refused with 400', async () => {
  assertProblem(await post(SEARCH, undefined, { body: '', headers: { 'Content-Type': 'application/json' } }), 400);
});

for (const [body, field] of [
  [{ per_page: 'ten' }, 'per_page'],
  [{ per_page: 0 }, 'per_page'],
  [{ per_page: 201 }, 'per_page'],
  [{ per_page: 2.5 }, 'per_page'],
  [{ page: 0 }, 'page'],
  [{ page: '2' }, 'page'],
  [{ page: 1e30 }, 'page'],
  [{ q: 5 }, 'q'],
  [{ q: ['mouans'] }, 'q'],
  [{ q: { $ne: null } }, 'q'],
  [{ q: 'a'.repeat(201) }, 'q'],
  [{ kind: 'martien' }, 'kind'],
  [{ category: 'planete' }, 'category'],
  [{ region: 93 }, 'region'],
  [{ region: 'abc' }, 'region'],
  [{ departement: 'XYZ' }, 'departement'],
  [{ siren: '123456789' }, 'siren'],
  [{ siren: 210600847 }, 'siren'],
  [{ insee: 'ABCDEFG' }, 'insee'],
  [{ qq: 'x' }, 'qq'],
  [{ q: 'mouans', Q: 'x' }, 'Q'],
]) {
  test(`a search body ${JSON.stringify(body).slice(0, 60)} is refused with 400 naming ${field}`, async () => {
    assertProblem(await post(SEARCH, body), 400, field);
  });
}

test('a search body with a duplicated key is refused or uses one value, never a 5xx', async () => {
  const res = await post(SEARCH, undefined, { body: '{"q":"mouans","q":"valbonne"}', headers: { 'Content-Type': 'application/json' } });
  assert.ok(res.status < 500, show(res));
  if (res.status !== 200) assertProblem(res, 400, 'q');
});

test('deeply nested JSON is refused with a 4xx, never a 5xx', async () => {
  const depth = 100000;
  const body = `{"q":${'['.repeat(depth)}${']'.repeat(depth)}}`;
  const res = await post(SEARCH, undefined, { body, headers: { 'Content-Type': 'application/json' } });
  assert.ok(res.status >= 400 && res.status < 500, show(res));
  assertProblem(res, res.status);
  ok(await get(`${API}/health`));
});

test('a search body sent as text/plain is refused with 415', async () => {
  const res = await post(SEARCH, undefined, { body: '{"q":"mouans"}', headers: { 'Content-Type': 'text/plain' } });
  assertProblem(res, 415);
});

test('a search body without Content-Type is refused with 415', async () => {
  // A Uint8Array body makes fetch send no Content-Type header.
  const res = await post(SEARCH, undefined, { body: new TextEncoder().encode('{"q":"mouans"}') });
  assertProblem(res, 415);
});

test('a search body sent as a form is refused with 415', async () => {
  const res = await post(SEARCH, undefined, { body: 'q=mouans', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  assertProblem(res, 415);
});

test('a search body over 1 MiB is refused with 413 and the server stays up', async (t) => {
  const body = JSON.stringify({ q: 'a'.repeat(1024 * 1024 + 100) });
  try {
    const res = await post(SEARCH, undefined, { body, headers: { 'Content-Type': 'application/json' } });
    assertProblem(res, 413);
  } catch (e) {
    if (e instanceof assert.AssertionError) throw e;
    // The server may close the connection after answering 413 while the body is still being sent.
    t.diagnostic(`connection closed by the server while sending 1 MiB: ${e.cause?.code ?? e.message}`);
    assert.ok(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'].includes(e.cause?.code), `unexpected fetch failure: ${e.cause?.code ?? e}`);
  }
  ok(await get(`${API}/health`));
});

test('a request announcing a body over 1 MiB is refused with 413 before the body arrives', async (t) => {
  const started = Date.now();
  const res = await rawRequest(`POST ${SEARCH} HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n`
    + `Content-Length: ${50 * 1024 * 1024}\r\nConnection: close\r\n\r\n{"q":"`);
  assert.equal(res.status, 413, res.head);
  assert.match(res.head, /\r\ncontent-type:\s*application\/problem\+json/i, res.head);
  const elapsed = Date.now() - started;
  if (elapsed > 1000) t.diagnostic(`413 only came after ${elapsed} ms (server waited for the body that never came)`);
  ok(await get(`${API}/health`));
});

// ---------- routes and methods ----------

test('an unknown API route answers 404 problem+json', async () => {
  assertProblem(await get(`${API}/nope`), 404);
});

test('an unknown sub-route of a resource answers 404 problem+json', async () => {
  assertProblem(await get(`${ORGS}/1/nope`), 404);
});

test('API paths never fall back to the web UI, even outside /api/v1', async () => {
  for (const path of ['/api/nope', '/api/v2/organisations', `${API}/organisations/1/members/extra`]) {
    const res = await get(path);
    assert.ok(!/text\/html/i.test(res.headers.get('content-type') ?? ''), `${path} must not return HTML: ${show(res)}`);
    assertProblem(res, 404);
  }
});

for (const [method, path] of [
  ['DELETE', `${ORGS}/1`],
  ['POST', `${API}/health`],
  ['PUT', `${API}/networks`],
  ['PUT', `${ORGS}/1`],
  ['DELETE', `${API}/reference/countries`],
  ['POST', `${ORGS}/1/members`],
]) {
  test(`${method} ${path.replace(API, '')} answers 405 problem+json with an Allow header listing GET`, async () => {
    const res = await request(method, path, method === 'GET' ? {} : { body: '{}', headers: { 'Content-Type': 'application/json' } });
    assertProblem(res, 405);
    const allow = res.headers.get('allow') ?? '';
    assert.ok(allow.split(',').map((s) => s.trim().toUpperCase()).includes('GET'), `Allow: ${allow}`);
  });
}

test('GET on the POST-only search route answers 405 with Allow listing POST', async () => {
  const res = await get(SEARCH);
  assertProblem(res, 405);
  const allow = (res.headers.get('allow') ?? '').split(',').map((s) => s.trim().toUpperCase());
  assert.ok(allow.includes('POST'), `Allow: ${allow}`);
});

test('a UI route outside /api falls back to the web UI index.html', async () => {
  const res = await get('/organisations/123');
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/i);
  assert.match(res.text, /<html|<!doctype html/i);
});

test('the web UI is served at the root', async () => {
  const res = await get('/');
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type') ?? '', /^text\/html/i);
});

test('path traversal outside the web root is never served', async () => {
  for (const path of ['/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/assets/..%2f..%2f..%2f..%2f..%2fetc%2fpasswd', '/assets/../../../../../etc/passwd', '/..%5c..%5c..%5cetc%5cpasswd']) {
    const res = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
    assert.ok(res.status >= 200 && res.status < 500, `${path}: ${res.head}`);
    assert.doesNotMatch(res.body, /root:.*:0:0:/, `${path} leaked /etc/passwd`);
  }
});

test('the server survives a burst of bad requests and keeps answering', async () => {
  const bad = [];
  for (let i = 0; i < 50; i++) bad.push(get(`${ORGS}?per_page=x${i}`));
  const results = await Promise.all(bad);
  for (const r of results) assert.equal(r.status, 400);
  ok(await get(`${API}/health`));
});

test('a search of more than eight words is refused with 400 naming q', async () => {
  const res = await get(`${API}/organisations?q=${encodeURIComponent('un deux trois quatre cinq six sept huit neuf')}`);
  assertProblem(res, 400, 'q');
});

test('a search with invalid UTF-8 is refused with 400 naming q', async () => {
  const res = await get(`${API}/organisations?q=abc%C3`);
  assertProblem(res, 400, 'q');
});
