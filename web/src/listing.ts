// The searchable, paged lists of users and persons: their criteria (q, network,
// page) live in the URL query string, so reload and back/forward restore them;
// typing updates the URL after a short pause. usePagedList loads a page whenever
// the criteria change, cancelling a superseded request.
import { computed, onBeforeUnmount, reactive, ref, watch, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';
import { isAbortError, toDisplayError, type ApiError, type Page } from './api';

const TYPING_DELAY_MS = 250;

export interface ListFilters {
  q: string;
  network: number | null;
  page: number;
}

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function positiveInteger(text: string): number | null {
  if (!/^[1-9][0-9]{0,9}$/.test(text)) return null;
  return Number.parseInt(text, 10);
}

// Values the server would reject are dropped rather than sent.
function filtersFromQuery(query: LocationQuery): ListFilters {
  return {
    q: single(query.q).slice(0, 200),
    network: positiveInteger(single(query.network)),
    page: positiveInteger(single(query.page)) ?? 1,
  };
}

function queryFromFilters(filters: ListFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.network !== null) query.network = String(filters.network);
  if (filters.page > 1) query.page = String(filters.page);
  return query;
}

/** The criteria of the list shown at `path`, read from and written to the URL. */
export function useListFilters(path: string) {
  const route = useRoute();
  const router = useRouter();
  const filters = computed(() => filtersFromQuery(route.query));

  function navigate(changes: Partial<ListFilters>, mode: 'push' | 'replace'): void {
    // Any change of criteria goes back to the first page.
    const next: ListFilters = { ...filters.value, page: 1, ...changes };
    const location = { path, query: queryFromFilters(next) };
    void (mode === 'push' ? router.push(location) : router.replace(location));
  }

  const qInput = ref(filters.value.q);
  let typingTimer: ReturnType<typeof setTimeout> | null = null;

  function cancelTyping(): void {
    if (typingTimer !== null) clearTimeout(typingTimer);
    typingTimer = null;
  }

  function onTyping(): void {
    cancelTyping();
    typingTimer = setTimeout(() => {
      typingTimer = null;
      if (qInput.value.trim() !== filters.value.q) navigate({ q: qInput.value }, 'replace');
    }, TYPING_DELAY_MS);
  }

  function onSubmit(): void {
    cancelTyping();
    if (qInput.value.trim() !== filters.value.q) navigate({ q: qInput.value }, 'push');
  }

  // Back/forward: show the query of the restored URL, unless the user is still typing.
  watch(
    () => filters.value.q,
    (q) => {
      if (typingTimer === null && qInput.value.trim() !== q) qInput.value = q;
    },
  );

  /** v-model of the network select: '' for every network. */
  const networkModel = computed({
    get: () => (filters.value.network === null ? '' : String(filters.value.network)),
    set: (value: string) => navigate({ network: positiveInteger(value) }, 'push'),
  });

  const hasCriteria = computed(() => Boolean(filters.value.q || filters.value.network !== null));

  function reset(): void {
    cancelTyping();
    qInput.value = '';
    void router.push({ path });
  }

  function goToPage(page: number): void {
    void router.push({ path, query: queryFromFilters({ ...filters.value, page }) });
  }

  onBeforeUnmount(cancelTyping);

  return { filters, qInput, onTyping, onSubmit, networkModel, hasCriteria, reset, goToPage };
}

/**
 * One page of a list, loaded by `load` whenever `key` changes while `enabled`
 * holds (false once the user left the page, or may not see it). The result is
 * reactive: `list.items`, `list.error`… read the current values.
 */
export function usePagedList<T>(
  load: (signal: AbortSignal) => Promise<Page<T>>,
  key: () => string,
  enabled: () => boolean,
) {
  const items = ref<T[]>([]) as Ref<T[]>;
  const total = ref(0);
  const loaded = ref(false);
  const loading = ref(false);
  const error = ref<ApiError | null>(null);
  let inFlight: AbortController | null = null;

  async function reload(): Promise<void> {
    if (!enabled()) return;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    loading.value = true;
    try {
      const page = await load(controller.signal);
      items.value = page.items;
      total.value = page.total;
      error.value = null;
      loaded.value = true;
    } catch (caught) {
      if (isAbortError(caught)) return;
      error.value = toDisplayError(caught);
      items.value = [];
      total.value = 0;
    } finally {
      if (inFlight === controller) {
        inFlight = null;
        loading.value = false;
      }
    }
  }

  watch([key, enabled], reload, { immediate: true });
  onBeforeUnmount(() => inFlight?.abort());

  return reactive({ items, total, loaded, loading, error, reload });
}
