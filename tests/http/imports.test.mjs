// Black-box tests of uploads (/api/v1/imports/…): the JSON report names each problem by the
// file's own column, every fault of a line, and lines that repeat an earlier line apart from the
// relations already recorded. Dry runs only: nothing is written.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { API, assertProblem, get, ok, request } from './client.mjs';

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

test('a column named twice in the header refuses the file, naming the column and both places', async () => {
  const res = await upload('organisations', 'Nom;Type;nom\nAmitié;association;Autre\n');
  const problem = assertProblem(res, 400, 'fichier');
  assert.match(problem.errors[0].message, /La colonne « Nom » figure deux fois dans l'en-tête \(colonnes 1 et 3\)/);
});

test('a line with fewer or more values than the header is refused, the others read as usual', async () => {
  const report = ok(await upload('organisations',
    'nom;type;insee_commune;pays\nSans colonnes\nTrop;association;06084;Togo;Bénin\nBonne;association;06084;Togo\n'));
  assert.deepEqual(report.problems.map((p) => [p.line, p.column]), [[2, ''], [3, '']], JSON.stringify(report.problems));
  assert.match(report.problems[0].message, /^La ligne a 1 colonne alors que l'en-tête en a 4 : un séparateur manque ou est de trop/);
  assert.match(report.problems[1].message, /^La ligne a 5 colonnes alors que l'en-tête en a 4/);
  assert.equal(report.created, 1);
  const rejected = report.rejected_csv;
  assert.match(rejected, /Trop;association;06084;Togo;"?La ligne a 5 colonnes/, 'the reason sits in « erreur »');
  assert.ok(rejected.includes(';Bénin'), 'a value beyond the header is kept in the rejected lines');
});

test('unknown countries of a cell are said once, by their names, with what is accepted', async () => {
  const report = ok(await upload('organisations', 'nom;pays\nAmitié;=cmd|x\nSolidarité;Togo, Zanzibar\nBénin Santé;bj\n'));
  assert.deepEqual(report.problems.map((p) => [p.line, p.column]), [[2, 'pays'], [3, 'pays']], JSON.stringify(report.problems));
  assert.equal(report.problems[0].message,
    'Pays inconnus : « =cmd », « x ». Écrivez le nom du pays en français ou son code à deux lettres (ex. Togo ou TG).');
  assert.match(report.problems[1].message, /^Pays inconnu : « Zanzibar »\./);
  assert.equal(report.created, 1, 'a code in lower case is a country');
});

test('a date that does not exist or lies outside 1900–2100 is said as such, in the form the file wrote it', async () => {
  const report = ok(await upload('relationships', 'source;cible;type;debut;fin\n06152;06084;partenariat;01/01/2020;31/02/2021\n'
    + '06152;06084;partenariat;01/01/2300;\n06152;06084;partenariat;hier;\n'));
  assert.deepEqual(report.problems.map((p) => [p.line, p.column, p.message]), [
    [2, 'fin', 'Date inexistante : « 31/02/2021 ».'],
    [3, 'debut', 'Date hors de la période admise (1900 à 2100) : « 01/01/2300 ».'],
    [4, 'debut', 'Date illisible « hier » : AAAA-MM-JJ ou JJ/MM/AAAA.'],
  ]);
});

test('an upload into a network that does not exist is a 400 naming network, even for a network\'s staff', async () => {
  const res = await request('POST', `${API}/imports/organisations?network=987654&dry_run=true`, {
    headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'text/csv' },
    body: 'nom\nAmitié\n',
  });
  assertProblem(res, 400, 'network');
});
