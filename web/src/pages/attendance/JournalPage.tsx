// A group's journal on a phone: the day (and lesson), the class with everyone present, a tap on
// a student for absent or late, then one save for the whole class. The infractions the journal
// proposes wait above the list for the curator (DISC-ESC-1); the term summary and the printable
// journal (GEN-4) below it.
import { useEffect, useState } from 'preact/hooks';
import { api, downloadFile, isAbort, withQuery } from '../../api';
import { Alert } from '../../components/Alert';
import { SelectField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { formErrors, problemMessage } from '../../errors';
import { formatDate, todayInAlmaty } from '../../format';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { allPresent, countMarks, isDirty, markRequest, rollFrom, tap, type GroupSummary, type Journal, type Roll } from './attendance';
import { ProposalList } from './ProposalList';

export function JournalPage({ params }: RouteProps) {
  const { locale } = useApp();
  const id = params.id;
  const [date, setDate] = useState(todayInAlmaty());
  const [lesson, setLesson] = useState(1);
  const [journal, setJournal] = useState<Journal | null>(null);
  const [roll, setRoll] = useState<Roll>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .get<Journal>(withQuery(`/api/v1/groups/${encodeURIComponent(id)}/attendance`, { date, lesson: journal?.by_lesson ? lesson : undefined }))
      .then((data) => {
        if (!live) return;
        setJournal(data);
        setRoll(rollFrom(data));
      })
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [id, date, lesson, locale, version]);

  const save = async () => {
    if (!journal) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const saved = await api.put<Journal>(`/api/v1/groups/${encodeURIComponent(id)}/attendance`, markRequest(roll, date, journal.by_lesson ? lesson : null));
      setJournal(saved);
      setRoll(rollFrom(saved));
      setNotice(t('ui.attendance.saved', { count: saved.changed ?? 0, proposed: saved.proposed?.length ?? 0 }));
    } catch (err) {
      setError(formErrors(err, []).general.join(' '));
    } finally {
      setBusy(false);
    }
  };

  const counts = countMarks(roll);
  const dirty = journal ? isDirty(roll, journal) : false;
  return (
    <>
      <PageHeader title={journal ? t('ui.attendance.journal_title', { group: journal.group.name }) : t('ui.attendance.journal')}>
        <Link href="/attendance">{t('ui.attendance.title')}</Link>
        {journal && <Link href={`/attendance/groups/${journal.group.id}/unsigned`} data-testid="unsigned-link">{t('ui.attendance.unsigned.title')}</Link>}
      </PageHeader>
      <div class="attendance-controls">
        <TextField label={t('ui.attendance.date')} name="date" type="date" value={date} max={todayInAlmaty()} onValue={(v) => v && setDate(v)} />
        {journal?.by_lesson && (
          <SelectField
            label={t('ui.attendance.lesson')}
            name="lesson"
            value={String(lesson)}
            onValue={(v) => setLesson(Number(v))}
            options={[1, 2, 3, 4, 5, 6, 7].map((n) => ({ value: String(n), label: t('ui.attendance.lesson_n', { n }) }))}
          />
        )}
      </div>
      {journal && <ProposalList proposals={journal.proposals} onChanged={() => setVersion(version + 1)} />}
      {error && <Alert>{error}</Alert>}
      {notice && <Alert kind="success">{notice}</Alert>}
      {!journal && !error && <Loading />}
      {journal && (
        <section class="section card" aria-labelledby="attendance-roll">
          <h2 id="attendance-roll">
            {formatDate(journal.date, locale)}
            {journal.term ? ` · ${t('ui.attendance.term_n', { n: journal.term.number })}` : ''}
          </h2>
          {!journal.term && <p class="muted">{t('ui.attendance.not_in_term')}</p>}
          <p class="muted" data-testid="attendance-counts">
            {t('ui.attendance.counts', { present: counts.present, absent: counts.absent, late: counts.late })}
            {journal.marked ? '' : ` · ${t('ui.attendance.not_marked')}`}
          </p>
          <div class="form-actions">
            <button type="button" class="button button-secondary" onClick={() => setRoll(allPresent(roll))} data-testid="all-present">
              {t('ui.attendance.all_present')}
            </button>
          </div>
          <p class="muted">{t('ui.attendance.tap_hint')}</p>
          <ul class="plain-list attendance-roll" data-testid="attendance-roll">
            {journal.students.map((s) => {
              const key = String(s.person_id);
              const entry = roll[key] ?? { mark: 'present', minutes: '' };
              return (
                <li key={key} class={`roll-row roll-${entry.mark}`}>
                  <button
                    type="button"
                    class="roll-button"
                    data-mark={entry.mark}
                    data-testid="roll-student"
                    onClick={() => setRoll(tap(roll, key))}
                  >
                    <span class="roll-name">{s.name}</span>
                    <span class="roll-mark">{t(`ui.attendance.mark.${entry.mark}`)}</span>
                    {s.reason && entry.mark === 'absent' && <span class="roll-reason">{t(`ui.attendance.reason.${s.reason}`)}</span>}
                    {(s.term_late > 0 || s.term_unjustified > 0) && (
                      <span class="roll-term muted">{t('ui.attendance.term_counts', { late: s.term_late, absent: s.term_unjustified })}</span>
                    )}
                  </button>
                  {entry.mark === 'late' && (
                    <label class="roll-minutes">
                      {t('ui.attendance.minutes_late')}
                      <input
                        type="number"
                        inputMode="numeric"
                        min={1}
                        max={600}
                        value={entry.minutes}
                        onInput={(e) => setRoll({ ...roll, [key]: { mark: 'late', minutes: (e.target as HTMLInputElement).value } })}
                      />
                    </label>
                  )}
                </li>
              );
            })}
          </ul>
          <div class="form-actions attendance-save">
            <button type="button" class="button" disabled={busy || !journal.term || journal.students.length === 0} onClick={save} data-testid="attendance-save">
              {busy ? t('ui.common.saving') : t('ui.attendance.save', { count: journal.students.length })}
            </button>
            {dirty && journal.marked && <span class="muted">{t('ui.attendance.unsaved')}</span>}
          </div>
        </section>
      )}
      {journal && <TermSummary groupId={id} year={journal.academic_year} term={journal.term?.number ?? null} version={version} />}
      {journal && (
        <p>
          <button
            type="button"
            class="button button-secondary"
            onClick={() => downloadFile(withQuery(`/api/v1/groups/${encodeURIComponent(id)}/attendance/journal.pdf`, { month: date.slice(0, 7), lang: locale }), `attendance-${journal.group.name}-${date.slice(0, 7)}.pdf`).catch((err) => setError(problemMessage(err)))}
          >
            {t('ui.attendance.print_month')}
          </button>
        </p>
      )}
    </>
  );
}

function TermSummary({ groupId, year, term, version }: { groupId: string; year: string; term: number | null; version: number }) {
  const [open, setOpen] = useState(false);
  const [summary, setSummary] = useState<GroupSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api
      .get<GroupSummary>(withQuery(`/api/v1/groups/${encodeURIComponent(groupId)}/attendance/summary`, { year, term: term ?? undefined }))
      .then((data) => live && setSummary(data))
      .catch((err) => live && !isAbort(err) && setError(problemMessage(err)));
    return () => {
      live = false;
    };
  }, [open, groupId, year, term, version]);
  return (
    <section class="section card" aria-labelledby="attendance-summary">
      <h2 id="attendance-summary">{t('ui.attendance.term_summary')}</h2>
      {!open && (
        <button type="button" class="button button-secondary" onClick={() => setOpen(true)} data-testid="show-summary">
          {t('ui.attendance.show_summary')}
        </button>
      )}
      {error && <Alert>{error}</Alert>}
      {open && !summary && !error && <Loading />}
      {summary && (
        <table class="table responsive-table" data-testid="attendance-summary">
          <thead>
            <tr>
              <th scope="col">{t('ui.attendance.student')}</th>
              <th scope="col">{t('ui.attendance.late_days')}</th>
              <th scope="col">{t('ui.attendance.unjustified_days')}</th>
              <th scope="col">{t('ui.attendance.justified_days')}</th>
              <th scope="col">{t('ui.attendance.absent_lessons')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.students.map((s) => (
              <tr key={String(s.person_id)}>
                <th scope="row" data-label={t('ui.attendance.student')}>
                  <Link href={`/attendance/students/${s.person_id}`}>{s.name}</Link>
                </th>
                <td data-label={t('ui.attendance.late_days')}>{s.late_days}</td>
                <td data-label={t('ui.attendance.unjustified_days')}>{s.unjustified_days}</td>
                <td data-label={t('ui.attendance.justified_days')}>{s.justified_days}</td>
                <td data-label={t('ui.attendance.absent_lessons')}>{s.absent_marks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
