#!/usr/bin/env python3
"""Extract every distinct state spelling or code used by Plenary's public sources.

Writes data/states/source_spellings.csv: one row per (source, body, spelling, code_in_source)
with the first and last date it occurs on and the number of rows. The registry's alias table
must resolve every one of them (tested by crates/rules/tests/states_sources.rs).

Usage: python3 data/states/build/extract_spellings.py [SHARED_DATA_DIR]
SHARED_DATA_DIR defaults to ../shared/data beside the repository (the project's shared/ copy).
Only the Python standard library is used.
"""
import csv, glob, gzip, json, os, re, sys
from collections import defaultdict

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..', '..'))
SHARED = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, '..', 'shared', 'data')
OUT = os.path.join(REPO, 'data', 'states', 'source_spellings.csv')

MONTHS = {m: i + 1 for i, m in enumerate(
    ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september',
     'october', 'november', 'december'])}


def dgacm_date(s):
    """'2 March 2022', '2\xa0March 2022' or '2019-10-10 00:00:00' -> '2022-03-02'."""
    s = s.replace('\xa0', ' ').strip()
    m = re.match(r'^(\d{4})-(\d{2})-(\d{2})', s)
    if m:
        return '%s-%s-%s' % m.groups()
    m = re.match(r'^(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})$', s)
    if m and m.group(2).lower() in MONTHS:
        return '%s-%02d-%02d' % (m.group(3), MONTHS[m.group(2).lower()], int(m.group(1)))
    raise ValueError('unreadable adoption_date %r' % s)


def json_sequence(path):
    """The DGACM files are sequences of JSON objects and arrays, not one document."""
    s = open(path, encoding='utf-8').read()
    dec, i, out = json.JSONDecoder(), 0, []
    while i < len(s):
        while i < len(s) and s[i] in ' \n\r\t,':
            i += 1
        if i >= len(s):
            break
        o, i = dec.raw_decode(s, i)
        out.extend(o if isinstance(o, list) else [o])
    return out


acc = defaultdict(lambda: [None, None, 0])


def add(source, body, spelling, code, date):
    e = acc[(source, body, spelling, code)]
    if e[0] is None or date < e[0]:
        e[0] = date
    if e[1] is None or date > e[1]:
        e[1] = date
    e[2] += 1


# unvotes: country + ISO2 country_code, date from the roll call.
rc = {r['rcid']: r['date'] for r in csv.DictReader(gzip.open(os.path.join(SHARED, 'unvotes/un_roll_calls.csv.gz'), 'rt', encoding='utf-8'))}
for r in csv.DictReader(gzip.open(os.path.join(SHARED, 'unvotes/un_votes.csv.gz'), 'rt', encoding='utf-8')):
    add('unvotes', 'GA', r['country'], r['country_code'], rc[r['rcid']])

# Voeten: COW ccode. Vote 9 means "not a member"; every other row (yes, no, abstain, absent)
# says the state was a member on the day. (The `member` column is per session.)
rc = {r['rcid']: r['date'] for r in csv.DictReader(gzip.open(os.path.join(SHARED, 'voeten/rollcalls_1946_2015.csv.gz'), 'rt', encoding='utf-8'))}
for r in csv.DictReader(gzip.open(os.path.join(SHARED, 'voeten/votes_1946_2015.csv.gz'), 'rt', encoding='utf-8')):
    if r['rcid'] in rc:
        add('voeten', 'GA-nonmember' if r['vote'] == '9' else 'GA', '', r['ccode'], rc[r['rcid']])

# DGACM: upper-case names in the three vote lists.
for f in sorted(glob.glob(os.path.join(SHARED, 'dgacm/data_extract/*.json'))):
    for o in json_sequence(f):
        d = dgacm_date(o['adoption_date'])
        for k in ('MS_in_favour', 'MS_against', 'MS_abstaining'):
            for name in o.get(k) or []:
                add('dgacm', 'GA', name, '', d)

# SC resolutions: member name -> vote.
for o in json.load(gzip.open(os.path.join(SHARED, 'sc/sc_resolutions_1946_2026.json.gz'), 'rt', encoding='utf-8')):
    for name in (o.get('votes') or {}):
        add('sc_archive', 'SC', name, '', o['date'])

# Fixtures: English names in the per-country lists.
for o in json.load(open(os.path.join(SHARED, 'fixtures/real_votes_public.json'), encoding='utf-8')):
    for lst in (o.get('votes') or {}).values():
        for name in lst or []:
            add('fixtures', o['body'], name, '', o['date'])
    for name in o.get('vetoed_by') or []:
        add('fixtures', o['body'], name, '', o['date'])
for r in csv.DictReader(open(os.path.join(SHARED, 'fixtures/votes_2025_02_24_partial.csv'), encoding='utf-8')):
    add('fixtures', r['body'], r['country_name_as_in_source'], '', r['date'])

with open(OUT, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['source', 'body', 'spelling', 'code_in_source', 'first_date', 'last_date', 'rows'])
    for k in sorted(acc):
        w.writerow(list(k) + acc[k])
print('wrote', OUT, len(acc), 'rows')
