#!/usr/bin/env python3
"""Benchmark fixture: an election with its ballot approved and N students with accounts
(login bench-<election>-<k>, the demo password) on the voter roll, written straight into a
migrated Kenes SQLite database (with the demo institution), for the sign-in benchmark. Election
day is the day the bench server's clock file says (10:00 Almaty).

Usage: election_fixture.py DB_PATH N CLOCK_MS [EXTRA_BALLOTS]
Prints "<election id> <tally election>". EXTRA_BALLOTS (default 0) adds that many rows to the
ballots table of a closed election for the tally benchmark (the table the count reads for an
election without a key; no route fills it since online ballots are encrypted, issue 13).
The fixture bypasses the API (and so the audit log) on purpose: it is test data, not a change."""
import json, random, secrets, sqlite3, sys, time

db_path, n, clock = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
extra = int(sys.argv[4]) if len(sys.argv) > 4 else 0
db = sqlite3.connect(db_path)
inst = db.execute("SELECT id FROM institutions ORDER BY id LIMIT 1").fetchone()[0]
local = time.gmtime(clock / 1000 + 5 * 3600)
day = time.strftime("%Y-%m-%d", local)
year = local.tm_year if local.tm_mon >= 9 else local.tm_year - 1
password_hash = db.execute("SELECT password_hash FROM users WHERE login = 'admin'").fetchone()[0]

def ids(count):
    (last,) = db.execute("UPDATE kenes_ids SET next_id = next_id + ? RETURNING next_id", (count,)).fetchone()
    return list(range(last - count + 1, last + 1))

def body(template, kind, name):
    (i,) = ids(1)
    db.execute("INSERT INTO bodies (institution_id, id, parent_id, kind, template, name, created_at) VALUES (?, ?, NULL, ?, ?, ?, ?)", (inst, i, kind, template, name, clock))
    return i

def election(academic_year, closed):
    gov, com = body("student_government", "government", f"Bench government {academic_year}"), body("election_commission", "commission", f"Bench commission {academic_year}")
    (e,) = ids(1)
    cands = ids(2)
    people = ids(2)
    ballot = []
    for k, (c, p) in enumerate(zip(cands, people)):
        name = f"Candidate{k}"
        db.execute("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
                   (inst, p, "Bench", name, name.lower(), name.encode(), name.encode(), name.encode(), clock, clock))
        db.execute("INSERT INTO election_candidates (institution_id, id, election_id, person_id, status, program, program_lang, program_words, program_review, created_at, registered_at) "
                   "VALUES (?, ?, ?, ?, 'registered', 'Bench program', 'en', 2, 'approved', ?, ?)", (inst, c, e, p, clock, clock))
        ballot.append({"candidate_id": c, "surname": "Bench", "name": name, "patronymic": ""})
    db.execute("INSERT INTO elections (institution_id, id, academic_year, title, election_day, commission_body_id, government_body_id, list_published_at, "
               "ballot_approved_at, ballot_json, roll_cutoff, voting_closed_at, created_at) VALUES (?, ?, ?, 'Bench election', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               (inst, e, academic_year, day, com, gov, clock - 86400000 * 20, clock - 86400000 * 10, json.dumps({"kk": ballot, "ru": ballot, "en": ballot}), day,
                clock if closed else None, clock))
    return e, cands

e, (a, b) = election(f"{year + 10}-{year + 11}", False)
people, users = ids(n), ids(n)
rows_person, rows_student, rows_user, rows_dir, rows_role, rows_roll = [], [], [], [], [], []
for k in range(n):
    p, u = people[k], users[k]
    name = f"Voter{k:05d}"
    rows_person.append((inst, p, "Bench", name, name.lower(), name.encode(), name.encode(), name.encode(), clock, clock))
    number = f"B{e}-{k:06d}"
    rows_student.append((inst, p, number, 1 + k % 4))
    login = f"bench-{e}-{k}"
    rows_user.append((inst, u, login, name, name.lower(), password_hash, p, clock))
    rows_dir.append((login, inst, u))
    rows_role.append((inst, u, "student"))
    rows_roll.append((inst, e, p, number, f"Faculty {k % 5}"))
db.executemany("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", rows_person)
db.executemany("INSERT INTO students (institution_id, person_id, student_number, course, status) VALUES (?,?,?,?,'studying')", rows_student)
db.executemany("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, person_id, created_at) VALUES (?,?,?,?,?,?,?,?)", rows_user)
db.executemany("INSERT INTO login_directory (login, institution_id, user_id) VALUES (?,?,?)", rows_dir)
db.executemany("INSERT INTO user_roles (institution_id, user_id, role) VALUES (?,?,?)", rows_role)
db.executemany("INSERT INTO voter_roll (institution_id, election_id, person_id, student_number, faculty) VALUES (?,?,?,?,?)", rows_roll)
printed = [e]
e2 = 0
if extra:
    e2, (a2, b2) = election(f"{year + 9}-{year + 10}", True)
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    batch = []
    for k in range(extra):
        batch.append((inst, e2, "".join(secrets.choice(alphabet) for _ in range(26)), a2 if random.random() < 0.52 else b2))
        if len(batch) == 100000:
            db.executemany("INSERT INTO ballots (institution_id, election_id, receipt, candidate_id) VALUES (?,?,?,?)", batch)
            batch = []
    db.executemany("INSERT INTO ballots (institution_id, election_id, receipt, candidate_id) VALUES (?,?,?,?)", batch)
printed.append(e2)
db.commit()
print(" ".join(map(str, printed)))
