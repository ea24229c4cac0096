// What the HTTP layer itself answers, whatever the route: query strings as RFC 3986 allows them,
// security headers, caching of the web UI's files, no Range, no path outside the UI's folder.
// Usage: RRMA_URL=http://127.0.0.1:8098 node --test tests/http/transport.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { API, get, ok, rawRequest, request, show } from './client.mjs';

const CSP_DIRECTIVES = ["script-src 'self'", "frame-ancestors 'none'", "object-src 'none'"];

// The path of one built asset (/assets/index-HASH.js), read from index.html.
async function anAsset() {
  const index = await get('/');
  assert.equal(index.status, 200, show(index));
  const match = /(?:src|href)="(\/assets\/[^"]+\.js)"/.exec(index.text);
  assert.ok(match, `index.html names no asset: ${index.text.slice(0, 400)}`);
  return match[1];
}

test('a query string may contain unencoded ? and / (RFC 3986), on a client route and on the API', async () => {
  const page = await get('/connexion?retour=/organisations?q=mouans');
  assert.equal(page.status, 200, show(page));
  assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
  const search = ok(await get(`${API}/organisations?q=mouans/sartoux?`));
  assert.ok(Array.isArray(search.items));
  const raw = await rawRequest(`GET /connexion?retour=/organisations?q=mouans HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
  assert.equal(raw.status, 200, raw.head);
});

test('a malformed percent escape in the query is refused with 400 problem+json', async () => {
  const raw = await rawRequest(`GET ${API}/organisations?q=%zz HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
  assert.equal(raw.status, 400, raw.head);
  assert.match(raw.head, /\r\ncontent-type:\s*application\/problem\+json/i);
});

test('an HTTP/1.1 request without exactly one Host is refused with 400 naming Host (RFC 9112)', async () => {
  for (const host of ['', 'Host: {HOST}\r\nHost: autre.example\r\n']) {
    const res = await rawRequest(`GET ${API}/health HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);
    assert.equal(res.status, 400, res.head);
    assert.match(JSON.parse(res.body).detail, /Host/);
  }
  const old = await rawRequest(`GET ${API}/health HTTP/1.0\r\n\r\n`);
  assert.equal(old.status, 200, old.head);
});

test('an encoded slash in the path is refused with 400: it would forge a path segment', async () => {
  const res = await rawRequest(`GET ${API}/organisations/1%2Fmembers HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
  assert.equal(res.status, 400, res.head);
  assert.match(JSON.parse(res.body).detail, /%2F/);
});

test('more than 100 query parameters are refused with one short 400, not one error per parameter', async () => {
  const query = Array.from({ length: 1500 }, (_, i) => `x${i}=1`).join('&');
  const res = await rawRequest(`GET ${API}/organisations?${query} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
  assert.equal(res.status, 400, res.head);
  assert.ok(res.body.length < 1000, `a ${res.body.length}-byte answer`);
  assert.match(JSON.parse(res.body).detail, /100/);
  // A hundred pass this limit, and reach the route's own checks.
  const hundred = Array.from({ length: 100 }, () => 'q=mou').join('&');
  const accepted = await get(`${API}/organisations?${hundred}`);
  assert.ok([200, 400].includes(accepted.status), show(accepted));
  assert.doesNotMatch(accepted.body?.detail ?? '', /100 au plus/);
});

test('every HTML answer carries a strict Content-Security-Policy, nosniff and a same-origin referrer policy', async () => {
  for (const path of ['/', '/connexion', '/organisations/12', '/index.html']) {
    const res = await get(path);
    assert.equal(res.status, 200, `${path}: ${show(res)}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    for (const directive of CSP_DIRECTIVES) assert.ok(csp.includes(directive), `${path}: CSP lacks ${directive}: ${csp}`);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), `${path}: CSP allows inline code: ${csp}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(res.headers.get('referrer-policy'), 'same-origin', path);
  }
});

test('the built index.html has no inline script the policy would block', async () => {
  const res = await get('/');
  for (const [, attributes, content] of res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)) {
    assert.ok(/\bsrc=/.test(attributes) && content.trim() === '', `inline script in index.html: ${attributes} ${content.slice(0, 80)}`);
  }
});

test('API answers are not stored by caches, problems and personal data alike', async () => {
  for (const path of [`${API}/health`, `${API}/me`, `${API}/persons`, `${API}/nope`]) {
    const res = await get(path);
    assert.equal(res.headers.get('cache-control'), 'no-store', `${path}: ${show(res)}`);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
  }
});

test('hashed assets are cached for a year, index.html is revalidated, both with an ETag', async () => {
  const asset = await get(await anAsset());
  assert.equal(asset.status, 200, show(asset));
  assert.match(asset.headers.get('cache-control') ?? '', /max-age=31536000/);
  assert.match(asset.headers.get('content-type') ?? '', /javascript/);
  assert.match(asset.headers.get('etag') ?? '', /^"[0-9a-f]{16,}"$/);
  const index = await get('/');
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  assert.match(index.headers.get('etag') ?? '', /^"[0-9a-f]{16,}"$/);
});

test('a file whose ETag the client holds answers 304 with no body', async () => {
  const path = await anAsset();
  const first = await get(path);
  const etag = first.headers.get('etag');
  const again = await get(path, { headers: { 'If-None-Match': etag } });
  assert.equal(again.status, 304, show(again));
  assert.equal(again.text, '');
  const other = await get(path, { headers: { 'If-None-Match': '"something-else"' } });
  assert.equal(other.status, 200);
  const index = await get('/connexion', { headers: { 'If-None-Match': (await get('/')).headers.get('etag') } });
  assert.equal(index.status, 304, 'a client route answers index.html, so its ETag revalidates it');
  // A 304 says nothing of a length (RFC 9110, section 8.6).
  const raw = await rawRequest(`GET ${path} HTTP/1.1\r\nHost: {HOST}\r\nIf-None-Match: ${etag}\r\nConnection: close\r\n\r\n`);
  assert.equal(raw.status, 304, raw.head);
  assert.doesNotMatch(raw.head, /\r\ncontent-length:/i);
});

test('Range is ignored: thousands of ranges on an asset answer the whole file once', async () => {
  const path = await anAsset();
  const whole = await get(path);
  const ranges = Array.from({ length: 2700 }, () => '0-').join(',');
  const res = await get(path, { headers: { Range: `bytes=${ranges}` } });
  assert.equal(res.status, 200, show(res));
  assert.equal(res.text.length, whole.text.length);
  assert.ok(!/multipart/i.test(res.headers.get('content-type') ?? ''));
  assert.equal(res.headers.get('accept-ranges'), null);
});

test('Range is ignored on the API: a problem or a JSON answer is never partial', async () => {
  const problem = await get(`${API}/nope`, { headers: { Range: 'bytes=0-3' } });
  assert.equal(problem.status, 404, show(problem));
  assert.equal(problem.body.status, 404);
  const health = await get(`${API}/health`, { headers: { Range: 'bytes=5-1' } });
  assert.equal(health.status, 200, show(health));
  assert.equal(health.body.status, 'ok');
});

test('paths that leave the UI folder are not found, however they are encoded', async () => {
  for (const target of ['/../../etc/passwd', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd', '/..%2f..%2fetc/passwd', '/.env', '/%00index.html']) {
    const res = await rawRequest(`GET ${target} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
    assert.ok([400, 404].includes(res.status), `${target}: ${res.head}`);
    assert.ok(!res.body.includes('root:'), `${target} leaked a system file`);
  }
});

test('HEAD answers the headers of GET with no body', async () => {
  const res = await rawRequest(`HEAD ${API}/health HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
  assert.equal(res.status, 200, res.head);
  assert.match(res.head, /\r\ncontent-length:\s*[1-9]/i);
  assert.equal(res.body, '');
});

test('requests pipelined on one connection are all answered, in order', async () => {
  const one = `GET ${API}/health HTTP/1.1\r\nHost: {HOST}\r\n\r\n`;
  const last = `GET ${API}/nope HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`;
  const net = await import('node:net');
  const u = new URL(process.env.RRMA_URL);
  const text = await new Promise((resolve, reject) => {
    const socket = net.connect(Number(u.port), u.hostname, () => socket.write((one + one + last).replaceAll('{HOST}', u.host)));
    let data = '';
    socket.setTimeout(5000, () => { socket.destroy(); reject(new Error(`timed out: ${data}`)); });
    socket.on('data', (d) => { data += d.toString('utf8'); });
    socket.on('end', () => resolve(data));
    socket.on('error', reject);
  });
  const statuses = [...text.matchAll(/HTTP\/1\.1 (\d{3}) /g)].map((m) => Number(m[1]));
  assert.deepEqual(statuses, [200, 200, 404]);
});

test('an unknown method answers a problem, never a 5xx', async () => {
  for (const method of ['TRACE', 'BREW', 'PROPFIND']) {
    const res = await rawRequest(`${method} ${API}/health HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n`);
    assert.ok(res.status >= 400 && res.status < 500, `${method}: ${res.head}`);
  }
  const res = await request('OPTIONS', `${API}/health`);
  assert.ok(res.status < 500, show(res));
});

test('a request line that is not HTTP is answered 400 and closed', async () => {
  const res = await rawRequest('HELLO\r\n\r\n');
  assert.equal(res.status, 400, res.head);
  ok(await get(`${API}/health`));
});

test('a Transfer-Encoding that does not end with chunked, or that comes with a Content-Length, is refused and nothing is smuggled', async () => {
  const smuggled = `GET ${API}/networks HTTP/1.1\r\nHost: {HOST}\r\n\r\n`;
  for (const framing of ['Transfer-Encoding: xchunked', 'Transfer-Encoding: chunked , gzip', 'Transfer-Encoding: chunked, identity',
    'Transfer-Encoding: identity\r\nContent-Length: 0', 'Transfer-Encoding: chunked\r\nContent-Length: 5']) {
    const res = await rawRequest(`POST ${API}/session HTTP/1.1\r\nHost: {HOST}\r\nContent-Type: application/json\r\n${framing}\r\n\r\n${smuggled}`);
    assert.equal(res.status, 400, `${framing}: ${res.head}`);
    assert.ok(!res.body.includes('HTTP/1.1 200'), `${framing}: a second request was answered: ${res.body.slice(0, 300)}`);
  }
  // HTTP/1.0 has no Transfer-Encoding: a chunked 1.0 request is refused, not read on.
  const old = await rawRequest(`POST ${API}/session HTTP/1.0\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${smuggled}`);
  assert.equal(old.status, 400, old.head);
  assert.match(old.head, /\r\ncache-control:\s*no-store/i, 'a refusal is not stored by caches either');
  assert.ok(!old.body.includes('HTTP/1.1 200'), `a second request was answered: ${old.body.slice(0, 300)}`);
});
