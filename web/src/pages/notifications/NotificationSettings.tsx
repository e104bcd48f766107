import { useEffect, useState } from 'preact/hooks';
import { isAbort } from '../../api';
import { Alert } from '../../components/Alert';
import { problemMessage } from '../../errors';
import { t } from '../../i18n';
import { fetchNotificationSettings, putNotificationSetting, type NotificationSetting } from './notifications';

/** Per kind of notice: also by e-mail, or only here. Each box saves at once. */
export function NotificationSettings() {
  const [settings, setSettings] = useState<NotificationSetting[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  useEffect(() => {
    fetchNotificationSettings()
      .then((data) => setSettings(data.items))
      .catch((err) => !isAbort(err) && setError(problemMessage(err)));
  }, []);

  const change = async (kind: string, mail: boolean) => {
    setBusy(kind);
    setError(null);
    setSaved(null);
    try {
      setSettings((await putNotificationSetting(kind, mail)).items);
      setSaved(kind);
    } catch (err) {
      setError(problemMessage(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="notification-settings" aria-labelledby="notification-settings-title" data-testid="notification-settings">
      <h2 id="notification-settings-title">{t('ui.notifications.settings.title')}</h2>
      <p class="muted">{t('ui.notifications.settings.hint')}</p>
      {error && <Alert>{error}</Alert>}
      {settings && (
        <fieldset class="notification-kinds">
          <legend>{t('ui.notifications.settings.by_mail')}</legend>
          {settings.map((setting) => {
            const id = `notice-mail-${setting.kind}`;
            return (
              <div class="field-check" key={setting.kind}>
                <input
                  id={id}
                  type="checkbox"
                  name={setting.kind}
                  checked={setting.mail}
                  disabled={busy === setting.kind}
                  onChange={(event) => change(setting.kind, (event.currentTarget as HTMLInputElement).checked)}
                />
                <label for={id}>{t(`ui.notifications.kind.${setting.kind}`)}</label>
              </div>
            );
          })}
        </fieldset>
      )}
      <p class="muted" role="status" data-testid="notification-settings-status">
        {saved ? t('ui.notifications.settings.saved') : ''}
      </p>
    </section>
  );
}
