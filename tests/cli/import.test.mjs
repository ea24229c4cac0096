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
  assert.match(res.stdout, /ligne 6 : Ligne en double : même organisation que la ligne 2\./);
  assert.match(res.stdout, /4 lignes lues ; 4 problème\(s\) ; 1 en double dans le fichier ; 0 déjà enregistrée\(s\) ; 2 organisations à créer/);
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
  assert.match(again.stdout, /1 en double dans le fichier ; 2 déjà enregistrée\(s\) ; 0 organisations créée\(s\)/,
    'the same file twice creates nothing');
});

test('relationships name their ends by RNA, INSEE code, SIREN or id, in French words and dates', () => {
  const path = file('rels.csv', 'source;cible;type;rôle;début;fin\n'
    + '06095;W061234567;Siège au CA;Présidente;01/03/2020;\n'
    + '06152;W061234567;siège au ca;;2019-01-01;\n'
    + '06152;W061234567;siège au ca;;2019-01-01;\n'
    + '06084;W999999999;adhésion;;;\n');
  const res = importing('relationships', path, '--partial');
  assert.match(res.stdout, /ligne 5, cible : Aucune organisation de l'annuaire n'est « W999999999 »/);
  assert.match(res.stdout, /4 lignes lues ; 1 problème\(s\) ; 1 en double dans le fichier ; 0 déjà enregistrée\(s\) ; 2 relations créée\(s\)/);
  const again = importing('relationships', path, '--partial');
  assert.match(again.stdout, /1 en double dans le fichier ; 2 déjà enregistrée\(s\) ; 0 relations créée\(s\)/,
    'the same file twice creates nothing');
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

test('a line repeating an earlier line of the file is named as its double, not as already recorded', () => {
  const path = file('doubles.csv', 'source;cible;type;role;debut;fin\n'
    + '06029;W061234567;adhésion;;2021-01-01;\n'
    + '06030;W061234567;adhésion;;;\n'
    + '06029;W061234567;member_of;;01/01/2021;\n');
  const res = importing('relationships', path, '--dry-run');
  assert.equal(res.status, 0, res.stdout + res.stderr);
  assert.match(res.stdout, /^ligne 4 : Ligne en double : même relation que la ligne 2\.$/m);
  assert.doesNotMatch(res.stdout, /déjà enregistrée \(relation/);
  assert.match(res.stdout, /3 lignes lues ; 0 problème\(s\) ; 1 en double dans le fichier ; 0 déjà enregistrée\(s\) ; 2 relations à créer/);
});

test('every fault of a line is reported, those found while reading and those found in the directory', () => {
  const relationships = file('faults.csv', 'source;cible;type;role;debut;fin\n'
    + '06084;W000000001;amitié;;31/02/2020;\n');
  const res = importing('relationships', relationships, '--dry-run');
  assert.match(res.stdout, /ligne 2, type : Type de relation inconnu « amitié »/);
  assert.match(res.stdout, /ligne 2, cible : Aucune organisation de l'annuaire n'est « W000000001 »/);
  assert.match(res.stdout, /ligne 2, debut : Date inexistante : « 31\/02\/2020 »\./);
  assert.doesNotMatch(res.stdout, /obligatoire/, 'a value refused while reading is not also said to be missing');
  assert.match(res.stdout, /1 lignes lues ; 3 problème\(s\)/);
  const organisations = file('faults-orgs.csv', 'nom;type;siren;odd\nLes Amis;club;123456789;3\n');
  const orgs = importing('organisations', organisations, '--dry-run');
  assert.match(orgs.stdout, /ligne 2, type : Type inconnu « club »/);
  assert.match(orgs.stdout, /ligne 2, siren : SIREN invalide/);
  assert.match(orgs.stdout, /1 lignes lues ; 2 problème\(s\)/);
  const partial = importing('organisations', organisations, '--partial');
  assert.match(partial.stdout, /0 organisations créée\(s\)/, 'a line refused while reading is never written');
});

test('every problem names the column as the file names it', () => {
  const shared = file('shared.csv', 'nom;rna\nAssociation partagée;W069999999\n');
  const resacoop = rrma(['import', 'organisations', shared, '--network', 'RESACOOP', '--as', 'autre@resacoop.fr',
    '--visibility', 'public', '--db', db]);
  assert.equal(resacoop.status, 0, resacoop.stdout + resacoop.stderr);
  const organisations = file('columns-orgs.csv', 'Raison sociale;Numéro RNA;Code INSEE\n'
    + 'La même;W069999999;06084\nLoin;;99999\n');
  const orgs = importing('organisations', organisations, '--dry-run');
  assert.match(orgs.stdout, /ligne 2, Numéro RNA : Une organisation de l'annuaire porte déjà ce numéro/);
  assert.match(orgs.stdout, /ligne 3, Code INSEE : Aucune commune ne porte le code INSEE 99999/);
  const relationships = file('columns-rels.csv', 'De;Vers;Relation;Fonction;Depuis;Date de fin\n'
    + 'W000000002;06084;siège au CA;;;\n'
    + '06084;W061234567;partenariat;trésorier;2020-01-01;2019-01-01\n');
  const rels = importing('relationships', relationships, '--dry-run');
  assert.match(rels.stdout, /ligne 2, De : Aucune organisation de l'annuaire/);
  assert.match(rels.stdout, /ligne 3, Fonction : Seul un siège au CA a un rôle/);
  assert.match(rels.stdout, /ligne 3, Date de fin : La date de fin précède la date de début/);
  for (const line of rels.stdout.split('\n').concat(orgs.stdout.split('\n'))) {
    assert.doesNotMatch(line, /\b(from_id|to_id|start_date|end_date|commune_insee|rna|kind|role)\b/, line);
  }
});
