#!/usr/bin/env python3
"""Benchmark fixture for the hostel's application window: FAMILIES students of grades 7-12, each
with a legal representative who has an account and a signed-in session, written straight into a
Kenes SQLite database (migrated, with the demo institution, whose next year's campaign is open).
The fixture bypasses the API (and so the audit log) on purpose: it is test data, not a change.

Usage: hostel_fixture.py DB_PATH FAMILIES OUT
Prints "<campaign id>"; OUT gets one line per family: "<cookie value> <csrf token> <student id>"."""
import hashlib, secrets, sqlite3, sys, time

db_path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(db_path)
inst = db.execute("SELECT id FROM institutions ORDER BY id LIMIT 1").fetchone()[0]
now = int(time.time() * 1000)
password_hash = db.execute("SELECT password_hash FROM users WHERE login = 'admin'").fetchone()[0]
campaign = db.execute("SELECT id FROM hostel_campaigns WHERE institution_id = ? ORDER BY academic_year DESC LIMIT 1", (inst,)).fetchone()[0]

def ids(count):
    (last,) = db.execute("UPDATE kenes_ids SET next_id = next_id + ? RETURNING next_id", (count,)).fetchone()
    return list(range(last - count + 1, last + 1))

students, parents, users = ids(n), ids(n), ids(n)
persons, rows_student, rows_rep, rows_user, rows_dir, rows_role, rows_session, lines = [], [], [], [], [], [], [], []
for k in range(n):
    s, p, u = students[k], parents[k], users[k]
    gender = "female" if k % 2 else "male"
    persons.append((inst, s, "Оқушы", f"S{k:05d}", gender, f"оқушы s{k:05d}", b"s", b"s", b"s", now, now))
    persons.append((inst, p, "Ата-ана", f"P{k:05d}", "female", f"ата-ана p{k:05d}", b"p", b"p", b"p", now, now))
    rows_student.append((inst, s, f"BH-{s}", 7 + k % 6, "studying"))
    rows_rep.append((inst, s, p, "mother"))
    login = f"bench-hostel-{p}"
    rows_user.append((inst, u, login, login, login, password_hash, p, now))
    rows_dir.append((login, inst, u))
    rows_role.append((inst, u, "legal_representative"))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    rows_session.append((inst, hashlib.blake2b(token.encode(), digest_size=32).digest(), u, csrf, now, now + 12 * 3600 * 1000))
    lines.append(f"{inst}.{token} {csrf} {s}")
db.executemany("INSERT INTO persons (institution_id, id, surname, name, gender, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", persons)
db.executemany("INSERT INTO students (institution_id, person_id, student_number, grade, status) VALUES (?,?,?,?,?)", rows_student)
db.executemany("INSERT INTO representatives (institution_id, student_id, representative_id, kind) VALUES (?,?,?,?)", rows_rep)
db.executemany("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, person_id, created_at) VALUES (?,?,?,?,?,?,?,?)", rows_user)
db.executemany("INSERT INTO login_directory (login, institution_id, user_id) VALUES (?,?,?)", rows_dir)
db.executemany("INSERT INTO user_roles (institution_id, user_id, role) VALUES (?,?,?)", rows_role)
db.executemany("INSERT INTO sessions (institution_id, token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?,?)", rows_session)
db.commit()
with open(out, "w") as f:
    f.write("\n".join(lines) + "\n")
print(campaign)
