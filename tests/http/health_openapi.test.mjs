import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, ok, show } from './client.mjs';

test('health answers 200 with status ok, a version string and the storage engine', async () => {
  const res = await get(`${API}/health`);
  const body = ok(res);
  assert.equal(body.status, 'ok');
  assert.equal(typeof body.version, 'string');
  assert.ok(body.version.length > 0, 'version must not be empty');
  assert.ok(['sqlite', 'postgresql'].includes(body.storage), `storage is sqlite or postgresql, got ${body.storage}`);
});

test('health reports the storage engine the server was started with (RRMA_EXPECT_STORAGE)', async (t) => {
  const expected = process.env.RRMA_EXPECT_STORAGE;
  const body = ok(await get(`${API}/health`));
  if (!expected) {
    t.diagnostic('RRMA_EXPECT_STORAGE not set: only the enum is checked');
    assert.ok(['sqlite', 'postgresql'].includes(body.storage));
    return;
  }
  assert.equal(body.storage, expected);
});

test('the OpenAPI document is served as JSON and declares OpenAPI 3.1', async () => {
  const doc = ok(await get(`${API}/openapi.json`));
  assert.equal(typeof doc.openapi, 'string');
  assert.ok(doc.openapi.startsWith('3.1'), `openapi should start with 3.1, got ${doc.openapi}`);
  assert.equal(typeof doc.info, 'object');
  assert.equal(typeof doc.paths, 'object');
});

test('the OpenAPI document lists every implemented route', async () => {
  const doc = ok(await get(`${API}/openapi.json`));
  const expected = {
    '/health': ['get'],
    '/organisations': ['get'],
    '/organisations/search': ['post'],
    '/organisations/{id}': ['get'],
    '/organisations/{id}/members': ['get'],
    '/networks': ['get'],
    '/reference/countries': ['get'],
    '/reference/odd': ['get'],
  };
  for (const [path, methods] of Object.entries(expected)) {
    assert.ok(path in doc.paths, `OpenAPI paths must contain ${path}; has ${Object.keys(doc.paths).join(', ')}`);
    for (const m of methods) {
      assert.equal(typeof doc.paths[path][m], 'object', `OpenAPI must document ${m.toUpperCase()} ${path}`);
      assert.equal(typeof doc.paths[path][m].responses, 'object', `${m.toUpperCase()} ${path} must document its responses`);
    }
  }
});

test('every documented GET route without path parameters answers 200 anonymously, 401 when it requires credentials, 400 when it requires a parameter', async () => {
  const doc = ok(await get(`${API}/openapi.json`));
  const base = (doc.servers?.[0]?.url ?? API).replace(/\/+$/, '');
  const resolve = (p) => (p.$ref ? doc.components.parameters[p.$ref.split('/').pop()] : p);
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get || path.includes('{')) continue;
    const res = await get(base + path);
    // An empty requirement ({}) in the list means the route also serves anonymous callers.
    const required = ops.get.security?.length > 0 && !ops.get.security.some((r) => Object.keys(r).length === 0);
    const needsParameter = (ops.get.parameters ?? []).map(resolve).some((p) => p.in === 'query' && p.required);
    const expected = required ? 401 : needsParameter ? 400 : 200;
    assert.equal(res.status, expected, `documented GET ${path}: ${show(res)}`);
  }
});

test('every $ref in the OpenAPI document resolves inside the document', async () => {
  const doc = ok(await get(`${API}/openapi.json`));
  const refs = [];
  (function walk(v) {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$ref' && typeof x === 'string') refs.push(x);
        else walk(x);
      }
    }
  })(doc);
  assert.ok(refs.length > 0);
  for (const ref of refs) {
    assert.ok(ref.startsWith('#/'), `only local refs expected: ${ref}`);
    let node = doc;
    for (const part of ref.slice(2).split('/')) {
      node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    }
    assert.ok(node !== undefined, `unresolved $ref ${ref}`);
  }
});
