// Client routes. Each route names its document title; a fiche sets its own once
// its record is loaded. After a change of page (not of query string, so typing
// in a search box keeps its focus) focus moves to <main> for screen-reader users.
// Routes marked requiresAuth send a signed-out visitor to the sign-in page, which
// brings them back; pages reserved to some roles explain it themselves. A link to an
// anchor (/organisations/12#titre-relations-member_of) scrolls to it once the page
// has loaded the content that holds it. The dashboard, with its charts and map, is
// loaded on first visit.
import { nextTick } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';
import OrganisationsView from './views/OrganisationsView.vue';
import OrganisationView from './views/OrganisationView.vue';
import OrganisationNewView from './views/OrganisationNewView.vue';
import ImportView from './views/ImportView.vue';
import OutreachView from './views/OutreachView.vue';
import ConsortiaView from './views/ConsortiaView.vue';
import PipelineView from './views/PipelineView.vue';
import EventsView from './views/EventsView.vue';
import EventNewView from './views/EventNewView.vue';
import EventView from './views/EventView.vue';
import RelancesView from './views/RelancesView.vue';
import InteractionsView from './views/InteractionsView.vue';
import NetworksView from './views/NetworksView.vue';
import ReferenceView from './views/ReferenceView.vue';
import SignInView from './views/SignInView.vue';
import NotFoundView from './views/NotFoundView.vue';
import AccountView from './views/AccountView.vue';
import InvitationView from './views/InvitationView.vue';
import UsersView from './views/UsersView.vue';
import UserView from './views/UserView.vue';
import PersonsView from './views/PersonsView.vue';
import PersonNewView from './views/PersonNewView.vue';
import PersonView from './views/PersonView.vue';
import { loadSession, session } from './session';

declare module 'vue-router' {
  interface RouteMeta {
    title?: string;
    requiresAuth?: boolean;
  }
}

export const APP_NAME = 'rrma';

export function setTitle(title: string): void {
  document.title = title ? `${title} — ${APP_NAME}` : APP_NAME;
}

/** How long a link's anchor is awaited while the page loads its content. */
const ANCHOR_WAIT_MS = 3000;

/** The element of `hash` ("#titre-membres") once it is in the page, or null after ANCHOR_WAIT_MS. */
function anchorElement(hash: string): Promise<HTMLElement | null> {
  const id = decodeURIComponent(hash.slice(1));
  const started = Date.now();
  return new Promise((resolve) => {
    const look = () => {
      const element = document.getElementById(id);
      if (element || Date.now() - started > ANCHOR_WAIT_MS) resolve(element);
      else setTimeout(look, 100);
    };
    look();
  });
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { title: 'Accueil' } },
    { path: '/organisations', name: 'organisations', component: OrganisationsView, meta: { title: 'Annuaire' } },
    {
      path: '/organisations/nouvelle',
      name: 'organisation-new',
      component: OrganisationNewView,
      meta: { title: 'Nouvel acteur', requiresAuth: true },
    },
    {
      path: '/organisations/importer',
      name: 'import',
      component: ImportView,
      meta: { title: 'Importer un fichier', requiresAuth: true },
    },
    { path: '/organisations/:id', name: 'organisation', component: OrganisationView, meta: { title: 'Fiche' } },
    { path: '/pistes', name: 'outreach', component: OutreachView, meta: { title: 'Pistes', requiresAuth: true } },
    {
      path: '/opportunites',
      name: 'consortia',
      component: ConsortiaView,
      meta: { title: 'Opportunités communes', requiresAuth: true },
    },
    { path: '/consortia', redirect: (to) => ({ path: '/opportunites', query: to.query }) },
    { path: '/relances', name: 'relances', component: RelancesView, meta: { title: 'Mes relances', requiresAuth: true } },
    { path: '/suivi', name: 'pipeline', component: PipelineView, meta: { title: 'Suivi des collectivités', requiresAuth: true } },
    {
      path: '/tableau-de-bord',
      name: 'dashboard',
      component: () => import('./views/DashboardView.vue'),
      meta: { title: 'Tableau de bord', requiresAuth: true },
    },
    {
      path: '/accompagnements',
      name: 'interactions',
      component: InteractionsView,
      meta: { title: 'Accompagnements', requiresAuth: true },
    },
    { path: '/evenements', name: 'events', component: EventsView, meta: { title: 'Événements', requiresAuth: true } },
    {
      path: '/evenements/nouveau',
      name: 'event-new',
      component: EventNewView,
      meta: { title: 'Nouvel événement', requiresAuth: true },
    },
    { path: '/evenements/:id', name: 'event', component: EventView, meta: { title: 'Événement', requiresAuth: true } },
    { path: '/reseaux', name: 'networks', component: NetworksView, meta: { title: 'Réseaux' } },
    { path: '/referentiels', name: 'reference', component: ReferenceView, meta: { title: 'Référentiels' } },
    { path: '/connexion', name: 'sign-in', component: SignInView, meta: { title: 'Connexion' } },
    { path: '/compte', name: 'account', component: AccountView, meta: { title: 'Mon compte', requiresAuth: true } },
    { path: '/invitation', name: 'invitation', component: InvitationView, meta: { title: 'Choisir votre mot de passe' } },
    { path: '/utilisateurs', name: 'users', component: UsersView, meta: { title: 'Utilisateurs', requiresAuth: true } },
    { path: '/utilisateurs/:id', name: 'user', component: UserView, meta: { title: 'Utilisateur', requiresAuth: true } },
    { path: '/personnes', name: 'persons', component: PersonsView, meta: { title: 'Personnes' } },
    {
      path: '/personnes/nouvelle',
      name: 'person-new',
      component: PersonNewView,
      meta: { title: 'Nouvelle personne', requiresAuth: true },
    },
    { path: '/personnes/:id', name: 'person', component: PersonView, meta: { title: 'Personne' } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Page introuvable' } },
  ],
  scrollBehavior(to, from, saved) {
    if (saved) return saved;
    // The invitation page's hash is a secret code, not an anchor.
    if (to.hash && to.name !== 'invitation') {
      return anchorElement(to.hash).then((el) => (el ? { el } : to.path !== from.path ? { top: 0 } : false));
    }
    if (to.path !== from.path) return { top: 0 };
    return false;
  },
});

router.beforeEach(async (to) => {
  if (!to.meta.requiresAuth) return true;
  await loadSession();
  if (session.account) return true;
  return { path: '/connexion', query: { redirect: to.fullPath } };
});

router.afterEach((to, from, failure) => {
  if (failure) return;
  if (to.path === from.path && from.matched.length > 0) return;
  setTitle(typeof to.meta.title === 'string' ? to.meta.title : '');
  if (from.matched.length === 0) return; // first load: leave focus where the browser put it
  void nextTick(() => document.getElementById('contenu')?.focus({ preventScroll: true }));
});
