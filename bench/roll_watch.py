#!/usr/bin/env python3
"""Watches the voter roll of an election during the election-day benchmark, on its own read-only
connection, and prints the Unix milliseconds when the first and the last of N voters was marked.
Usage: roll_watch.py DB_PATH ELECTION_ID N"""
import sqlite3, sys, time

db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
election, n = int(sys.argv[2]), int(sys.argv[3])
first = None
deadline = time.time() + 300
while time.time() < deadline:
    (marked,) = db.execute("SELECT count(voted_via) FROM voter_roll WHERE election_id = ?", (election,)).fetchone()
    now = int(time.time() * 1000)
    if marked and first is None:
        first = now
    if marked >= n:
        print(first, now)
        sys.exit(0)
    time.sleep(0.1)
print(first or 0, int(time.time() * 1000))
