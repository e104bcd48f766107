// The org chart (ORG-2): the bodies and who holds which position, drawn by the server as SVG in
// the UI language, with the PDF in each of the three languages.
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { LOCALES, t } from '../../i18n';
import type { RouteProps } from '../../routes';

export const orgChartSvgPath = (lang: string) => `/api/v1/org-chart.svg?lang=${encodeURIComponent(lang)}`;
export const orgChartPdfPath = (lang: string) => `/api/v1/org-chart.pdf?lang=${encodeURIComponent(lang)}`;

export function OrgChartPage(_props: RouteProps) {
  const { locale, user } = useApp();
  const institution = user?.institution?.name ?? '';
  const svg = orgChartSvgPath(locale);
  return (
    <>
      <PageHeader title={t('ui.org_chart.title')} subtitle={institution || undefined} />
      <section class="section card" aria-labelledby="org-chart-downloads">
        <h2 id="org-chart-downloads">{t('ui.org_chart.download')}</h2>
        <ul class="plain-list org-chart-downloads" data-testid="org-chart-downloads">
          {LOCALES.map((lang) => (
            <li key={lang}>
              <a href={orgChartPdfPath(lang)} download={`org-chart-${lang}.pdf`} data-lang={lang} hrefLang={lang}>
                {t('ui.org_chart.pdf', { lang })}
              </a>
            </li>
          ))}
        </ul>
      </section>
      <figure class="org-chart-figure">
        <div class="org-chart-frame">
          <img key={svg} src={svg} class="org-chart-image" alt={t('ui.org_chart.alt')} data-testid="org-chart-image" />
        </div>
        <figcaption class="muted">
          <a href={svg} target="_blank" rel="noopener">
            {t('ui.org_chart.open_full')}
          </a>
        </figcaption>
      </figure>
    </>
  );
}
