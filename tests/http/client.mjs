// Shared helpers for the black-box HTTP tests of rrma.
// Usage: RRMA_URL=http://127.0.0.1:8098 node --test tests/http/
import assert from 'node:assert/strict';

const RAW_BASE = process.env.RRMA_URL;
if (!RAW_BASE) {
  // A missing server must fail loudly, never skip.
  throw new Error('RRMA_URL is not set: point it at a running rrma server, e.g. RRMA_URL=http://127.0.0.1:8098');
}
export const BASE = RAW_BASE.replace(/\/+$/, '');
export const API = '/api/v1';

/** Builds a query string from an object, keeping insertion order; arrays repeat the key. */
export function qs(params = {}) {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) sp.append(k, String(x));
    else sp.append(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

function url(path) {
  return path.startsWith('http') ? path : BASE + path;
}

/**
 * Performs a request and returns {status, headers, body, text}.
 * `body` is the parsed JSON when the response is JSON (application/json or +json), else the text.
 * opts.json: a value sent as JSON with Content-Type application/json.
 * opts.body / opts.headers: sent verbatim (for malformed bodies and content types).
 */
export async function request(method, path, opts = {}) {
  const headers = { ...(opts.headers ?? {}) };
  let body = opts.body;
  if (opts.json !== undefined) {
    body = JSON.stringify(opts.json);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['Content-Type'] = 'application/json';
    }
  }
  const res = await fetch(url(path), { method, headers, body, redirect: 'manual' });
  const text = await res.text();
  const ct = res.headers.get('content-type') ?? '';
  let parsed = text;
  if (/[/+]json\b/i.test(ct)) {
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new Error(`${method} ${path}: response declared ${ct} but is not JSON: ${text.slice(0, 300)}`);
    }
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

export const get = (path, opts) => request('GET', path, opts);
/** POSTs `json` as application/json (pass opts.body/opts.headers instead for raw bodies). */
export const post = (path, json, opts = {}) =>
  request('POST', path, json === undefined ? opts : { ...opts, json });

/** Short description of a response for assertion messages. */
export function show(res) {
  return `HTTP ${res.status} ${res.headers.get('content-type') ?? ''}: ${res.text.slice(0, 500)}`;
}

/** Asserts a 200 JSON response and returns its body. */
export function ok(res) {
  assert.equal(res.status, 200, show(res));
  assert.match(res.headers.get('content-type') ?? '', /^application\/json\b/i, show(res));
  return res.body;
}

/** Asserts the list envelope {items, total, page, per_page}. */
export function assertPage(body, { page, per_page } = {}) {
  assert.equal(typeof body, 'object', `page body must be an object: ${JSON.stringify(body)}`);
  assert.ok(Array.isArray(body.items), 'items must be an array');
  assert.ok(Number.isInteger(body.total) && body.total >= 0, `total must be a non-negative integer, got ${body.total}`);
  assert.ok(Number.isInteger(body.page) && body.page >= 1, `page must be an integer ≥ 1, got ${body.page}`);
  assert.ok(Number.isInteger(body.per_page) && body.per_page >= 1 && body.per_page <= 200,
    `per_page must be an integer in 1..200, got ${body.per_page}`);
  assert.ok(body.items.length <= body.per_page, `items (${body.items.length}) exceed per_page (${body.per_page})`);
  assert.ok(body.items.length <= body.total, `items (${body.items.length}) exceed total (${body.total})`);
  if (page !== undefined) assert.equal(body.page, page, 'page echoes the requested page');
  if (per_page !== undefined) assert.equal(body.per_page, per_page, 'per_page echoes the requested page size');
  return body;
}

/** GETs a list endpoint, asserts 200 + envelope, returns the body. */
export async function getPage(path, params, expect) {
  return assertPage(ok(await get(path + qs(params))), expect);
}

// Words that betray an English message; a French detail should contain none of them.
const ENGLISH = /\b(the|must|invalid|unknown|expected|missing|should|not found|error|parameter|field|required|allowed)\b/i;

/**
 * Asserts an RFC 9457 problem response: 4xx status, application/problem+json, type/title/status/detail,
 * detail a non-empty French sentence. With `field`, asserts errors[] names it
 * (errors[0] when opts.first is set).
 */
export function assertProblem(res, status, field, opts = {}) {
  assert.ok(res.status < 500, `bad input must never be a 5xx: ${show(res)}`);
  assert.equal(res.status, status, show(res));
  assert.match(res.headers.get('content-type') ?? '', /^application\/problem\+json\b/i, show(res));
  const p = res.body;
  assert.equal(typeof p, 'object', show(res));
  assert.equal(typeof p.type, 'string', `problem.type must be a string: ${show(res)}`);
  assert.equal(typeof p.title, 'string', `problem.title must be a string: ${show(res)}`);
  assert.ok(p.title.length > 0, `problem.title must not be empty: ${show(res)}`);
  assert.equal(p.status, status, `problem.status must equal the HTTP status: ${show(res)}`);
  assert.equal(typeof p.detail, 'string', `problem.detail must be a string: ${show(res)}`);
  assert.ok(p.detail.trim().length > 0, `problem.detail must not be empty: ${show(res)}`);
  assert.doesNotMatch(p.detail, ENGLISH, `problem.detail must be written in French: ${show(res)}`);
  if (p.errors !== undefined) {
    assert.ok(Array.isArray(p.errors), `problem.errors must be an array: ${show(res)}`);
    for (const e of p.errors) {
      assert.equal(typeof e.field, 'string', `errors[].field must be a string: ${show(res)}`);
      assert.equal(typeof e.message, 'string', `errors[].message must be a string: ${show(res)}`);
      assert.ok(e.message.length > 0, `errors[].message must not be empty: ${show(res)}`);
    }
  }
  if (field !== undefined) {
    assert.ok(Array.isArray(p.errors) && p.errors.length > 0, `validation problem must list errors: ${show(res)}`);
    const fields = Array.isArray(field) ? field : [field];
    if (opts.first) {
      assert.ok(fields.includes(p.errors[0].field), `errors[0].field should be ${fields.join(' or ')}: ${show(res)}`);
    } else {
      assert.ok(p.errors.some((e) => fields.includes(e.field)),
        `errors should name ${fields.join(' or ')}: ${show(res)}`);
    }
  }
  return p;
}

/** Lower-cases, strips accents and turns every non-alphanumeric run into a space. */
export function normalize(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** True when every word of `query` starts some word of `name` (accent/case/hyphen-insensitive). */
export function wordPrefixMatch(name, query) {
  const words = normalize(name).split(' ');
  return normalize(query).split(' ').filter(Boolean).every((q) => words.some((w) => w.startsWith(q)));
}

/** Looks up one organisation summary via the search API (first item of the query). */
export async function findOrganisation(params) {
  const page = await getPage(`${API}/organisations`, { per_page: 5, ...params });
  assert.ok(page.items.length > 0, `no organisation for ${JSON.stringify(params)}`);
  return page.items[0];
}

/**
 * Sends raw bytes over a TCP connection (for requests fetch would normalise or refuse:
 * dot segments, lying Content-Length...). Resolves with {status, head, body} once the
 * response is complete or the server closes the connection.
 */
export async function rawRequest(raw, { timeoutMs = 10000 } = {}) {
  const net = await import('node:net');
  const u = new URL(BASE);
  const text = await new Promise((resolve, reject) => {
    const sock = net.connect(Number(u.port || 80), u.hostname);
    let data = Buffer.alloc(0);
    const done = () => { sock.destroy(); resolve(data.toString('utf8')); };
    sock.setTimeout(timeoutMs, () => {
      sock.destroy();
      reject(new Error(`no complete answer within ${timeoutMs} ms; got ${JSON.stringify(data.toString('utf8').slice(0, 300))}`));
    });
    sock.on('connect', () => sock.write(raw.replaceAll('{HOST}', u.host)));
    sock.on('data', (d) => {
      data = Buffer.concat([data, d]);
      const s = data.toString('latin1');
      const end = s.indexOf('\r\n\r\n');
      if (end === -1) return;
      const m = /\r\ncontent-length:\s*(\d+)/i.exec(s.slice(0, end));
      if (m && data.length - (end + 4) >= Number(m[1])) done();
    });
    sock.on('end', done);
    sock.on('error', (e) => (data.length ? done() : reject(e)));
  });
  const end = text.indexOf('\r\n\r\n');
  const head = end === -1 ? text : text.slice(0, end);
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(head);
  return { status: m ? Number(m[1]) : 0, head, body: end === -1 ? '' : text.slice(end + 4) };
}

/**
 * API tokens of the accounts scripts/run-tests creates (password « mot de passe des tests »).
 * Reading them fails loudly when a test runs outside run-tests.
 */
export const TOKENS = {
  staff: process.env.RRMA_TEST_TOKEN, // staff@test.rrma.fr: network_staff, Territoires Solidaires
  revoked: process.env.RRMA_TEST_REVOKED_TOKEN, // staff's revoked token
  ownAdmin: process.env.RRMA_TOKEN_OWN_ADMIN, // ts-admin@test.rrma.fr: network_admin, Territoires Solidaires
  otherStaff: process.env.RRMA_TOKEN_OTHER_STAFF, // autre@test.rrma.fr: network_staff, RESACOOP
  otherAdmin: process.env.RRMA_TOKEN_OTHER_ADMIN, // autre-admin@test.rrma.fr: network_admin, RESACOOP
  admin: process.env.RRMA_TOKEN_ADMIN, // admin@test.rrma.fr: admin
  member: process.env.RRMA_TOKEN_MEMBER, // elu@test.rrma.fr: member, Territoires Solidaires, Valbonne
};
export function requireTokens() {
  for (const [name, token] of Object.entries(TOKENS)) {
    if (!token) throw new Error(`the ${name} token is missing: run the tests through scripts/run-tests`);
  }
}

/** A word no other test (nor an earlier run) uses: "m3x9k2a7q1". */
export const unique = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

const octet = () => Math.floor(Math.random() * 254) + 1;
/** A client address of its own, sent as X-Forwarded-For through the trusted proxy run-tests sets (10.0.0.0/8, at random). */
export const newAddress = () => `10.${octet()}.${octet()}.${octet()}`;

let territoiresSolidaires;
/** An invitation, made by the admin, for a new network_staff account of Territoires Solidaires: {email, code}. */
export async function inviteStaff(prefix) {
  territoiresSolidaires ??= ok(await get(`${API}/networks${qs({ per_page: 200 })}`)).items.find((n) => n.name === 'Territoires Solidaires').id;
  const email = `${prefix}-${unique()}@test.rrma.fr`;
  const res = await post(`${API}/users`, { email, role: 'network_staff', network_id: territoiresSolidaires },
    { headers: { Authorization: `Bearer ${TOKENS.admin}` } });
  if (res.status !== 201) throw new Error(`the invitation failed: ${show(res)}`);
  return { email, code: res.body.invitation.code };
}
