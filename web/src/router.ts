// Client routes. Each route names its document title; the fiche sets its own once
// the organisation is loaded. After a change of page (not of query string, so typing
// in a search box keeps its focus) focus moves to <main> for screen-reader users.
import { nextTick } from 'vue';
import { createRouter, createWebHistory } from 'vue-router';
import HomeView from './views/HomeView.vue';
import OrganisationsView from './views/OrganisationsView.vue';
import OrganisationView from './views/OrganisationView.vue';
import NetworksView from './views/NetworksView.vue';
import ReferenceView from './views/ReferenceView.vue';
import SignInView from './views/SignInView.vue';
import NotFoundView from './views/NotFoundView.vue';

export const APP_NAME = 'rrma';

export function setTitle(title: string): void {
  document.title = title ? `${title} — ${APP_NAME}` : APP_NAME;
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes: [
    { path: '/', name: 'home', component: HomeView, meta: { title: 'Accueil' } },
    { path: '/organisations', name: 'organisations', component: OrganisationsView, meta: { title: 'Annuaire' } },
    { path: '/organisations/:id', name: 'organisation', component: OrganisationView, meta: { title: 'Fiche' } },
    { path: '/reseaux', name: 'networks', component: NetworksView, meta: { title: 'Réseaux' } },
    { path: '/referentiels', name: 'reference', component: ReferenceView, meta: { title: 'Référentiels' } },
    { path: '/connexion', name: 'sign-in', component: SignInView, meta: { title: 'Connexion' } },
    { path: '/:pathMatch(.*)*', name: 'not-found', component: NotFoundView, meta: { title: 'Page introuvable' } },
  ],
  scrollBehavior(to, from, saved) {
    if (saved) return saved;
    if (to.hash) return { el: to.hash };
    if (to.path !== from.path) return { top: 0 };
    return false;
  },
});

router.afterEach((to, from, failure) => {
  if (failure) return;
  if (to.path === from.path && from.matched.length > 0) return;
  setTitle(typeof to.meta.title === 'string' ? to.meta.title : '');
  if (from.matched.length === 0) return; // first load: leave focus where the browser put it
  void nextTick(() => document.getElementById('contenu')?.focus({ preventScroll: true }));
});
