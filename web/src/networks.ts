// The regional networks, loaded once per page load for the network selects of the
// users and persons pages. A failed load is forgotten so the next caller retries.
import { computed, ref } from 'vue';
import { listNetworks, MAX_PER_PAGE, toDisplayError, type ApiError, type Network } from './api';

const networks = ref<Network[] | null>(null);
const error = ref<ApiError | null>(null);
let pending: Promise<void> | null = null;

async function load(): Promise<void> {
  error.value = null;
  try {
    const page = await listNetworks({ per_page: MAX_PER_PAGE });
    networks.value = [...page.items].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  } catch (caught) {
    error.value = toDisplayError(caught);
    pending = null;
  }
}

/** Starts loading the networks unless they are loaded or loading; `retry` after a failure. */
export function useNetworks() {
  pending ??= load();
  return {
    networks: computed(() => networks.value ?? []),
    loaded: computed(() => networks.value !== null),
    error: computed(() => error.value),
    retry: () => {
      pending ??= load();
    },
  };
}

/** The networks of `ids` among all of them, or all of them when `all` is true. */
export function pickNetworks(all: boolean, ids: readonly number[], from: readonly Network[]): Network[] {
  return all ? [...from] : from.filter((network) => ids.includes(network.id));
}
