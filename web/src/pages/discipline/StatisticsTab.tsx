// The committee's analysis of misconduct (seed 004): incidents of a period by tier, kind, group and
// month, with cases and penalties; the figures as a workbook and the violations journal as PDF.
import { useState } from 'preact/hooks';
import { withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { TextField } from '../../components/Field';
import { Loading } from '../../components/Loading';
import { useApp } from '../../context';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import { useResource } from '../bodies/bodies-api';
import { Bars } from '../elections/parts';

export interface DisciplineStatistics {
  from: string;
  to: string;
  incidents: number;
  cases_opened: number;
  cases_decided: number;
  penalties: number;
  by_tier: { tier: string; count: number }[];
  by_kind: { kind_code: string; name: string; count: number }[];
  by_group: { group: string; count: number }[];
  by_month: { month: string; count: number }[];
}

/** September 1 of the academic year a day belongs to (GEN-2: the year starts in September). */
export function academicYearStart(today: string): string {
  const [y, m] = today.split('-').map(Number);
  return `${m >= 9 ? y : y - 1}-09-01`;
}

export function StatisticsTab() {
  const { locale } = useApp();
  const today = todayInAlmaty();
  const [from, setFrom] = useState(academicYearStart(today));
  const [to, setTo] = useState(today);
  const period = { from, to };
  const [stats] = useResource<DisciplineStatistics>(withQuery('/api/v1/discipline/statistics', period), [locale, from, to]);
  return (
    <section class="section card" data-testid="discipline-statistics">
      <h2>{t('ui.discipline.stats.title')}</h2>
      <div class="form-row">
        <TextField label={t('ui.discipline.stats.from')} name="from" type="date" value={from} onValue={setFrom} />
        <TextField label={t('ui.discipline.stats.to')} name="to" type="date" value={to} onValue={setTo} />
      </div>
      {stats.state === 'loading' && <Loading />}
      {stats.state === 'failed' && <Alert>{stats.message}</Alert>}
      {stats.state === 'ready' && (
        <>
          <dl class="facts facts-pairs" data-testid="stats-summary">
            <dt>{t('ui.discipline.stats.period')}</dt>
            <dd>
              {formatDate(stats.data.from, locale)} — {formatDate(stats.data.to, locale)}
            </dd>
            <dt>{t('ui.discipline.stats.incidents')}</dt>
            <dd data-testid="stats-incidents">{stats.data.incidents}</dd>
            <dt>{t('ui.discipline.stats.cases_opened')}</dt>
            <dd>{stats.data.cases_opened}</dd>
            <dt>{t('ui.discipline.stats.cases_decided')}</dt>
            <dd>{stats.data.cases_decided}</dd>
            <dt>{t('ui.discipline.stats.penalties')}</dt>
            <dd>{stats.data.penalties}</dd>
          </dl>
          <h3>{t('ui.discipline.stats.by_tier')}</h3>
          <Bars testid="stats-by-tier" rows={stats.data.by_tier.map((x) => ({ key: x.tier, label: t(`discipline.tier.${x.tier}`), value: x.count }))} />
          <h3>{t('ui.discipline.stats.by_kind')}</h3>
          <Bars rows={stats.data.by_kind.map((x) => ({ key: x.kind_code, label: x.name, value: x.count }))} />
          <h3>{t('ui.discipline.stats.by_group')}</h3>
          <Bars rows={stats.data.by_group.map((x) => ({ key: x.group || '-', label: x.group || t('ui.discipline.stats.no_group'), value: x.count }))} />
          <h3>{t('ui.discipline.stats.by_month')}</h3>
          <Bars rows={stats.data.by_month.map((x) => ({ key: x.month, label: x.month, value: x.count }))} />
          <p class="actions-row">
            {(['kk', 'ru', 'en'] as const).map((lang) => (
              <a key={`x-${lang}`} class="button button-secondary button-small" href={withQuery('/api/v1/discipline/statistics.xlsx', { ...period, lang })} download>
                {t('ui.discipline.stats.xlsx', { lang: lang.toUpperCase() })}
              </a>
            ))}
            {(['kk', 'ru', 'en'] as const).map((lang) => (
              <a key={`j-${lang}`} class="button button-secondary button-small" href={withQuery('/api/v1/discipline/journal.pdf', { ...period, lang })} download>
                {t('ui.discipline.stats.journal', { lang: lang.toUpperCase() })}
              </a>
            ))}
          </p>
        </>
      )}
    </section>
  );
}
