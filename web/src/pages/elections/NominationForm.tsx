// A nomination (ELEC-REG-1): the student, the program with its live word count, its language and the
// declared leadership experience; and its correction by the commission before registration.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import { RuleRef } from '../../components/Alert';
import { SelectField, TextAreaField } from '../../components/Field';
import { PersonPicker } from '../../components/PersonPicker';
import type { PickedPerson } from '../../components/picker';
import { LOCALES, t } from '../../i18n';
import { candidatePath, countWords, electionPath, MAX_PROGRAM_WORDS, type Candidate, type Election } from './elections';
import { useAction } from './parts';

// The fields a nomination and its correction share: the program with its word count as the server
// counts it (ELEC-REG-1), its language, and the declared leadership experience.
function ProgramFields(props: {
  program: string;
  setProgram: (value: string) => void;
  lang: string;
  setLang: (value: string) => void;
  leadership: string;
  setLeadership: (value: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const { program, setProgram, lang, setLang, leadership, setLeadership, errors } = props;
  const words = countWords(program, lang);
  return (
    <>
      <TextAreaField
        label={t('ui.election.program')}
        name="program"
        rows={5}
        value={program}
        onValue={setProgram}
        hint={t('ui.election.words', { count: words, max: MAX_PROGRAM_WORDS })}
        error={errors.program ?? (words > MAX_PROGRAM_WORDS ? t('ui.election.too_many_words', { max: MAX_PROGRAM_WORDS }) : undefined)}
      />
      <SelectField label={t('ui.election.program_lang')} name="program_lang" value={lang} onValue={setLang} options={LOCALES.map((l) => ({ value: l, label: t(`ui.lang.${l}.name`) }))} error={errors.program_lang} />
      <TextAreaField label={t('ui.election.leadership_declared')} name="leadership_declared" rows={2} value={leadership} onValue={setLeadership} error={errors.leadership_declared} />
    </>
  );
}

const NOMINATE_FIELDS = ['person_id', 'program', 'program_lang', 'leadership_declared'];

export function NominationForm({ election, onNominated }: { election: Election; onNominated: () => Promise<void> }) {
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const [program, setProgram] = useState('');
  const [lang, setLang] = useState('kk');
  const [leadership, setLeadership] = useState('');
  const action = useAction(NOMINATE_FIELDS);
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!person) {
      action.fail('person_id', t('ui.body.choose_person'));
      return;
    }
    const ok = await action.run(async () => {
      await api.post(electionPath(election.id, 'candidates'), { person_id: Number(person.id), program, program_lang: lang, leadership_declared: leadership });
    });
    if (ok) {
      setPerson(null);
      setProgram('');
      setLeadership('');
      await onNominated();
    }
  };
  return (
    <form class="form" noValidate onSubmit={submit} data-testid="nominate">
      <h3 class="subheading">{t('ui.election.nominate')}</h3>
      {action.alert}
      <PersonPicker label={t('ui.election.student')} name="person_id" kind="student" value={person} onValue={setPerson} required error={action.errors.fields.person_id} />
      <ProgramFields program={program} setProgram={setProgram} lang={lang} setLang={setLang} leadership={leadership} setLeadership={setLeadership} errors={action.errors.fields} />
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy}>
          {t('ui.election.nominate_submit')}
        </button>
      </div>
    </form>
  );
}

const EDIT_FIELDS = ['program', 'program_lang', 'leadership_declared'];

// Before registration the commission corrects the nomination: the program (ELEC-REG-1, at most
// 100 words, counted live as the server counts them) and the declared leadership experience.
// The card shows the PATCH answer (onSaved) before the form closes, so whoever reads the card
// after the form is gone reads the saved text.
export function EditNomination({ candidate: c, onSaved }: { candidate: Candidate; onSaved: (candidate: Candidate) => void }) {
  const [open, setOpen] = useState(false);
  const [program, setProgram] = useState(c.program);
  const [lang, setLang] = useState(c.program_lang || 'kk');
  const [leadership, setLeadership] = useState(c.leadership_declared);
  const action = useAction(EDIT_FIELDS);
  if (!open)
    return (
      <p>
        <button
          type="button"
          class="button button-secondary"
          data-testid="edit-nomination"
          onClick={() => {
            setProgram(c.program);
            setLang(c.program_lang || 'kk');
            setLeadership(c.leadership_declared);
            action.clear();
            setOpen(true);
          }}
        >
          {t('ui.election.edit_nomination')}
        </button>
      </p>
    );
  const changes: Record<string, string> = {};
  if (program !== c.program) changes.program = program;
  if (lang !== c.program_lang) changes.program_lang = lang;
  if (leadership !== c.leadership_declared) changes.leadership_declared = leadership;
  return (
    <form
      class="form"
      noValidate
      data-testid="edit-nomination-form"
      onSubmit={async (event) => {
        event.preventDefault();
        const ok = await action.run(async () => {
          onSaved(await api.patch<Candidate>(candidatePath(c.id), changes));
        });
        if (ok) setOpen(false);
      }}
    >
      <h4>
        {t('ui.election.edit_nomination')} <RuleRef rule="ELEC-REG-1" />
      </h4>
      {action.alert}
      <ProgramFields program={program} setProgram={setProgram} lang={lang} setLang={setLang} leadership={leadership} setLeadership={setLeadership} errors={action.errors.fields} />
      {program !== c.program && c.program_review !== 'pending' && <p class="muted">{t('ui.election.edit_review_again')}</p>}
      <div class="form-actions">
        <button type="submit" class="button" disabled={action.busy || Object.keys(changes).length === 0}>
          {t('ui.common.save')}
        </button>
        <button type="button" class="button button-secondary" onClick={() => setOpen(false)}>
          {t('ui.common.cancel')}
        </button>
      </div>
    </form>
  );
}
