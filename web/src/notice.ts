// A message for the page a navigation leads to, said once: « Fiche créée. » on the fiche that
// « Nouvel acteur » or « Nouvelle personne » just created. It is kept in memory, not in the
// browser's history entry, so that coming back to the fiche later (back button, a link, a reload)
// never shows it again: the first page that asks takes it, whatever its address.
let pending: { path: string; text: string } | null = null;

/** Keeps `text` for the page at `path`, to be shown when it opens next. */
export function noticeForNextPage(path: string, text: string): void {
  pending = { path, text };
}

/** The message kept for `path`, once; '' when there is none. Forgets any message kept for another page. */
export function takeNotice(path: string): string {
  const kept = pending;
  pending = null;
  return kept?.path === path ? kept.text : '';
}
