// Work the page is doing, in the store: tests wait for data-pending="0", and data-running
// names what is still going on (the page's frame shows both). Failures go to the status line.
import { t } from './i18n';
import { page } from './page';

export function say(message: string): void {
  page.set({ status: message });
}

/** Runs a user action, reporting a failure in the status line. */
export async function track(what: string, work: () => Promise<void>): Promise<void> {
  page.set((state) => ({ running: [...state.running, what] }));
  try {
    await work();
  } catch (error) {
    console.error(error);
    say(`${t('error')}: ${(error as Error).message}`);
  } finally {
    page.set((state) => {
      const running = [...state.running];
      running.splice(running.indexOf(what), 1);
      return { running };
    });
  }
}
