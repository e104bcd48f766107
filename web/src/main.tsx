import { render } from 'preact';
import { App } from './app';
import { DEFAULT_LOCALE, isCatalogLoaded, setLocale } from './i18n';
import { initialLocale } from './locale-pref';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/bodies.css';
import './styles/elections.css';
import './styles/attendance.css';
import './styles/discipline.css';
import './styles/hostel.css';
import './styles/statements.css';
import './styles/instructions.css';

// The first render waits for the language's catalog, so no raw keys ever show. Should the
// stored language's catalog fail to load, Kazakh is tried; the app renders in any case.
const first = initialLocale();
document.documentElement.lang = first;
setLocale(first)
  .then(() => (isCatalogLoaded(first) ? undefined : setLocale(DEFAULT_LOCALE)))
  .finally(() => {
    const root = document.getElementById('app');
    if (root) render(<App />, root);
  });
