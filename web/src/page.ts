// The page's one store, its state first taken from the URL.
import { createPageStore } from './store';
import { pageStateFromLink, parseState } from './url';

/** The view the URL described when the page opened. */
export const link = parseState(location.hash);

export const page = createPageStore(pageStateFromLink(link));
