// Régions and départements as organisations, loaded once per session and shared by
// the directory filters and the links of a fiche. A failed load is forgotten so the
// next caller retries.
import { listOrganisations, MAX_PER_PAGE, type OrganisationSummary } from './api';

export interface GeoIndex {
  regions: OrganisationSummary[];
  departements: OrganisationSummary[];
  /** Organisation id of a région by INSEE code. */
  regionIds: Map<string, number>;
  /** Organisation id of a département by INSEE code. */
  departementIds: Map<string, number>;
}

let pending: Promise<GeoIndex> | null = null;

const byName = (a: OrganisationSummary, b: OrganisationSummary) => a.name.localeCompare(b.name, 'fr');
const byCode = (a: OrganisationSummary, b: OrganisationSummary) =>
  (a.insee_code ?? '').localeCompare(b.insee_code ?? '', 'fr', { numeric: true });

function idsByCode(items: OrganisationSummary[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const item of items) if (item.insee_code) ids.set(item.insee_code, item.id);
  return ids;
}

async function load(): Promise<GeoIndex> {
  const [regions, departements] = await Promise.all([
    listOrganisations({ category: 'region', per_page: MAX_PER_PAGE }),
    listOrganisations({ category: 'departement', per_page: MAX_PER_PAGE }),
  ]);
  return {
    regions: [...regions.items].sort(byName),
    departements: [...departements.items].sort(byCode),
    regionIds: idsByCode(regions.items),
    departementIds: idsByCode(departements.items),
  };
}

export function loadGeo(): Promise<GeoIndex> {
  if (!pending) {
    pending = load().catch((error: unknown) => {
      pending = null;
      throw error;
    });
  }
  return pending;
}
