// /elections/:id/stations/:stationId: the polling station (ELEC-DAY-2). A commission member finds
// the voter by the student number on the student ID, sees whether they voted, and records
// "ballot issued" with the voter's signature on the screen or on the paper list.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api';
import { Alert, RuleRef } from '../../components/Alert';
import { CheckboxField, TextField } from '../../components/Field';
import { Link } from '../../components/Link';
import { PageHeader } from '../../components/PageHeader';
import { useApp } from '../../context';
import { t } from '../../i18n';
import type { RouteProps } from '../../routes';
import { useResource } from '../bodies/bodies-api';
import { electionPath, issueBody, withQueryNumber, type Election, type Voter } from './elections';
import { useAction } from './parts';

export function StationPage({ params }: RouteProps) {
  const { locale } = useApp();
  const [election] = useResource<Election>(electionPath(params.id), [locale]);
  const station = election.state === 'ready' ? election.data.stations.find((s) => String(s.id) === params.stationId) : undefined;
  const [number, setNumber] = useState('');
  const [voter, setVoter] = useState<Voter | null>(null);
  const [paper, setPaper] = useState(false);
  const [signed, setSigned] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const find = useAction(['student_number']);
  const issue = useAction(['student_number', 'signature_png', 'paper_signature']);
  const canvas = useRef<HTMLCanvasElement>(null);

  const lookup = async (event: Event) => {
    event.preventDefault();
    setNotice(null);
    setVoter(null);
    await find.run(async () => {
      setVoter(await api.get<Voter>(withQueryNumber(electionPath(params.id, 'roll'), number.trim())));
      setPaper(false);
      setSigned(false);
    });
  };

  const submit = async () => {
    if (!voter) return;
    const png = !paper && signed && canvas.current ? canvas.current.toDataURL('image/png') : null;
    if (!paper && !png) {
      issue.fail('signature_png', t('ui.station.sign_first'));
      return;
    }
    const ok = await issue.run(async () => {
      const updated = await api.post<Voter>(electionPath(params.id, `stations/${params.stationId}/issue`), issueBody(voter.student_number, png, paper));
      setVoter(updated);
    });
    if (ok) {
      setNotice(t('ui.station.issued', { name: voter.full_name }));
      setNumber('');
    }
  };

  return (
    <div class="station-screen">
      <p class="breadcrumb">
        <Link href={`/elections/${encodeURIComponent(params.id)}`}>{election.state === 'ready' ? election.data.title : t('ui.election.back')}</Link>
      </p>
      <PageHeader title={t('ui.station.title', { name: station?.name ?? '' })} />
      <p class="muted">
        {t('ui.station.intro')} <RuleRef rule="ELEC-DAY-2" />
      </p>
      {notice && <Alert kind="success">{notice}</Alert>}
      <form class="form big-form" noValidate onSubmit={lookup} data-testid="find-voter">
        {find.alert}
        <TextField label={t('ui.station.student_number')} name="student_number" inputMode="numeric" autoComplete="off" value={number} onValue={setNumber} error={find.errors.fields.student_number} />
        <button type="submit" class="button button-large">
          {t('ui.station.find')}
        </button>
      </form>
      {voter && (
        <section class="card voter-card" data-testid="voter" data-voted={voter.voted ? 'true' : 'false'} data-person-id={String(voter.person_id)}>
          <h2>{voter.full_name}</h2>
          <p>
            {voter.student_number} · {voter.faculty || t('ui.election.no_faculty')}
          </p>
          <p data-testid="voter-status">
            <strong>{voter.voted ? t(`ui.station.voted_${voter.voted_via ?? 'station'}`) : t('ui.station.not_voted')}</strong>
          </p>
          {!voter.voted && (
            <>
              {issue.alert}
              {!paper && <SignaturePad canvas={canvas} onSigned={setSigned} error={issue.errors.fields.signature_png} />}
              <CheckboxField label={t('ui.station.paper_signature')} name="paper_signature" checked={paper} onChecked={setPaper} error={issue.errors.fields.paper_signature} />
              <button type="button" class="button button-large" data-testid="issue-ballot" disabled={issue.busy} onClick={submit}>
                {t('ui.station.issue')}
              </button>
            </>
          )}
        </section>
      )}
    </div>
  );
}

function SignaturePad({ canvas, onSigned, error }: { canvas: { current: HTMLCanvasElement | null }; onSigned: (signed: boolean) => void; error?: string }) {
  const drawing = useRef(false);
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const context = element.getContext('2d');
    if (!context) return;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, element.width, element.height);
    context.lineWidth = 3;
    context.lineCap = 'round';
    context.strokeStyle = '#111111';
  }, []);
  const point = (event: PointerEvent) => {
    const element = canvas.current as HTMLCanvasElement;
    const box = element.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * element.width) / box.width, y: ((event.clientY - box.top) * element.height) / box.height };
  };
  const clear = () => {
    const element = canvas.current;
    const context = element?.getContext('2d');
    if (!element || !context) return;
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, element.width, element.height);
    onSigned(false);
  };
  return (
    <div class={`field signature${error ? ' field-invalid' : ''}`}>
      <p id="signature-label">{t('ui.station.sign_here')}</p>
      <canvas
        ref={canvas}
        width={600}
        height={200}
        class="signature-pad"
        data-testid="signature-pad"
        aria-labelledby="signature-label"
        aria-describedby={error ? 'signature-error' : undefined}
        onPointerDown={(event) => {
          drawing.current = true;
          (event.currentTarget as HTMLCanvasElement).setPointerCapture?.(event.pointerId);
          const context = canvas.current?.getContext('2d');
          const p = point(event);
          context?.beginPath();
          context?.moveTo(p.x, p.y);
        }}
        onPointerMove={(event) => {
          if (!drawing.current) return;
          const context = canvas.current?.getContext('2d');
          const p = point(event);
          context?.lineTo(p.x, p.y);
          context?.stroke();
          onSigned(true);
        }}
        onPointerUp={() => {
          drawing.current = false;
        }}
      />
      <button type="button" class="button button-secondary" onClick={clear}>
        {t('ui.station.clear')}
      </button>
      {error && (
        <p class="field-error" id="signature-error" data-field-error>
          {error}
        </p>
      )}
    </div>
  );
}
