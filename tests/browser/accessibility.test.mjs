// Accessibility of every page of the web UI (the routes of web/src/router.ts), each seen by the
// kind of user it is meant for — anonymous visitor, member of a collectivité, network team,
// network admin, national admin — and in the states that add content (a search with results, a
// fiche, a form showing its errors, an edit form, a confirmation), a few on a phone's screen too
// (375 px, where the header and the tables change layout). axe-core checks each page, its
// experimental rules included: any serious or critical violation fails the test and is listed.
// No page may break the server's Content-Security-Policy (support.mjs's newPage records what the
// browser refused). Uses the accounts scripts/run-tests creates (password « mot de passe des
// tests »): elu@ (member, Valbonne), staff@ and ts-admin@ (Territoires Solidaires), admin@.
// Screenshots (a11y-*.png) go to $RRMA_SCREENSHOTS, or var/screenshots by default.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BASE_URL,
  DESKTOP,
  MOBILE,
  api,
  expectNoSeriousAxeViolations,
  launchBrowser,
  newPage as openPage,
  screenshot,
  signIn,
  unique,
} from './support.mjs';

const NETWORK = 'Territoires Solidaires';

let browser;
const pageErrors = [];
/** What the pages show, made in `before` by the network admin: ids filled in there. */
const fixture = { valbonne: 0, person: 0, erased: 0, user: 0, family: '', actor: 0, actorName: '', event: 0, eventTitle: '' };

/** A small file to import, with a line the server rejects (an unknown type). */
const IMPORT_CSV = '\uFEFFnom;type;insee_commune\r\nAssociation à vérifier;Association;06152\r\nLigne cassée;Zèbre;06152\r\n';

/** Chooses IMPORT_CSV on « Importer » and checks it: the mapping, the report and its table. */
async function checkImportFile(p) {
  await p.getByLabel('Fichier CSV').setInputFiles({ name: 'acteurs.csv', mimeType: 'text/csv', buffer: Buffer.from(IMPORT_CSV, 'utf8') });
  await p.getByRole('group', { name: 'Correspondance des colonnes' }).waitFor();
  await p.getByRole('button', { name: 'Vérifier', exact: true }).click();
  await p.getByRole('table', { name: 'Lignes rejetées' }).waitFor();
}

/** Opens every « Voir les chiffres » of the dashboard once its map is drawn: the tables are checked too. */
async function openFigureTables(p) {
  await p.locator('main .map-drawing').waitFor();
  for (const summary of await p.locator('main details summary').all()) await summary.click();
}

async function expectApi(p, method, path, body, status) {
  const answer = await api(p, method, path, body);
  assert.equal(answer.status, status, `${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/**
 * The pages of each kind of user: `path` (a function of the fixture when it needs an id), the
 * level-1 heading that says the page is shown, text to `wait` for (data loaded after the
 * heading), `act`, what to do on it before the check, and its `viewport` (DESKTOP by default).
 */
const ANONYMOUS = [
  { name: 'accueil', path: '/', heading: 'La plateforme des réseaux régionaux multi-acteurs' },
  { name: 'annuaire', path: '/organisations', heading: 'Annuaire' },
  { name: 'annuaire-recherche', path: '/organisations?q=valbonne', heading: 'Annuaire', wait: 'Valbonne' },
  { name: 'fiche-organisation', path: (f) => `/organisations/${f.valbonne}`, heading: 'Valbonne', wait: 'Notes des réseaux' },
  { name: 'fiche-organisation-invalide', path: '/organisations/abc', heading: 'Adresse de fiche invalide' },
  { name: 'fiche-organisation-introuvable', path: '/organisations/999999999', heading: 'Organisation introuvable' },
  { name: 'reseaux', path: '/reseaux', heading: 'Réseaux régionaux multi-acteurs' },
  { name: 'referentiels', path: '/referentiels', heading: 'Référentiels' },
  { name: 'connexion', path: '/connexion', heading: 'Se connecter' },
  {
    name: 'connexion-erreurs',
    path: '/connexion',
    heading: 'Se connecter',
    act: async (p) => {
      await p.locator('main').getByRole('button', { name: 'Se connecter' }).click();
      await p.locator('main').getByRole('alert').waitFor();
    },
  },
  { name: 'invitation', path: '/invitation', heading: 'Choisir votre mot de passe' },
  {
    name: 'invitation-erreurs',
    path: '/invitation#code-inconnu',
    heading: 'Choisir votre mot de passe',
    act: async (p) => {
      await p.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await p.locator('main').getByRole('alert').waitFor();
    },
  },
  { name: 'personnes-anonyme', path: '/personnes', heading: /.+/ },
  { name: 'fiche-personne-anonyme', path: (f) => `/personnes/${f.person}`, heading: /.+/ },
  { name: 'page-introuvable', path: '/cette-page-n-existe-pas', heading: 'Page introuvable' },
  { name: 'accueil-mobile', path: '/', heading: 'La plateforme des réseaux régionaux multi-acteurs', viewport: MOBILE },
  { name: 'fiche-organisation-mobile', path: (f) => `/organisations/${f.valbonne}`, heading: 'Valbonne', viewport: MOBILE },
  { name: 'pistes-anonyme', path: '/pistes', heading: 'Se connecter' },
];

const MEMBER = [
  { name: 'membre-accueil', path: '/', heading: 'La plateforme des réseaux régionaux multi-acteurs' },
  { name: 'membre-compte', path: '/compte', heading: 'Mon compte' },
  { name: 'membre-personnes', path: '/personnes', heading: 'Personnes' },
  { name: 'membre-utilisateurs', path: '/utilisateurs', heading: /.+/ },
  { name: 'membre-fiche-organisation', path: (f) => `/organisations/${f.valbonne}`, heading: 'Valbonne' },
  { name: 'membre-pistes', path: '/pistes', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-opportunites', path: '/opportunites', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-suivi', path: '/suivi', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-relances', path: '/relances', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-tableau-de-bord', path: '/tableau-de-bord', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-accompagnements', path: '/accompagnements', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-evenements', path: '/evenements', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-nouvel-acteur', path: '/organisations/nouvelle', heading: 'Accès réservé aux équipes des réseaux' },
  { name: 'membre-importer', path: '/organisations/importer', heading: 'Accès réservé aux équipes des réseaux' },
];

const STAFF = [
  { name: 'equipe-personnes', path: '/personnes', heading: 'Personnes' },
  { name: 'equipe-personnes-recherche', path: (f) => `/personnes?q=${f.family}`, heading: 'Personnes', wait: (f) => f.family },
  { name: 'equipe-nouvelle-personne', path: '/personnes/nouvelle', heading: 'Nouvelle personne' },
  {
    name: 'equipe-nouvelle-personne-erreurs',
    path: '/personnes/nouvelle',
    heading: 'Nouvelle personne',
    act: async (p) => {
      await p.getByRole('button', { name: 'Ajouter une fonction' }).click();
      await p.locator('main form').getByRole('button', { name: /Enregistrer|Créer/ }).last().click();
      await p.locator('main').getByRole('alert').first().waitFor();
    },
  },
  { name: 'equipe-fiche-personne', path: (f) => `/personnes/${f.person}`, heading: (f) => `Léonie ${f.family}` },
  {
    name: 'equipe-fiche-personne-modification',
    path: (f) => `/personnes/${f.person}`,
    heading: (f) => `Léonie ${f.family}`,
    act: async (p) => {
      await p.getByRole('button', { name: 'Modifier la fiche' }).click();
      await p.getByRole('heading', { level: 2, name: 'Modifier la fiche' }).waitFor();
    },
  },
  { name: 'equipe-fiche-personne-effacee', path: (f) => `/personnes/${f.erased}`, heading: 'Personne effacée' },
  { name: 'equipe-fiche-personne-introuvable', path: '/personnes/999999999', heading: 'Personne introuvable' },
  { name: 'equipe-compte', path: '/compte', heading: 'Mon compte' },
  {
    name: 'equipe-compte-erreurs',
    path: '/compte',
    heading: 'Mon compte',
    act: async (p) => {
      await p.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await p.locator('main').getByRole('alert').waitFor();
    },
  },
  { name: 'equipe-utilisateurs', path: '/utilisateurs', heading: /.+/ },
  { name: 'equipe-nouvel-acteur', path: '/organisations/nouvelle', heading: 'Nouvel acteur' },
  {
    name: 'equipe-nouvel-acteur-erreurs',
    path: '/organisations/nouvelle',
    heading: 'Nouvel acteur',
    act: async (p) => {
      await p.getByLabel("Type d'acteur").selectOption('collectivite_etrangere');
      await p.getByRole('button', { name: 'Créer la fiche' }).click();
      await p.locator('main').getByRole('alert').first().waitFor();
    },
  },
  {
    name: 'equipe-fiche-acteur',
    path: (f) => `/organisations/${f.actor}`,
    heading: (f) => `${f.actorName} (AA)`,
    wait: 'À une relation',
  },
  {
    name: 'equipe-fiche-acteur-modification',
    path: (f) => `/organisations/${f.actor}`,
    heading: (f) => `${f.actorName} (AA)`,
    act: async (p) => {
      await p.getByRole('button', { name: 'Modifier la fiche' }).click();
      await p.getByRole('heading', { level: 2, name: 'Modifier la fiche' }).waitFor();
    },
  },
  {
    name: 'equipe-fiche-acteur-relation',
    path: (f) => `/organisations/${f.actor}`,
    heading: (f) => `${f.actorName} (AA)`,
    act: async (p) => {
      await p.getByRole('button', { name: 'Ajouter une relation' }).click();
      await p.getByLabel('Type de relation').selectOption('board_seat');
      await p.getByRole('button', { name: 'Enregistrer la relation' }).click();
      await p.locator('main').getByRole('alert').first().waitFor();
    },
  },
  {
    name: 'equipe-fiche-acteur-archivage',
    path: (f) => `/organisations/${f.actor}`,
    heading: (f) => `${f.actorName} (AA)`,
    act: async (p) => {
      await p.getByRole('button', { name: 'Archiver' }).click();
      await p.getByRole('button', { name: 'Archiver la fiche' }).waitFor();
    },
  },
  { name: 'equipe-importer', path: '/organisations/importer', heading: 'Importer un fichier' },
  {
    name: 'equipe-importer-erreurs',
    path: '/organisations/importer',
    heading: 'Importer un fichier',
    act: async (p) => {
      await p.getByRole('button', { name: 'Vérifier', exact: true }).click();
      await p.locator('main').getByRole('alert').first().waitFor();
    },
  },
  { name: 'equipe-importer-verification', path: '/organisations/importer', heading: 'Importer un fichier', act: checkImportFile },
  {
    name: 'equipe-importer-verification-mobile',
    path: '/organisations/importer',
    heading: 'Importer un fichier',
    act: checkImportFile,
    viewport: MOBILE,
  },
  {
    name: 'equipe-fiche-acteur-fusion',
    path: (f) => `/organisations/${f.actor}`,
    heading: (f) => `${f.actorName} (AA)`,
    act: async (p) => {
      await p.getByRole('heading', { level: 2, name: /^Doublons possibles/ }).waitFor();
      await p.getByRole('button', { name: /^Fusionner dans cette fiche/ }).click();
      await p.getByRole('button', { name: 'Fusionner', exact: true }).waitFor();
    },
  },
  {
    name: 'equipe-fiche-organisation-note',
    path: (f) => `/organisations/${f.valbonne}`,
    heading: 'Valbonne',
    act: async (p) => {
      await p.getByLabel(`Note de ${NETWORK}`).fill('Priorités : eau, jeunesse.\nRappeler la mairie en janvier.');
      await p.getByRole('button', { name: 'Enregistrer la note' }).click();
      await p.getByText('Note enregistrée.').waitFor();
    },
  },
  { name: 'equipe-pistes', path: (f) => `/pistes?via=${f.actor}`, heading: 'Pistes', wait: /Valbonne .*Association accessible/ },
  { name: 'equipe-opportunites', path: '/opportunites', heading: 'Opportunités communes', wait: /groupes?$|Aucun groupe/ },
  { name: 'equipe-suivi', path: '/suivi', heading: 'Suivi des collectivités', wait: /suivies?|Aucune collectivité suivie/ },
  { name: 'equipe-suivi-mobile', path: '/suivi', heading: 'Suivi des collectivités', wait: /suivies?|Aucune collectivité suivie/, viewport: MOBILE },
  { name: 'equipe-relances', path: '/relances', heading: 'Mes relances', wait: 'En sommeil' },
  { name: 'equipe-tableau-de-bord', path: '/tableau-de-bord', heading: 'Tableau de bord', wait: 'Collectivités adhérentes', act: openFigureTables },
  {
    name: 'equipe-tableau-de-bord-mobile',
    path: '/tableau-de-bord',
    heading: 'Tableau de bord',
    wait: 'Collectivités adhérentes',
    act: openFigureTables,
    viewport: MOBILE,
  },
  {
    name: 'equipe-tableau-de-bord-erreurs',
    path: '/tableau-de-bord?du=2024-06-30&au=2024-01-01',
    heading: 'Tableau de bord',
    act: async (p) => {
      await p.locator('main').getByRole('alert').waitFor();
    },
  },
  { name: 'equipe-accompagnements', path: '/accompagnements', heading: 'Accompagnements', wait: /accompagnements?$|Aucun accompagnement/ },
  {
    name: 'equipe-accompagnements-mobile',
    path: '/accompagnements',
    heading: 'Accompagnements',
    wait: /accompagnements?$|Aucun accompagnement/,
    viewport: MOBILE,
  },
  { name: 'equipe-evenements', path: '/evenements', heading: 'Événements', wait: /événements?$|Aucun événement/ },
  { name: 'equipe-evenements-mobile', path: '/evenements', heading: 'Événements', wait: /événements?$|Aucun événement/, viewport: MOBILE },
  { name: 'equipe-nouvel-evenement', path: '/evenements/nouveau', heading: 'Nouvel événement' },
  {
    name: 'equipe-nouvel-evenement-erreurs',
    path: '/evenements/nouveau',
    heading: 'Nouvel événement',
    act: async (p) => {
      await p.getByRole('button', { name: "Créer l'événement" }).click();
      await p.locator('main').getByRole('alert').first().waitFor();
    },
  },
  { name: 'equipe-evenement', path: (f) => `/evenements/${f.event}`, heading: (f) => f.eventTitle, wait: 'Valbonne' },
  {
    name: 'equipe-evenement-suppression',
    path: (f) => `/evenements/${f.event}`,
    heading: (f) => f.eventTitle,
    act: async (p) => {
      await p.getByRole('button', { name: "Supprimer l'événement" }).click();
      await p.getByRole('button', { name: 'Supprimer définitivement' }).waitFor();
    },
  },
  { name: 'equipe-evenement-mobile', path: (f) => `/evenements/${f.event}`, heading: (f) => f.eventTitle, wait: 'Valbonne', viewport: MOBILE },
  { name: 'equipe-fiche-acteur-mobile', path: (f) => `/organisations/${f.actor}`, heading: (f) => `${f.actorName} (AA)`, wait: 'À une relation', viewport: MOBILE },
  { name: 'equipe-pistes-mobile', path: (f) => `/pistes?via=${f.actor}`, heading: 'Pistes', wait: /Valbonne .*Association accessible/, viewport: MOBILE },
  {
    name: 'equipe-fiche-personne-mobile',
    path: (f) => `/personnes/${f.person}`,
    heading: (f) => `Léonie ${f.family}`,
    viewport: MOBILE,
  },
];

const NETWORK_ADMIN = [
  // Waits for any account's email: after the HTTP tests, the first page lists other accounts.
  { name: 'admin-reseau-utilisateurs', path: '/utilisateurs', heading: 'Utilisateurs', wait: '@' },
  {
    name: 'admin-reseau-invitation-erreurs',
    path: '/utilisateurs',
    heading: 'Utilisateurs',
    act: async (p) => {
      await p.getByRole('button', { name: 'Inviter' }).click();
      await p.locator('main').getByRole('alert').waitFor();
    },
  },
  { name: 'admin-reseau-fiche-utilisateur', path: (f) => `/utilisateurs/${f.user}`, heading: 'staff@test.rrma.fr' },
  {
    name: 'admin-reseau-fiche-utilisateur-actions',
    path: (f) => `/utilisateurs/${f.user}`,
    heading: 'staff@test.rrma.fr',
    act: async (p) => {
      await p.getByRole('button', { name: 'Ajouter le rôle' }).click();
      await p.locator('main').getByRole('alert').waitFor();
      await p.getByRole('button', { name: 'Désactiver le compte' }).click();
      await p.getByRole('button', { name: 'Confirmer la désactivation' }).waitFor();
    },
  },
  { name: 'admin-reseau-fiche-utilisateur-invalide', path: '/utilisateurs/abc', heading: /.+/ },
  {
    name: 'admin-reseau-fiche-personne',
    path: (f) => `/personnes/${f.person}`,
    heading: (f) => `Léonie ${f.family}`,
    wait: 'Création',
  },
  {
    name: 'admin-reseau-fiche-personne-effacement',
    path: (f) => `/personnes/${f.person}`,
    heading: (f) => `Léonie ${f.family}`,
    act: async (p) => {
      await p.getByRole('button', { name: 'Effacer (RGPD)' }).click();
      await p.getByText("L'effacement est définitif.").waitFor();
    },
  },
  { name: 'admin-reseau-fiche-personne-effacee', path: (f) => `/personnes/${f.erased}`, heading: 'Personne effacée', wait: 'Effacement (RGPD)' },
  {
    name: 'admin-reseau-fiche-personne-mobile',
    path: (f) => `/personnes/${f.person}`,
    heading: (f) => `Léonie ${f.family}`,
    wait: 'Création',
    viewport: MOBILE,
  },
  { name: 'admin-reseau-utilisateurs-mobile', path: '/utilisateurs', heading: 'Utilisateurs', wait: '@', viewport: MOBILE },
];

const ADMIN = [
  { name: 'admin-accueil', path: '/', heading: 'La plateforme des réseaux régionaux multi-acteurs' },
  { name: 'admin-utilisateurs', path: '/utilisateurs', heading: 'Utilisateurs' },
  { name: 'admin-fiche-utilisateur', path: (f) => `/utilisateurs/${f.user}`, heading: 'staff@test.rrma.fr' },
  { name: 'admin-personnes', path: '/personnes', heading: 'Personnes' },
  { name: 'admin-reseaux', path: '/reseaux', heading: 'Réseaux régionaux multi-acteurs' },
  { name: 'admin-tableau-de-bord', path: '/tableau-de-bord', heading: 'Tableau de bord', wait: 'Collectivités adhérentes', act: openFigureTables },
];

const ROLES = [
  { who: 'an anonymous visitor', email: null, pages: ANONYMOUS },
  { who: 'a member of a collectivité', email: 'elu@test.rrma.fr', pages: MEMBER },
  { who: 'a network team member', email: 'staff@test.rrma.fr', pages: STAFF },
  { who: 'a network admin', email: 'ts-admin@test.rrma.fr', pages: NETWORK_ADMIN },
  { who: 'a national admin', email: 'admin@test.rrma.fr', pages: ADMIN },
];

const valueOf = (value) => (typeof value === 'function' ? value(fixture) : value);

/** Opens `page` and waits until it shows its heading, its data and what `act` does. */
async function show(p, page) {
  await p.setViewportSize(page.viewport ?? DESKTOP);
  await p.goto(`${BASE_URL}${valueOf(page.path)}`);
  const heading = valueOf(page.heading);
  await p.getByRole('heading', { level: 1, name: heading, exact: typeof heading === 'string' }).first().waitFor();
  await p.waitForLoadState('networkidle');
  await p.locator('main .loading').waitFor({ state: 'detached' });
  if (page.wait) await p.locator('main').getByText(valueOf(page.wait)).first().waitFor();
  if (page.act) await page.act(p);
}

describe('rrma pages, each seen by its kind of user, have no serious or critical accessibility violation', () => {
  before(async () => {
    browser = await launchBrowser();
    const { ctx, p } = await openPage(browser, DESKTOP, pageErrors);
    try {
      await signIn(p, 'ts-admin@test.rrma.fr');
      fixture.valbonne = (await expectApi(p, 'GET', '/organisations?insee=06152', undefined, 200)).items[0].id;
      const networks = (await expectApi(p, 'GET', '/networks', undefined, 200)).items;
      const networkId = networks.find((n) => n.name === NETWORK).id;
      fixture.family = `Accessible${unique()}`;
      const positions = [
        { organisation_id: fixture.valbonne, kind: 'elu', title: 'Adjointe au maire', start_date: '2020-03-01' },
        { organisation_id: fixture.valbonne, kind: 'benevole', start_date: '2014-06-12', end_date: '2019-12-31' },
      ];
      const person = { network_id: networkId, visibility: 'public', given_name: 'Léonie', positions };
      fixture.person = (
        await expectApi(p, 'POST', '/persons', { ...person, family_name: fixture.family, email: 'leonie@example.fr' }, 201)
      ).id;
      fixture.erased = (await expectApi(p, 'POST', '/persons', { ...person, family_name: `Effacée${unique()}` }, 201)).id;
      await expectApi(p, 'POST', `/persons/${fixture.erased}/erasure`, {}, 200);
      // A public association of the network with Valbonne on its CA: its fiche, relations and graph.
      const networkNode = networks.find((n) => n.name === NETWORK).organisation_id;
      fixture.actorName = `Association accessible ${unique()}`;
      const actor = {
        network_id: networkId, visibility: 'public', kind: 'association', name: fixture.actorName, acronym: 'AA',
        commune_insee: '06152', countries: ['TG', 'BJ'], themes: ['Santé'], odd: [3, 4], description: 'Une association.\nDeux lignes.',
      };
      fixture.actor = (await expectApi(p, 'POST', '/organisations', actor, 201)).id;
      const relation = { network_id: networkId, visibility: 'public' };
      await expectApi(p, 'POST', '/relationships', { ...relation, kind: 'member_of', from_id: fixture.actor, to_id: networkNode }, 201);
      await expectApi(p, 'POST', '/relationships', {
        ...relation, kind: 'board_seat', from_id: fixture.valbonne, to_id: fixture.actor, role: 'president', start_date: '2019-01-01',
      }, 201);
      // The same association recorded twice: its fiche proposes the duplicate to merge.
      await expectApi(p, 'POST', '/organisations', { ...actor, visibility: 'private', acronym: null, countries: [], odd: [] }, 201);
      // Valbonne's fiche shows a public note of the network to everyone.
      await expectApi(p, 'PUT', `/organisations/${fixture.valbonne}/notes`, {
        network_id: networkId, visibility: 'public', text: 'Priorités : eau, jeunesse.\nRappeler en janvier.',
      }, 200);
      // An event of the network with Valbonne present: its page, lists and forms.
      fixture.eventTitle = `Table ronde accessible ${unique()}`;
      const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
      fixture.event = (
        await expectApi(p, 'POST', '/events', {
          network_id: networkId, visibility: 'private', kind: 'table_ronde', title: fixture.eventTitle,
          starts_at: `${day}T09:30`, ends_at: `${day}T12:00`, place: 'Mairie de Valbonne', departement: '06',
          organisations: [{ id: fixture.valbonne, role: 'participant', attendance: 'present' }],
        }, 201)
      ).id;
      const users = await expectApi(p, 'GET', '/users?q=staff%40test.rrma.fr', undefined, 200);
      fixture.user = users.items.find((u) => u.email === 'staff@test.rrma.fr').id;
    } finally {
      await ctx.close();
    }
  });

  after(async () => {
    await browser?.close();
  });

  for (const role of ROLES) {
    describe(`as ${role.who}`, () => {
      let session;
      before(async () => {
        session = await openPage(browser, DESKTOP, pageErrors);
        if (role.email) await signIn(session.p, role.email);
      });
      after(async () => {
        await session?.ctx.close();
      });

      for (const page of role.pages) {
        it(`shows « ${page.name} » without a serious or critical violation`, { timeout: 60_000 }, async () => {
          const earlierErrors = pageErrors.length;
          await show(session.p, page);
          await screenshot(session.p, `a11y-${page.name}`);
          assert.deepEqual(pageErrors.slice(earlierErrors), [], `${page.name}: JavaScript errors or CSP violations`);
          await expectNoSeriousAxeViolations(session.p, page.name);
        });
      }
    });
  }

  it('would see a CSP violation: the browser enforces the policy the server sends with the page', async () => {
    const refused = [];
    const { ctx, p } = await openPage(browser, DESKTOP, refused);
    try {
      await p.goto(`${BASE_URL}/`);
      await p.getByRole('heading', { level: 1 }).waitFor();
      await p.evaluate(() => {
        const span = document.createElement('span');
        span.setAttribute('style', 'color: red');
        document.body.append(span);
      });
      // The console message arrives on its own time: wait for it up to a step's time.
      for (let waited = 0; waited < 10_000 && !refused.some((error) => /style-src/.test(error)); waited += 100) {
        await p.waitForTimeout(100);
      }
      assert.ok(
        refused.some((error) => /style-src/.test(error)),
        `an inline style attribute was not refused: ${JSON.stringify(refused)}`,
      );
    } finally {
      await ctx.close();
    }
  });

  it('raised no JavaScript error and broke no Content-Security-Policy rule', () => {
    assert.deepEqual(pageErrors, []);
  });
});
