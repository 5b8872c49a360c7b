// The main search: a hit is brought into view (see main.ts's focus).
import { byId } from './dom';
import { combobox } from './combobox';
import { t } from './i18n';
import type { PageStore } from './store';

export function mountSearch(page: PageStore, handlers: { open(id: string): void }): void {
  const box = combobox({
    label: () => t('search'),
    placeholder: () => t('searchPlaceholder'),
    testid: 'search',
    keepValue: false,
    onChoose: (entity) => handlers.open(entity.id),
  });
  byId('search-slot').append(box.root);
  page.watch(
    (state) => [state.lang],
    () => box.relabel(),
  );
}
