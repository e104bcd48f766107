// The unit tests read every catalog straight from web/locales: in the browser they are fetched
// on demand (i18n.ts), which the tests have no server for.
import { registerCatalog } from './i18n';
import kk from '../locales/kk.json';
import ru from '../locales/ru.json';
import en from '../locales/en.json';

registerCatalog('kk', kk);
registerCatalog('ru', ru);
registerCatalog('en', en);
