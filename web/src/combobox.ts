// An accessible search-as-you-type combobox (WAI-ARIA combobox with a listbox popup),
// used for the main search and for both ends of "How are these connected?".
import { isBadInput, search } from './api';
import type { EntityRef, SearchHit } from './api';
import { debounce, h, replace } from './dom';
import { kindLabel, label, statementText, t } from './i18n';

export interface Combobox {
  readonly root: HTMLElement;
  readonly input: HTMLInputElement;
  /** The chosen entity, if any. */
  value(): EntityRef | undefined;
  setValue(entity: EntityRef | undefined): void;
  /** Shows its texts and chosen name in the page's language. */
  relabel(): void;
}

let counter = 0;

/** The API's limit on search text (src/graphql/validation.ts): the box stops there. */
export const SEARCH_MAX_LENGTH = 200;

/** Text with a letter or digit in it: anything else (punctuation, emoji) finds nothing. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

export function combobox(options: {
  label: () => string;
  placeholder: () => string;
  testid: string;
  onChoose: (entity: EntityRef) => void;
  /** Keep the chosen name in the box (pickers) or clear it (main search). */
  keepValue: boolean;
}): Combobox {
  const n = ++counter;
  const listId = `combo-list-${n}`;
  const inputId = `combo-input-${n}`;
  const labelEl = h('label', { for: inputId, className: 'combo-label' }, options.label());
  const input = h('input', {
    id: inputId,
    type: 'search',
    role: 'combobox',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-autocomplete': 'list',
    'aria-expanded': 'false',
    'aria-controls': listId,
    placeholder: options.placeholder(),
    maxlength: SEARCH_MAX_LENGTH,
    'data-testid': `${options.testid}-input`,
  });
  const list = h('ul', {
    id: listId,
    role: 'listbox',
    className: 'combo-list',
    hidden: true,
    'aria-label': options.label(),
    'data-testid': `${options.testid}-results`,
  });
  const root = h(
    'div',
    { className: 'combo', 'data-testid': options.testid },
    labelEl,
    input,
    list,
  );

  let hits: SearchHit[] = [];
  /** The text the hits answer. */
  let answered = '';
  let active = -1;
  let chosen: EntityRef | undefined;
  let sequence = 0;

  /** What is asked for: the box's text, as far as the API takes it. */
  const text = () => input.value.trim().slice(0, SEARCH_MAX_LENGTH);

  const open = (isOpen: boolean) => {
    list.hidden = !isOpen;
    input.setAttribute('aria-expanded', String(isOpen));
    if (!isOpen) input.removeAttribute('aria-activedescendant');
  };

  /** A line in place of hits: no matches, or what to type instead. */
  const showNote = (note: string) => {
    replace(
      list,
      h(
        'li',
        {
          className: 'combo-empty',
          role: 'option',
          'aria-disabled': 'true',
          'aria-selected': 'false',
          'data-testid': `${options.testid}-note`,
        },
        note,
      ),
    );
    open(true);
  };

  const renderHits = () => {
    if (hits.length === 0) {
      showNote(t('noHits'));
      return;
    }
    replace(
      list,
      hits.map((hit, i) =>
        h(
          'li',
          {
            id: `${listId}-${i}`,
            role: 'option',
            className: 'combo-option',
            'aria-selected': String(i === active),
            'data-testid': `${options.testid}-option`,
            'data-entity-id': hit.entity.id,
            onmousedown: (e: Event) => e.preventDefault(),
            onclick: () => choose(i),
          },
          h(
            'span',
            { className: `kind-badge kind-${hit.entity.__typename}` },
            kindLabel(hit.entity.__typename),
          ),
          h('span', { className: 'combo-name' }, label(hit.entity)),
          hit.statement
            ? h('span', { className: 'combo-snippet' }, statementText(hit.statement))
            : null,
        ),
      ),
    );
    if (active >= 0) input.setAttribute('aria-activedescendant', `${listId}-${active}`);
    else input.removeAttribute('aria-activedescendant');
    open(true);
  };

  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    sequence++; // answers still on their way are for a question no longer asked
    open(false);
    if (options.keepValue) {
      chosen = hit.entity;
      input.value = label(hit.entity);
    } else {
      input.value = '';
    }
    options.onChoose(hit.entity);
  };

  // Each keystroke takes a ticket; only the newest ticket's answer is shown, and none
  // once a hit was chosen or the box was left. Asked with Enter, the top hit is opened.
  const ask = async (asked: string, mine: number, openTop = false) => {
    if (mine !== sequence) return;
    try {
      const result = await search(asked);
      if (mine !== sequence || document.activeElement !== input) return;
      hits = result;
      answered = asked;
      active = hits.length ? 0 : -1;
      if (openTop && hits.length) choose(0);
      else renderHits();
    } catch (error) {
      if (mine !== sequence) return;
      hits = [];
      // Whatever the user types is theirs to type: the API refusing it means "no matches".
      showNote(isBadInput(error) ? t('noHits') : `${t('error')}: ${(error as Error).message}`);
    }
  };
  const askSoon = debounce(ask, 200);

  input.addEventListener('input', () => {
    chosen = undefined;
    const asked = text();
    const searchable = SEARCHABLE.test(asked);
    if (!searchable || asked.length < 2) {
      sequence++;
      hits = [];
      if (asked && !searchable) showNote(t('typeAWord'));
      else open(false);
      return;
    }
    askSoon(asked, ++sequence);
  });

  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      if (!hits.length) return;
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + hits.length) % hits.length;
      renderHits();
    } else if (e.key === 'Enter') {
      const asked = text();
      if (!list.hidden && hits.length && answered === asked) {
        e.preventDefault();
        choose(Math.max(active, 0));
      } else if (SEARCHABLE.test(asked) && asked.length >= 2) {
        // Enter before the hits of this text arrived: ask now, and open the top hit.
        e.preventDefault();
        void ask(asked, ++sequence, true);
      }
    } else if (e.key === 'Escape') {
      sequence++;
      open(false);
    }
  });
  input.addEventListener('blur', () => setTimeout(() => open(false), 150));
  input.addEventListener('focus', () => {
    if (hits.length && !chosen && input.value.trim().length >= 2) renderHits();
  });

  return {
    root,
    input,
    value: () => chosen,
    setValue(entity) {
      chosen = entity;
      input.value = entity ? label(entity) : '';
    },
    relabel() {
      labelEl.textContent = options.label();
      list.setAttribute('aria-label', options.label());
      input.placeholder = options.placeholder();
      if (chosen) input.value = label(chosen);
      if (!list.hidden && hits.length) renderHits();
    },
  };
}
