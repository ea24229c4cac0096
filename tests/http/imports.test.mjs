// Black-box tests of uploads (/api/v1/imports/…): the JSON report names each problem by the
// file's own column, every fault of a line, and lines that repeat an earlier line apart from the
// relations already recorded. Dry runs only: nothing is written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, get, ok, request } from './client.mjs';

const TOKEN = process.env.RRMA_TEST_TOKEN;
if (!TOKEN) throw new Error('RRMA_TEST_TOKEN is missing: run through scripts/run-tests');

let network;
const upload = (kind, csv) => request('POST', `${API}/imports/${kind}?network=${network}&dry_run=true`, {
  headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/csv' },
  body: csv,
});

before(async () => {
  const me = ok(await get(`${API}/me`, { headers: { Authorization: `Bearer ${TOKEN}` } }));
  network = me.roles[0].network.id;
});

test('an upload reports a repeated line as the double of its first line, not as already recorded', async () => {
  const report = ok(await upload('relationships', 'De;Vers;Relation\n06152;06084;partenariat\n'
    + '06029;06084;partenariat\n06152;06084;partnership\n'));
  assert.equal(report.existing, 0);
  assert.equal(report.created, 2);
  assert.deepEqual(report.repeated, [{ line: 4, message: 'Ligne en double : même relation que la ligne 2.' }]);
  assert.deepEqual(report.problems, []);
});

test('an upload names every fault of a line by the column as the file names it', async () => {
  const report = ok(await upload('relationships', 'De;Vers;Relation;Depuis\nW000000009;06084;amitié;31/02/2020\n'));
  const columns = report.problems.map((p) => p.column).sort();
  assert.deepEqual(columns, ['De', 'Depuis', 'Relation'], JSON.stringify(report.problems));
  assert.ok(report.problems.every((p) => p.line === 2));
  assert.equal(report.written, false);
});
