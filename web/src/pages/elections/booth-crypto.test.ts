import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiError, NETWORK_ERROR_STATUS } from '../../api';
import { DEFAULT_LOCALE, setLocale, t } from '../../i18n';
import { generateCredential } from '../../verifiable/credential';
import { answersMatch, boardLink, boothIsVerifiable, boothRefusal, checkCode, choicesFor, rollToken, type BeleniosBooth } from './booth-crypto';

// Computed once in Node: createHash('sha256').update('kenes-roll|' + code).digest('hex'), for a
// code generateCredential() made (so the vector does not depend on the code under test).
const CODE = 'RUu-QnT-e7b-gAz-5Wa';
const ROLL = '486be448eb9a938c46e9be2eb3b66bbfa92cdf07184fa5f253f68e6e622efeca';

beforeEach(() => setLocale('en'));
afterEach(() => setLocale(DEFAULT_LOCALE));

describe('roll token', () => {
  it('is the hex SHA-256 of "kenes-roll|" and the canonical code (known vector)', async () => {
    expect(await rollToken(CODE)).toBe(ROLL);
  });

  it('agrees with Node for fresh codes', async () => {
    for (let i = 0; i < 5; i++) {
      const code = generateCredential();
      expect(await rollToken(code)).toBe(createHash('sha256').update(`kenes-roll|${code}`).digest('hex'));
    }
  });

  it('does not depend on how the voter typed the code', async () => {
    for (const typed of [CODE, 'RUuQnTe7bgAz5Wa', ' RUu QnT e7b gAz 5Wa ', 'RUu-QnT e7bgAz-5Wa']) {
      const checked = await checkCode(typed);
      expect(checked).toEqual({ ok: true, code: CODE });
      if (checked.ok) expect(await rollToken(checked.code)).toBe(ROLL);
    }
  });
});

describe('checkCode: a typo is said before anything is sent', () => {
  it('an empty code', async () => {
    expect(await checkCode(' - ')).toEqual({ ok: false, message: t('ui.booth.code_required') });
  });

  it('a code too short', async () => {
    expect(await checkCode('RUu-QnT')).toEqual({ ok: false, message: 'A code has 15 characters; you typed 6. Check the code on your slip.' });
  });

  it('a character no code has, with its position', async () => {
    const checked = await checkCode('RUu-0nT-e7b-gAz-5Wa');
    expect(checked).toEqual({ ok: false, message: t('ui.booth.code_character', { position: 4, character: '0' }) });
    expect(checked.ok ? '' : checked.message).toContain('Character 4 (“0”)');
  });

  it('one wrong letter breaks the checksum', async () => {
    expect(await checkCode('RUu-RnT-e7b-gAz-5Wa')).toEqual({ ok: false, message: t('ui.booth.code_typo') });
    // case matters: base 58 has both
    expect(await checkCode('ruu-qnt-e7b-gaz-5wa')).toMatchObject({ ok: false });
  });

  it('speaks the voter’s language', async () => {
    setLocale('kk');
    const checked = await checkCode('RUu');
    expect(checked.ok ? '' : checked.message).toBe('Кодта 15 таңба болады, ал сіз 3 таңба енгіздіңіз. Қағаздағы кодты тексеріңіз.');
  });
});

describe('choices', () => {
  it('puts the 1 at the chosen candidate’s answer index, one question', () => {
    expect(choicesFor([7, 3, 9], 3)).toEqual([[0, 1, 0]]);
    expect(choicesFor([7, 3, 9], 7)).toEqual([[1, 0, 0]]);
    expect(choicesFor([42], 42)).toEqual([[1]]);
  });

  it('refuses a candidate the encrypted ballot does not have', () => {
    expect(() => choicesFor([7, 3, 9], 4)).toThrow(/not among/);
  });

  it('the page’s candidates must be exactly the answers', () => {
    expect(answersMatch([7, 3, 9], [9, 7, 3])).toBe(true);
    expect(answersMatch([7, 3, 9], [7, 3])).toBe(false);
    expect(answersMatch([7, 3], [7, 3, 9])).toBe(false);
    expect(answersMatch([7, 3, 9], [7, 3, 4])).toBe(false);
    expect(answersMatch([7, 7], [7, 3])).toBe(false);
  });
});

describe('booth data', () => {
  const booth: BeleniosBooth = { election_id: 1, verifiable: true, election: '{}', fingerprint: 'x', answers: [1], revote: false, voting_open: true, closed: false, ballots: 0 };
  it('is verifiable only with the election text published', () => {
    expect(boothIsVerifiable(booth)).toBe(true);
    expect(boothIsVerifiable({ ...booth, election: null })).toBe(false);
    expect(boothIsVerifiable({ ...booth, verifiable: false })).toBe(false);
    expect(boothIsVerifiable(null)).toBe(false);
  });

  it('links the board with the tracker encoded (base64 has + / =)', () => {
    expect(boardLink('12', 5, 'ab+c/d=')).toBe('/public/12/elections/5?tracker=ab%2Bc%2Fd%3D#board');
  });
});

describe('boothRefusal', () => {
  const field = (f: string, code: string) => new ApiError({ status: 422, code: 'validation', title: 'Validation failed', errors: [{ field: f, code }] });

  it('an unknown code goes next to the code field', () => {
    expect(boothRefusal(field('roll_token', 'invalid'))).toEqual({ field: 'code', messages: [t('ui.booth.code_unknown')], rule: null });
    expect(boothRefusal(field('ballot', 'unknown_credential'))).toEqual({ field: 'code', messages: [t('ui.booth.code_unknown')], rule: null });
  });

  it('someone else’s code (signed-in voter)', () => {
    expect(boothRefusal(field('roll_token', 'not_yours'))).toEqual({ field: 'code', messages: [t('ui.booth.code_not_yours')], rule: null });
  });

  it('ballot defects say the ballot was not counted', () => {
    for (const code of ['malformed', 'not_in_group', 'bad_individual_proof', 'bad_overall_proof', 'bad_blank_proof', 'bad_signature']) {
      expect(boothRefusal(field('ballot', code))).toEqual({ field: null, messages: [t('ui.booth.defect_broken'), t('ui.booth.not_counted')], rule: null });
    }
    expect(boothRefusal(field('ballot', 'wrong_election')).messages[0]).toBe(t('ui.booth.defect_stale'));
    expect(boothRefusal(field('ballot', 'replayed')).messages[0]).toBe(t('ui.booth.defect_replayed'));
    expect(boothRefusal(field('ballot', 'something_new')).messages[0]).toBe('The server did not accept the ballot.');
  });

  it('election-day rules: the booth sentence, then the server’s localised detail', () => {
    const hours = new ApiError({ status: 422, code: 'rule', rule: 'ELEC-DAY-1', title: 'Refused', detail: 'Voting is open on election day from 08:00 to 20:00 (Almaty time).' });
    expect(boothRefusal(hours)).toEqual({ field: null, messages: [t('ui.booth.refused_hours'), 'Refused. Voting is open on election day from 08:00 to 20:00 (Almaty time).'], rule: 'ELEC-DAY-1' });
    const voted = new ApiError({ status: 422, code: 'rule', rule: 'ELEC-DAY-2', title: 'This voter has already voted' });
    expect(boothRefusal(voted)).toEqual({ field: null, messages: [t('ui.booth.refused_voted'), 'This voter has already voted'], rule: 'ELEC-DAY-2' });
  });

  it('no answer: the vote may or may not be in, so say how to find out', () => {
    const offline = new ApiError({ status: NETWORK_ERROR_STATUS, code: 'network' });
    expect(boothRefusal(offline)).toEqual({ field: null, messages: [t('ui.error.network'), t('ui.booth.try_again')], rule: null });
    expect(boothRefusal(new Error('boom')).messages).toEqual([t('ui.error.unexpected'), t('ui.booth.try_again')]);
  });

  it('anything else: the server’s own headline', () => {
    const closed = new ApiError({ status: 409, code: 'election.verifiable', title: 'Online ballots of this election are encrypted' });
    expect(boothRefusal(closed)).toEqual({ field: null, messages: ['Online ballots of this election are encrypted'], rule: null });
  });
});
