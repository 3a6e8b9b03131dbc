import { type ArticleView, createArticleView } from './article-view.js';
import { replace } from './dom.js';
import { parseRoute } from './routes.js';
import { createTimeline, type TimelineView } from './timeline.js';
import { createUploadPanel } from './upload.js';

/**
 * The local console (served by `npm start` at /console/): a timeline and an article view over
 * the read API, addressed by the URL's fragment, and an upload panel beside them.
 */
function main(): void {
  const mainElement = document.getElementById('main');
  const uploadSlot = document.getElementById('upload-slot');
  const announcer = document.getElementById('announcer');
  if (mainElement === null || uploadSlot === null || announcer === null) return;

  const announce = (message: string): void => {
    // Emptied first so that the same message twice is read twice.
    announcer.textContent = '';
    window.setTimeout(() => {
      announcer.textContent = message;
    }, 50);
  };

  let current:
    | { readonly kind: 'timeline'; readonly view: TimelineView }
    | { readonly kind: 'article'; readonly view: ArticleView }
    | null = null;
  let firstRoute = true;

  const show = (): void => {
    // A fragment that names no view keeps the current one (or opens the timeline on first load).
    const route = parseRoute(location.hash) ?? (current === null ? parseRoute('') : null);
    if (route === null) return;
    current?.view.dispose();
    if (route.view === 'timeline') {
      const view = createTimeline(route.filters, announce);
      current = { view, kind: 'timeline' };
      document.title = 'Timeline · article-pipeline console';
      replace(mainElement, view.element);
      focusHeading(firstRoute);
    } else {
      const view = createArticleView(route.id);
      current = { view, kind: 'article' };
      document.title = 'Article · article-pipeline console';
      replace(mainElement, view.element);
      void view.ready.then(() => focusHeading(firstRoute));
    }
    firstRoute = false;
  };

  uploadSlot.replaceWith(
    createUploadPanel({
      announce,
      onRecord: (id) => {
        if (current?.kind === 'timeline') current.view.refresh(id);
      },
    }),
  );
  // The skip link moves the focus without touching the fragment, which addresses the views.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    mainElement.focus();
  });
  window.addEventListener('hashchange', show);
  show();
}

/** A new view moves the focus to its heading, so that a screen reader reads where it is now. */
function focusHeading(firstLoad: boolean): void {
  if (firstLoad) return;
  document.getElementById('view-heading')?.focus();
}

main();
