// Black-box tests of `rrma user` and `rrma token` on a fresh SQLite database: what a national
// admin types to create the first accounts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const BIN = process.env.RRMA_BIN;
if (!BIN) throw new Error('RRMA_BIN must name the rrma binary (scripts/run-tests sets it)');

let dir;
let db;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rrma-cli-'));
  db = `sqlite:${join(dir, 'cli.db')}`;
  const imported = rrma(['import-reference', '--db', db]);
  assert.equal(imported.status, 0, imported.stderr);
});
after(() => rmSync(dir, { recursive: true, force: true }));

function rrma(args, input = '') {
  return spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...process.env, SPDLOG_LEVEL: 'warn' } });
}

test('user add creates an account from a password read on standard input', () => {
  const res = rrma(['user', 'add', '--db', db, '--email', 'Admin@CIRRMA.fr', '--role', 'admin'], 'un mot de passe solide\n');
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /Compte créé : admin@cirrma\.fr \(admin\)/);
  assert.ok(!res.stdout.includes('un mot de passe solide') && !res.stderr.includes('un mot de passe solide'));
});

test('user add gives a network role within a named network', () => {
  const res = rrma(['user', 'add', '--db', db, '--email', 'chargee@ts.fr', '--role', 'network_staff', '--network',
    'Territoires Solidaires'], 'encore un mot de passe\n');
  assert.equal(res.status, 0, res.stderr);
  assert.match(res.stdout, /network_staff, Territoires Solidaires/);
});

test('user add refuses a taken email, a short password, a bad email, an unknown role, network or collectivité', () => {
  const cases = [
    [['--email', 'admin@cirrma.fr', '--role', 'admin'], 'un mot de passe solide\n', /existe déjà/],
    [['--email', 'court@cirrma.fr', '--role', 'admin'], 'court\n', /au moins 12 caractères/],
    [['--email', 'pas-une-adresse', '--role', 'admin'], 'un mot de passe solide\n', /Adresse électronique invalide/],
    [['--email', 'x@cirrma.fr', '--role', 'superuser'], 'un mot de passe solide\n', /role/],
    [['--email', 'x@cirrma.fr', '--role', 'network_staff', '--network', 'Réseau imaginaire'], 'un mot de passe solide\n',
      /Aucun réseau/],
    [['--email', 'x@cirrma.fr', '--role', 'network_staff'], 'un mot de passe solide\n', /précisez lequel/],
    [['--email', 'x@cirrma.fr', '--role', 'admin', '--network', 'Territoires Solidaires'], 'un mot de passe solide\n',
      /tous les réseaux/],
    [['--email', 'x@cirrma.fr', '--role', 'member', '--network', 'Territoires Solidaires'], 'un mot de passe solide\n',
      /précisez laquelle/],
    [['--email', 'x@cirrma.fr', '--role', 'member', '--network', 'Territoires Solidaires', '--organisation', '999999999'],
      'un mot de passe solide\n', /Aucune collectivité/],
    [['--email', 'x@cirrma.fr', '--role', 'network_staff', '--network', 'Territoires Solidaires', '--organisation', '1'],
      'un mot de passe solide\n', /Seul le rôle member/],
  ];
  for (const [args, input, message] of cases) {
    const res = rrma(['user', 'add', '--db', db, ...args], input);
    assert.notEqual(res.status, 0, args.join(' '));
    assert.match(res.stderr, message, args.join(' '));
  }
});

test('token create prints a new token once, and revoke refuses it afterwards', () => {
  const created = rrma(['token', 'create', '--db', db, '--email', 'chargee@ts.fr', '--name', 'script']);
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stdout.trim(), /^rrma_[A-Za-z0-9_-]{43}$/);
  assert.match(created.stderr, /ne sera plus jamais affiché/);
  const again = rrma(['token', 'create', '--db', db, '--email', 'chargee@ts.fr', '--name', 'script']);
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /déjà/);
  const revoked = rrma(['token', 'revoke', '--db', db, '--email', 'chargee@ts.fr', '--name', 'script']);
  assert.equal(revoked.status, 0, revoked.stderr);
  const twice = rrma(['token', 'revoke', '--db', db, '--email', 'chargee@ts.fr', '--name', 'script']);
  assert.notEqual(twice.status, 0);
  assert.match(twice.stderr, /Aucun jeton actif/);
});

test('token create for an unknown account fails with a French message', () => {
  const res = rrma(['token', 'create', '--db', db, '--email', 'inconnu@cirrma.fr']);
  assert.notEqual(res.status, 0);
  assert.match(res.stderr, /Aucun compte/);
});
