// The searchable, paged lists (organisations, users, persons): their criteria
// live in the URL query string, so reload and back/forward restore them; typing
// updates the URL after a short pause. usePagedList loads a page whenever the
// criteria change, cancelling a superseded request.
import { computed, onBeforeUnmount, reactive, ref, useTemplateRef, watch, type Ref } from 'vue';
import { useRoute, useRouter, type LocationQuery, type LocationQueryRaw } from 'vue-router';
import { isAbortError, toDisplayError, type ApiError, type Page } from './api';

const TYPING_DELAY_MS = 250;
/** The page size of the users and persons lists. */
export const LIST_PER_PAGE = 20;

export interface ListFilters {
  q: string;
  network: number | null;
  page: number;
}

/** The query of a users or persons list page. */
export interface ListQuery {
  q?: string;
  network?: number;
  page: number;
  per_page: number;
}

/** The first value of a query string parameter, '' if none. */
export function single(value: LocationQuery[string] | undefined): string {
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

/**
 * Criteria of type F kept in the query string of the list at `path`, read with
 * `fromQuery` and written with `toQuery`. `navigate` changes some of them (back
 * to the first page); the text search `q` is typed in `qInput` and sent after a
 * pause (`onTyping`) or at once (`onSubmit`). `goToPage` shows another page and
 * scrolls to the component's element marked ref="resultsHeading".
 */
export function useUrlCriteria<F extends { q: string; page: number }>(
  path: string,
  fromQuery: (query: LocationQuery) => F,
  toQuery: (filters: F) => LocationQueryRaw,
) {
  const route = useRoute();
  const router = useRouter();
  const filters = computed(() => fromQuery(route.query));

  function navigate(changes: Partial<F>, mode: 'push' | 'replace'): void {
    // Any change of criteria goes back to the first page.
    const next: F = { ...filters.value, page: 1, ...changes };
    const location = { path, query: toQuery(next) };
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
      if (qInput.value.trim() !== filters.value.q) navigate({ q: qInput.value } as Partial<F>, 'replace');
    }, TYPING_DELAY_MS);
  }

  function onSubmit(): void {
    cancelTyping();
    if (qInput.value.trim() !== filters.value.q) navigate({ q: qInput.value } as Partial<F>, 'push');
  }

  // Back/forward: show the query of the restored URL, unless the user is still typing.
  watch(
    () => filters.value.q,
    (q) => {
      if (typingTimer === null && qInput.value.trim() !== q) qInput.value = q;
    },
  );

  /** Clears every criterion. */
  function reset(): void {
    cancelTyping();
    qInput.value = '';
    void router.push({ path });
  }

  const resultsHeading = useTemplateRef<HTMLElement>('resultsHeading');

  function goToPage(page: number): void {
    void router.push({ path, query: toQuery({ ...filters.value, page }) });
    resultsHeading.value?.scrollIntoView({ block: 'start' });
  }

  onBeforeUnmount(cancelTyping);

  return { filters, navigate, qInput, onTyping, onSubmit, reset, goToPage };
}

/** The criteria of the users or persons list shown at `path`: a text and a network. */
function useListFilters(path: string) {
  const criteria = useUrlCriteria(path, filtersFromQuery, queryFromFilters);
  const { filters, navigate } = criteria;

  /** v-model of the network select: '' for every network. */
  const networkModel = computed({
    get: () => (filters.value.network === null ? '' : String(filters.value.network)),
    set: (value: string) => navigate({ network: positiveInteger(value) }, 'push'),
  });

  const hasCriteria = computed(() => Boolean(filters.value.q || filters.value.network !== null));

  return { ...criteria, networkModel, hasCriteria };
}

/** What ListSearch reads and drives: the criteria of useListFilters, made reactive. */
export interface ListSearchState {
  qInput: string;
  networkModel: string;
  readonly hasCriteria: boolean;
  onTyping(): void;
  onSubmit(): void;
  reset(): void;
}

/**
 * The users or persons list at `path` (shown by the route named `routeName`
 * while `allowed` holds): its criteria, `search` to give ListSearch, and `list`,
 * the current page fetched by `fetchPage`.
 */
export function useSearchList<T>(
  path: string,
  routeName: string,
  fetchPage: (query: ListQuery, signal: AbortSignal) => Promise<Page<T>>,
  allowed: () => boolean = () => true,
) {
  const route = useRoute();
  const criteria = useListFilters(path);
  const { filters } = criteria;
  const list = usePagedList(
    (signal) => {
      const f = filters.value;
      const query: ListQuery = { page: f.page, per_page: LIST_PER_PAGE };
      if (f.q) query.q = f.q;
      if (f.network !== null) query.network = f.network;
      return fetchPage(query, signal);
    },
    () => JSON.stringify(filters.value),
    () => route.name === routeName && allowed(),
  );
  const search: ListSearchState = reactive(criteria);
  return { filters, goToPage: criteria.goToPage, search, list };
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

/** A page of a list, as usePagedList makes it. */
export type PagedList<T> = ReturnType<typeof usePagedList<T>>;
