// What the two finder pages (« Pistes », « Opportunités communes ») share: the
// network they search for — one of the caller's networks, all of them for an
// admin, kept in the URL (?network=) when there is a choice — and the reading of
// their criteria from the query string, dropping values the server would refuse.
import { computed } from 'vue';
import { useRoute } from 'vue-router';
import { single } from './listing';
import { pickNetworks, useNetworks } from './networks';
import { isAdmin, staffNetworkIds } from './session';

export function positiveInteger(text: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  return Number.parseInt(text, 10);
}

export function isoDate(text: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : '';
}

export function departementCode(text: string): string {
  const code = text.toUpperCase();
  return /^([0-9]{2}|2A|2B|97[1-8])$/.test(code) ? code : '';
}

/** The networks the caller may search for, and the one chosen (the URL's, else the only one). */
export function useFinderNetwork() {
  const route = useRoute();
  const { networks, loaded, error, retry } = useNetworks();
  const options = computed(() => pickNetworks(isAdmin.value, staffNetworkIds.value, networks.value));
  const chosen = computed(() => {
    const fromUrl = positiveInteger(single(route.query.network));
    const inUrl = options.value.find((n) => n.id === fromUrl);
    if (inUrl) return inUrl;
    return options.value.length === 1 ? options.value[0]! : null;
  });
  return { options, chosen, loaded, error, retry };
}
