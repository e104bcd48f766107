#!/usr/bin/env python3
"""Benchmark fixture for the attendance journal: a school of STUDENTS students in groups of 30,
each group with its curator, and 30 teachers (staff, attendance.mark), written straight into a
Kenes SQLite database (migrated, with the demo institution); the previous academic year's two
semesters, and that whole year of marks: every student, every school day (Monday to Friday,
September to June), 7 lessons a day (about 1.26 million rows for 1,000 students), with the
per-student term counters the journal keeps (DISC-ESC-1). One signed-in session per curator and
teacher, so the timed phase measures marking, not Argon2id sign-ins.

Usage: attendance_fixture.py DB_PATH STUDENTS MARKERS_OUT
Prints "<academic year> <a group id> <school days>"; MARKERS_OUT gets one line per marker:
"<cookie value> <csrf token> <group id> <date> <first student id> <class size>" (64 markers: the curators, then the teachers,
each with a group and a day of the year to mark again).
The fixture bypasses the API (and so the audit log) on purpose: it is test data, not a change."""
import datetime, hashlib, random, secrets, sqlite3, sys, time

db_path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(4)
db = sqlite3.connect(db_path)
inst = db.execute("SELECT id FROM institutions ORDER BY id LIMIT 1").fetchone()[0]
now = int(time.time() * 1000)
today = datetime.date.fromtimestamp(time.time() + 5 * 3600)
first = (today.year if today.month >= 9 else today.year - 1) - 1
year = f"{first}-{first + 1}"
terms = [(1, f"{first}-09-01", f"{first}-12-31"), (2, f"{first + 1}-01-08", f"{first + 1}-06-30")]
password_hash = db.execute("SELECT password_hash FROM users WHERE login = 'admin'").fetchone()[0]

def ids(count):
    (last,) = db.execute("UPDATE kenes_ids SET next_id = next_id + ? RETURNING next_id", (count,)).fetchone()
    return list(range(last - count + 1, last + 1))

db.execute("UPDATE institutions SET attendance_by_lesson = 1 WHERE id = ?", (inst,))
db.execute("DELETE FROM attendance_terms WHERE institution_id = ? AND academic_year = ?", (inst, year))
db.executemany("INSERT INTO attendance_terms (institution_id, academic_year, number, starts_on, ends_on, updated_at) VALUES (?,?,?,?,?,?)",
               [(inst, year, t, s, e, now) for t, s, e in terms])
groups_n = (n + 29) // 30
group_ids = ids(groups_n)
curators = ids(groups_n)
teachers = ids(30)
students = ids(n)
users = ids(groups_n + 30)
rows_person, rows_user, rows_dir, rows_role, rows_session = [], [], [], [], []
markers = []

def person(p, surname, name):
    rows_person.append((inst, p, surname, name, f"{surname} {name}".lower(), surname.encode(), surname.encode(), surname.encode(), now, now))

school_days = []
d = datetime.date(first, 9, 1)
while d <= datetime.date(first + 1, 6, 30):
    if d.weekday() < 5 and any(s <= d.isoformat() <= e for _, s, e in terms):
        school_days.append(d.isoformat())
    d += datetime.timedelta(days=1)
school_days = school_days[:180]

for k, (p, role) in enumerate([(c, "curator") for c in curators] + [(t, "staff") for t in teachers]):
    person(p, "Bench", f"{role.capitalize()}{k:03d}")
    u = users[k]
    login = f"bench-att-{p}"
    rows_user.append((inst, u, login, login, login, password_hash, p, now))
    rows_dir.append((login, inst, u))
    rows_role.append((inst, u, role))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    rows_session.append((inst, hashlib.blake2b(token.encode(), digest_size=32).digest(), u, csrf, now, now + 12 * 3600 * 1000))
    markers.append((f"{inst}.{token} {csrf}", k % groups_n))
db.executemany("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", rows_person)
rows_person.clear()
db.executemany("INSERT INTO groups (institution_id, id, name, course, curator_person_id) VALUES (?,?,?,?,?)",
               [(inst, g, f"B-{g}", 1, curators[i]) for i, g in enumerate(group_ids)])
rows_student = []
group_of = {}
for k, s in enumerate(students):
    person(s, "Student", f"S{k:05d}")
    group_of[s] = group_ids[k // 30]
    rows_student.append((inst, s, f"BA-{s}", 1, group_of[s], "studying"))
db.executemany("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", rows_person)
db.executemany("INSERT INTO students (institution_id, person_id, student_number, course, group_id, status) VALUES (?,?,?,?,?,?)", rows_student)
db.executemany("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, person_id, created_at) VALUES (?,?,?,?,?,?,?,?)", rows_user)
db.executemany("INSERT INTO login_directory (login, institution_id, user_id) VALUES (?,?,?)", rows_dir)
db.executemany("INSERT INTO user_roles (institution_id, user_id, role) VALUES (?,?,?)", rows_role)
db.executemany("INSERT INTO sessions (institution_id, token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?,?)", rows_session)

# The year of marks, with the counters (days with a lateness, with an unjustified absence).
counts = {}
batch = []
total = 0
for day in school_days:
    term = 1 if day <= terms[0][2] else 2
    for s in students:
        late_day = absent_day = False
        away = rng.random() < 0.02          # the whole day away
        for lesson in range(1, 8):
            r = rng.random()
            status = "absent" if away or r < 0.01 else "late" if r < 0.03 else "present"
            late_day |= status == "late"
            absent_day |= status == "absent"
            batch.append((inst, s, day, lesson, group_of[s], status, curators[0], now))
        if late_day or absent_day:
            c = counts.setdefault((s, term), [0, 0])
            c[0] += late_day
            c[1] += absent_day
        if len(batch) >= 70000:
            db.executemany("INSERT INTO attendance_marks (institution_id, person_id, on_date, lesson, group_id, status, marked_by, marked_at) VALUES (?,?,?,?,?,?,?,?)", batch)
            total += len(batch)
            batch.clear()
db.executemany("INSERT INTO attendance_marks (institution_id, person_id, on_date, lesson, group_id, status, marked_by, marked_at) VALUES (?,?,?,?,?,?,?,?)", batch)
total += len(batch)
db.executemany("INSERT INTO attendance_counts (institution_id, person_id, academic_year, term, late, unjustified, justified) VALUES (?,?,?,?,?,?,0)",
               [(inst, s, year, t, c[0], c[1]) for (s, t), c in counts.items()])
db.commit()
db.execute("ANALYZE")
db.close()
with open(out, "w") as f:
    for k, (session, g) in enumerate(markers[:64]):
        f.write(f"{session} {group_ids[g]} {school_days[(k * 7) % len(school_days)]} {students[g * 30]} {min(30, n - g * 30)}\n")
print(year, group_ids[0], len(school_days), total)
