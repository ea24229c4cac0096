// French labels and number formatting shared by the views. Codes come from the
// API contract; an unknown code is shown as is rather than hidden.
import type { CollectiviteCategory, OrganisationKind, OrganisationSummary } from './api';

export const KIND_LABELS: Record<OrganisationKind, string> = {
  collectivite: 'Collectivité',
  association: 'Association',
  entreprise: 'Entreprise',
  enseignement_recherche: 'Enseignement et recherche',
  institution_publique: 'Institution publique',
  collectivite_etrangere: 'Collectivité étrangère',
  autre: 'Autre',
};

export const CATEGORY_LABELS: Record<CollectiviteCategory, string> = {
  commune: 'Commune',
  commune_deleguee: 'Commune déléguée',
  commune_associee: 'Commune associée',
  arrondissement_municipal: 'Arrondissement municipal',
  epci: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
  groupement: 'Groupement',
};

export const EPCI_SUBCATEGORY_LABELS: Record<string, string> = {
  CC: 'Communauté de communes',
  CA: "Communauté d'agglomération",
  CU: 'Communauté urbaine',
  METRO: 'Métropole',
  MET69: 'Métropole de Lyon',
};

export function kindLabel(kind: string): string {
  return (KIND_LABELS as Record<string, string>)[kind] ?? kind;
}

/** "Commune", or for an EPCI its legal form: "Communauté d'agglomération (EPCI)". */
export function categoryLabel(org: Pick<OrganisationSummary, 'kind' | 'category' | 'subcategory'>): string {
  if (!org.category) return kindLabel(org.kind);
  if (org.category === 'epci' && org.subcategory) {
    const form = EPCI_SUBCATEGORY_LABELS[org.subcategory];
    if (form) return `${form} (EPCI)`;
  }
  return (CATEGORY_LABELS as Record<string, string>)[org.category] ?? org.category;
}

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integerFormat.format(value);
}

/** "Aucun résultat", "1 résultat", "1 234 résultats". */
export function countLabel(total: number, singular: string, plural: string, none: string): string {
  if (total === 0) return none;
  return `${formatInteger(total)} ${total === 1 ? singular : plural}`;
}

const dateFormat = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' });

/** ISO 8601 date ("2017-01-01") to "1 janvier 2017"; anything else is returned unchanged. */
export function formatDate(iso: string): string {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

export const ROLE_LABELS: Record<string, string> = {
  admin: 'Administration nationale',
  network_admin: 'Administration du réseau',
  network_staff: 'Équipe du réseau',
  member: 'Membre (collectivité)',
};

export function roleLabel(role: string): string {
  return ROLE_LABELS[role] ?? role;
}
