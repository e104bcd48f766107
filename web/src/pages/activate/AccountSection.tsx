// A person's account on their page, for the administration: whether it is activated, and a new
// activation code (which revokes the old one) shown once, with its slip to print.
import { useState } from 'preact/hooks';
import { api, downloadFile } from '../../api';
import { Alert } from '../../components/Alert';
import { useApp } from '../../context';
import { formatDateTime } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { Section, useAction } from '../elections/parts';
import type { PersonAccount } from './accounts';

interface NewCode {
  batch_id: number;
  login: string;
  code: string;
  expires_at: string;
  emailed: boolean;
  sheet_url: string;
}

export function AccountSection({ personId }: { personId: number }) {
  const { locale } = useApp();
  const [loaded, reload] = useResource<{ account: PersonAccount | null }>(`/api/v1/people/${personId}/account`, [locale]);
  const [issued, setIssued] = useState<NewCode | null>(null);
  const action = useAction(['person']);
  if (loaded.state !== 'ready') return null;
  const account = loaded.data.account;

  const issue = () =>
    void action.run(async () => {
      setIssued(await api.post<NewCode>(`/api/v1/people/${personId}/activation-code`, {}));
      await reload();
    });

  return (
    <Section title={t('ui.account.title')} testid="account-section">
      {account ? (
        <dl class="facts">
          <dt>{t('ui.login.login')}</dt>
          <dd data-testid="account-login">{account.login}</dd>
          <dt>{t('ui.account.status')}</dt>
          <dd>
            <span class={`badge badge-account-${account.status}`} data-testid="account-status" data-status={account.status}>
              {t(`ui.account.status_${account.status}`)}
            </span>
            {account.code_expires_at && <> {t('ui.account.code_until', { date: formatDateTime(account.code_expires_at, locale) })}</>}
          </dd>
        </dl>
      ) : (
        <p data-testid="account-none">{t('ui.account.none')}</p>
      )}
      {action.alert}
      {issued && (
        <Alert kind="success">
          <p>{t('ui.account.new_code', { login: issued.login })}</p>
          <p class="code-display" data-testid="new-code">
            {issued.code}
          </p>
          {issued.emailed && <p>{t('ui.account.code_emailed')}</p>}
          <button type="button" class="button button-secondary" onClick={() => void action.run(() => downloadFile(issued.sheet_url, `activation-${issued.login}.pdf`))}>
            {t('ui.accounts.download_sheet')}
          </button>
        </Alert>
      )}
      {account?.status !== 'disabled' && (
        <button type="button" class="button" onClick={issue} disabled={action.busy} data-testid="issue-code">
          {account ? t('ui.account.issue_new_code') : t('ui.account.issue_account')}
        </button>
      )}
    </Section>
  );
}
