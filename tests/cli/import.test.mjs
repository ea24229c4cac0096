// Black-box tests of `rrma import organisations|relationships` on a fresh SQLite database: a
// network's spreadsheet as it comes from Excel (BOM, « ; », accents, a blank line, a duplicate, a
// broken row), checked whole, written all or nothing, or partly with the rejected lines returned.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.RRMA_BIN;
if (!BIN) throw new Error('RRMA_BIN must name the rrma binary (scripts/run-tests sets it)');

let dir;
let db;
const rrma = (args, input = '') =>
  spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...process.env, SPDLOG_LEVEL: 'warn' } });
const importing = (what, file, ...flags) =>
  rrma(['import', what, file, '--network', 'Territoires Solidaires', '--as', 'chargee@ts.fr', '--db', db, ...flags]);
const file = (name, text) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rrma-import-'));
  db = `sqlite:${join(dir, 'import.db')}`;
  assert.equal(rrma(['import-reference', '--db', db]).status, 0);
  const staff = rrma(['user', 'add', '--db', db, '--email', 'chargee@ts.fr', '--role', 'network_staff', '--network',
    'Territoires Solidaires'], 'un mot de passe solide\n');
  assert.equal(staff.status, 0, staff.stderr);
  const other = rrma(['user', 'add', '--db', db, '--email', 'autre@resacoop.fr', '--role', 'network_staff', '--network',
    'RESACOOP'], 'un mot de passe solide\n');
  assert.equal(other.status, 0, other.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const ORGANISATIONS = '\uFEFFNom;Type;RNA;SIREN;Insee_commune;Pays;Thématiques;Site web;Description\r\n'
  + 'Méditerranée Afrique Solidarité;Association;W061234567;;06084;Togo, Bénin;santé | éducation;https://mas.example;\r\n'
  + '\r\n'
  + 'Cités Unies Mouans;association;;;06084;Sénégal;culture;;"Jumelage ; échanges\r\nscolaires"\r\n'
  + 'Méditerranée Afrique Solidarité;Association;W061234567;;06084;Togo;;;\r\n'
  + 'Cassée;association;W12;123456789;99999;Atlantide;;ftp://x;\r\n';

test('a dry run names every bad line, its column and a French reason, and writes nothing', () => {
  const res = importing('organisations', file('dry.csv', ORGANISATIONS), '--dry-run');
  assert.equal(res.status, 2, res.stderr);
  for (const expected of [/ligne 7, RNA : Numéro RNA invalide/, /ligne 7, SIREN : SIREN invalide/,
    /ligne 7, Site web : Adresse de site invalide/, /ligne 7, Pays :/, /Vérification seule : rien n'a été écrit/]) {
    assert.match(res.stdout, expected);
  }
  assert.match(res.stdout, /4 lignes lues ; 4 problème\(s\) ; 1 déjà enregistrée\(s\) ; 2 organisations à créer/);
});

test('without --partial a file with one bad line writes nothing; with it the valid lines are written and the bad one returned', () => {
  const path = file('orgs.csv', ORGANISATIONS);
  const refused = importing('organisations', path);
  assert.equal(refused.status, 2);
  assert.match(refused.stdout, /Rien n'a été écrit/);
  const partial = importing('organisations', path, '--partial');
  assert.equal(partial.status, 0, partial.stdout + partial.stderr);
  assert.match(partial.stdout, /2 organisations créée\(s\)/);
  const rejects = readFileSync(`${path}.rejets.csv`, 'utf8');
  assert.ok(rejects.startsWith('\uFEFFNom;Type;'), rejects);
  assert.match(rejects, /^Cassée;association;W12;/m);
  assert.doesNotMatch(rejects, /Méditerranée/);
  const again = importing('organisations', path, '--partial');
  assert.match(again.stdout, /3 déjà enregistrée\(s\) ; 0 organisations créée\(s\)/, 'the same file twice creates nothing');
});

test('relationships name their ends by RNA, INSEE code, SIREN or id, in French words and dates', () => {
  const path = file('rels.csv', 'source;cible;type;rôle;début;fin\n'
    + '06095;W061234567;Siège au CA;Présidente;01/03/2020;\n'
    + '06152;W061234567;siège au ca;;2019-01-01;\n'
    + '06152;W061234567;siège au ca;;2019-01-01;\n'
    + '06084;W999999999;adhésion;;;\n');
  const res = importing('relationships', path, '--partial');
  assert.match(res.stdout, /ligne 5, cible : Aucune organisation de l'annuaire n'est « W999999999 »/);
  assert.match(res.stdout, /4 lignes lues ; 1 problème\(s\) ; 1 déjà enregistrée\(s\) ; 2 relations créée\(s\)/);
});

test('a file that is not UTF-8, lacks a column or names another network is refused whole', () => {
  const latin1 = file('latin1.csv', Buffer.from('nom;type\nCit\xe9s;association\n', 'latin1'));
  assert.match(importing('organisations', latin1).stderr, /n'est pas en UTF-8 \(ligne 2\)/);
  const noName = file('noname.csv', 'type;rna\nassociation;W061234567\n');
  assert.match(importing('organisations', noName).stderr, /Colonne obligatoire absente : « nom »/);
  const other = rrma(['import', 'organisations', noName, '--network', 'Territoires Solidaires', '--as',
    'autre@resacoop.fr', '--db', db]);
  assert.match(other.stderr, /n'agit pas pour « Territoires Solidaires »/);
  assert.equal(existsSync(`${noName}.rejets.csv`), false);
});
