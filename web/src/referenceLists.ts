// The countries (ISO 3166, French names) and the 17 ODD, loaded once per page load
// for the actor form and the fiches that name them. A failed load is forgotten so
// the next caller retries.
import { computed, ref } from 'vue';
import { MAX_PER_PAGE, listCountries, listOdd, toDisplayError, type ApiError, type Country, type Odd } from './api';

const countries = ref<Country[] | null>(null);
const odd = ref<Odd[] | null>(null);
const error = ref<ApiError | null>(null);
let pending: Promise<void> | null = null;

async function allCountries(): Promise<Country[]> {
  const found: Country[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await listCountries({ page, per_page: MAX_PER_PAGE });
    found.push(...answer.items);
    if (answer.items.length === 0 || found.length >= answer.total) return found;
  }
}

async function load(): Promise<void> {
  error.value = null;
  try {
    const [loadedCountries, loadedOdd] = await Promise.all([allCountries(), listOdd()]);
    countries.value = [...loadedCountries].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    odd.value = [...loadedOdd.items].sort((a, b) => a.number - b.number);
  } catch (caught) {
    error.value = toDisplayError(caught);
    pending = null;
  }
}

/** Starts loading the lists unless they are loaded or loading; `retry` after a failure. */
export function useReferenceLists() {
  pending ??= load();
  return {
    countries: computed(() => countries.value ?? []),
    odd: computed(() => odd.value ?? []),
    loaded: computed(() => countries.value !== null),
    error: computed(() => error.value),
    retry: () => {
      pending ??= load();
    },
    /** The French name of an ISO code, or the code while the list loads. */
    countryName: (code: string) => countries.value?.find((c) => c.code === code.toUpperCase())?.name ?? code,
  };
}
