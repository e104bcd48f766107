#!/usr/bin/env python3
"""Benchmark fixture: a council of N present voting members with an open vote, written straight
into a Kenes SQLite database (migrated, with the demo institution), and one signed-in session per
member, so the timed phase measures casting votes, not Argon2id sign-ins.

Usage: meeting_fixture.py DB_PATH N VOTERS_OUT
Prints "<meeting id> <item id>"; VOTERS_OUT gets one "<cookie value> <csrf token>" line per member.
The fixture bypasses the API (and so the audit log) on purpose: it is test data, not a change."""
import hashlib, secrets, sqlite3, sys, time

db_path, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = sqlite3.connect(db_path)
db.execute("PRAGMA foreign_keys=ON")
inst = db.execute("SELECT id FROM institutions ORDER BY id LIMIT 1").fetchone()[0]
now = int(time.time() * 1000)
today = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 5 * 3600))
password_hash = db.execute("SELECT password_hash FROM users WHERE login = 'admin'").fetchone()[0]

def ids(count):
    (last,) = db.execute("UPDATE kenes_ids SET next_id = next_id + ? RETURNING next_id", (count,)).fetchone()
    return list(range(last - count + 1, last + 1))

body, meeting, item = ids(3)
db.execute("INSERT INTO bodies (institution_id, id, parent_id, kind, template, name, created_at) VALUES (?, ?, NULL, 'council', 'council', ?, ?)",
           (inst, body, f"Bench council {body}", now))
db.execute("INSERT INTO body_rules (institution_id, body_id, effective_from, rules_json) VALUES (?, ?, '2000-01-01', ?)",
           (inst, body, '{"quorum":{"base":"composition","comparison":"more_than","numerator":1,"denominator":2,"rule":"MTG-5"},'
                        '"majority":{"base":"present","comparison":"more_than","numerator":1,"denominator":2,"rule":"MTG-5"},'
                        '"max_months_between_sessions":6,"term_months":null,"max_consecutive_terms":null,"reappointment_allowed":true,'
                        '"odd_voting_members":false,"min_voting_members":0,"equal_per_school":false}'))
people = ids(n)
users = ids(n)
memberships = ids(n)
voters = []
rows_person, rows_user, rows_dir, rows_role, rows_session, rows_member, rows_att = [], [], [], [], [], [], []
for k in range(n):
    p, u, m = people[k], users[k], memberships[k]
    name = f"Voter{k:05d}"
    rows_person.append((inst, p, "Bench", name, name.lower(), name.encode(), name.encode(), name.encode(), now, now))
    login = f"bench-{body}-{k}"
    rows_user.append((inst, u, login, name, name.lower(), password_hash, p, now))
    rows_dir.append((login, inst, u))
    rows_role.append((inst, u, "student"))
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    rows_session.append((inst, hashlib.blake2b(token.encode(), digest_size=32).digest(), u, csrf, now, now + 12 * 3600 * 1000))
    voters.append(f"{inst}.{token} {csrf}")
    rows_member.append((inst, m, body, p, "chair" if k == 0 else "member", 1, today, now))
    rows_att.append((inst, meeting, p, 1))
db.executemany("INSERT INTO persons (institution_id, id, surname, name, search_key, sort_kk, sort_ru, sort_en, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?)", rows_person)
db.executemany("INSERT INTO users (institution_id, id, login, display_name, search_name, password_hash, person_id, created_at) VALUES (?,?,?,?,?,?,?,?)", rows_user)
db.executemany("INSERT INTO login_directory (login, institution_id, user_id) VALUES (?,?,?)", rows_dir)
db.executemany("INSERT INTO user_roles (institution_id, user_id, role) VALUES (?,?,?)", rows_role)
db.executemany("INSERT INTO sessions (institution_id, token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?,?,?,?,?,?)", rows_session)
db.executemany("INSERT INTO memberships (institution_id, id, body_id, person_id, position, voting, starts_on, accepted_at) VALUES (?,?,?,?,?,?,?,?)", rows_member)
db.execute("INSERT INTO meetings (institution_id, id, body_id, number, academic_year, held_on, place, convened_by, status, created_at) VALUES (?,?,?,1,'bench',?,'Hall',?,'open',?)",
           (inst, meeting, body, today, people[0], now))
db.executemany("INSERT INTO attendance (institution_id, meeting_id, person_id, present) VALUES (?,?,?,?)", rows_att)
db.execute("INSERT INTO agenda_items (institution_id, id, meeting_id, position, kind, title, motion, secret, vote_status) VALUES (?,?,?,1,'other','Bench motion','Adopt',0,'open')",
           (inst, item, meeting))
db.commit()
with open(out, "w") as f:
    f.write("\n".join(voters) + "\n")
print(meeting, item)
