"""What the tests share, named by what it helps with; fixtures stay in the conftest files.

databases     new data folders, their database copied rather than migrated each time
accounts      the test Headteacher and other accounts, services opened signed in
records       incidents, people and escalation steps made through the services
text          names and markup that have broken things before
images        a real, tiny PNG made without an imaging library
csv_files     incident and MIS CSV files written as the office's spreadsheets write them
letters       a school with a parent, her child and incidents at each stage
conduct       people the code of conduct applies to, and whole sets of answers
backups       a filled data set, and backups altered on purpose
damage        a database file damaged on purpose, every way the corruption suite meets
tamper        the audit trail rewritten in the file, the eleven ways of issue 16
pdf           a PDF read back as text
policy_texts  where the school's policy texts are kept
people_view   the People screen shown for a test
background    waiting for work a screen sent off the GUI thread to come back
cli           the ``avenue-desk`` command run in the test process
crash_worker  a stand-in for the app, forked and killed again and again (test_crash_safety)
other_computer  a second process making one change to the same records, as another PC would
busy_office   two PCs creating incidents at the same moment, each a process of its own
postgres      the same tests on a PostgreSQL server (make test-postgres): a database per
              data folder (``databases.data_paths``), and the marks for SQLite-only tests

No test module imports another one (tests/test_test_imports.py keeps it so).
"""
