import { render } from 'preact';
import { App } from './app';
import { setLocale } from './i18n';
import { initialLocale } from './locale-pref';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/pages.css';
import './styles/bodies.css';
import './styles/elections.css';

setLocale(initialLocale());
document.documentElement.lang = initialLocale();

const root = document.getElementById('app');
if (root) render(<App />, root);
