// A page whose code is fetched on its first visit. The modules reached from few screens (rewards,
// statements, instructions, the hostel) are chunks of their own, so the script every visitor
// loads first, the login page's, stays within its size budget (static-assets.test.mjs).
import type { FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { Alert } from './Alert';
import { Loading } from './Loading';

export function lazyPage<P extends object>(load: () => Promise<FunctionComponent<P>>): FunctionComponent<P> {
  let loaded: FunctionComponent<P> | null = null;
  let pending: Promise<FunctionComponent<P>> | null = null;
  return function LazyPage(props: P) {
    const [, setReady] = useState(false);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return undefined;
      let live = true;
      pending ??= load();
      pending.then(
        (page) => { loaded = page; if (live) setReady(true); },
        () => { pending = null; if (live) setFailed(true); });
      return () => { live = false; };
    }, []);
    if (loaded) {
      const Page = loaded;
      return <Page {...props} />;
    }
    if (failed) return <Alert>{t('ui.error.network')}</Alert>;
    return <Loading />;
  };
}
