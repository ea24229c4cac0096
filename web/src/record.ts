// The record of a fiche page (/personnes/12, /utilisateurs/3, /organisations/5):
// read from the route's id, loaded again whenever the id changes (cancelling a
// superseded request), with the document title following it and, on a failure,
// the heading that names it. The server validates the id; a malformed one is
// explained in the words of the address, not of the API's field.
import { computed, onBeforeUnmount, ref, watch, type Ref } from 'vue';
import { useRoute } from 'vue-router';
import { ApiError, isAbortError, toDisplayError } from './api';
import { setTitle } from './router';

/** The heading of a failure to load a record: by HTTP status, `other` for any other. */
export interface ErrorHeadings {
  404: string;
  400: string;
  401?: string;
  other: string;
}

export interface RouteRecordOptions<T> {
  /** The name of the route showing the record: nothing is loaded once another route shows. */
  routeName: string;
  load: (id: string, signal: AbortSignal) => Promise<T>;
  /** The document title while loading. */
  loadingTitle: string;
  /** The document title of the loaded record. */
  title: (record: T) => string;
  headings: ErrorHeadings;
  /** False while the page may not show the record: it is then not loaded. */
  allowed?: () => boolean;
  /** Forgets what the page kept of the previous record, before each load. */
  reset?: () => void;
}

/** The longest part of a malformed id quoted back to the user. */
const QUOTED_ID_CHARS = 40;

/**
 * The server refuses a malformed id with a 400 naming the field `id`: say instead,
 * without field codes, that the id typed in the address is not valid.
 */
export function explainMalformedId(error: ApiError, id: string): ApiError {
  if (error.status !== 400 || !error.errors.some((e) => e.field === 'id')) return error;
  const chars = [...id];
  const quoted = chars.length > QUOTED_ID_CHARS ? `${chars.slice(0, QUOTED_ID_CHARS).join('')}…` : id;
  return new ApiError(
    400,
    error.title,
    `L'identifiant « ${quoted} » n'est pas valide : l'adresse d'une fiche se termine par son numéro.`,
  );
}

export function useRouteRecord<T>(options: RouteRecordOptions<T>) {
  const route = useRoute();
  const allowed = options.allowed ?? (() => true);

  const id = computed(() => {
    const raw = route.params.id;
    return Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? '');
  });

  const record = ref(null) as Ref<T | null>;
  const error = ref<ApiError | null>(null);
  let inFlight: AbortController | null = null;

  const errorHeading = computed(() => {
    const { headings } = options;
    switch (error.value?.status) {
      case 404:
        return headings[404];
      case 400:
        return headings[400];
      case 401:
        return headings[401] ?? headings.other;
      case 0:
        return 'Serveur injoignable';
      default:
        return headings.other;
    }
  });

  async function load(): Promise<void> {
    if (route.name !== options.routeName || !allowed()) return;
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    record.value = null;
    error.value = null;
    options.reset?.();
    setTitle(options.loadingTitle);
    try {
      const loaded = await options.load(id.value, controller.signal);
      record.value = loaded;
      setTitle(options.title(loaded));
    } catch (caught) {
      if (isAbortError(caught)) return;
      error.value = explainMalformedId(toDisplayError(caught), id.value);
      setTitle(errorHeading.value);
    } finally {
      if (inFlight === controller) inFlight = null;
    }
  }

  watch([id, allowed], load, { immediate: true });
  onBeforeUnmount(() => inFlight?.abort());

  return { id, record, error, errorHeading, load };
}
