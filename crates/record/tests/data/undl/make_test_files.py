# Builds the UN Digital Library layout test files from real votes (see README.md here).
# Run from anywhere: python3 crates/record/tests/data/undl/make_test_files.py
import csv, json, gzip, re, unicodedata, sys
import os
os.chdir(os.path.dirname(os.path.abspath(__file__)))
R = os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../..')
def norm(s):
    s = unicodedata.normalize('NFKD', s)
    s = ''.join(c for c in s if not unicodedata.combining(c)).lower().replace('&', 'and').replace('ı','i')
    return ''.join(c for c in s if c.isascii() and c.isalnum())
names = {}
states = {}
for r in csv.DictReader(open(f'{R}/data/states/states.csv')):
    names[norm(r['name_en'])] = r['code']; states[r['code']] = r['name_en']
for r in csv.DictReader(open(f'{R}/data/states/aliases.csv')):
    if r['kind'] == 'name' and not r['valid_from'] and not r['valid_to']:
        names.setdefault(norm(r['alias']), r['code'])
def iso3(n):
    c = names.get(norm(n))
    if not c: sys.exit(f'no code for {n!r}')
    return c

COLS_GA = ['undl_id','ms_code','ms_name','ms_vote','date','session','resolution','draft','committee_report','meeting',
           'title','agenda_title','subjects','vote_note','total_yes','total_no','total_abstentions','total_non_voting','total_ms','undl_link']

# 1. A/RES/ES-11/1: lists from the DGACM extract (Y/N/A), the 12 absent from the fixtures (X).
s = gzip.open(f'{R}/data/record/dgacm/ES-11.json.gz', 'rt').read()
dec = json.JSONDecoder(); i = 0; recs = []
while i < len(s):
    while i < len(s) and s[i].isspace(): i += 1
    if i >= len(s): break
    o, i = dec.raw_decode(s, i); recs.append(o)
es1 = [o for o in recs if o['symbol'] == 'A/RES/ES-11/1'][0]
fx = {o['id']: o for o in json.load(open(f'{R}/data/fixtures/real_votes_public.json'))}
absent = fx['GA-2022-03-02-ES-11-1']['votes']['absent']
rows = []
for k, v in [('MS_in_favour','Y'),('MS_against','N'),('MS_abstaining','A')]:
    for n in es1[k]: rows.append((iso3(n), n, v))
for n in absent: rows.append((iso3(n), n.upper(), 'X'))
rows.sort(key=lambda r: r[1])
with open('ga_2025_layout.csv', 'w', newline='') as f:
    w = csv.writer(f); w.writerow(COLS_GA)
    for c, n, v in rows:
        w.writerow(['', c, n, v, '2022-03-02', 'ES-11', 'A/RES/ES-11/1', 'A/ES-11/L.1', '', 'A/ES-11/PV.5',
                    es1['title'], es1['agenda_item_name'], '', '', 141, 5, 35, 12, 193, ''])

# 2. A/RES/68/262 (2014), "NV" for non-voting as the GA files before 2025 write it; columns in another order.
o = fx['GA-2014-03-27-68-262']
cols = list(reversed(COLS_GA))
with open('ga_pre2025_layout.csv', 'w', newline='') as f:
    w = csv.DictWriter(f, cols); w.writeheader()
    for k, v in [('yes','Y'),('no','N'),('abstain','A'),('absent','NV')]:
        for n in o['votes'][k]:
            w.writerow(dict(undl_id='767565', ms_code=iso3(n), ms_name=n.upper(), ms_vote=v, date='2014-03-27', session='68',
                            resolution='A/RES/68/262', draft='', committee_report='', meeting='', title=o['title'],
                            agenda_title='', subjects='', vote_note='', total_yes=100, total_no=11, total_abstentions=58,
                            total_non_voting=24, total_ms=193, undl_link='https://digitallibrary.un.org/record/767565'))

# 3. SC: S/RES/2774 (2025) from the fixtures; S/RES/2580 (2021), adopted without a vote (sc archive:
#    all members "not-voting", 0-0-0), written as the library writes such adoptions: every member "Y".
COLS_SC = COLS_GA[:4] + ['permanent_member'] + COLS_GA[4:] + ['description', 'agenda']
P = {'CHN','FRA','GBR','RUS','USA'}
sc = {x['id']: x for x in json.load(gzip.open(f'{R}/data/record/sc/sc_resolutions_1946_2026.json.gz'))}
with open('sc_layout.csv', 'w', newline='') as f:
    w = csv.DictWriter(f, COLS_SC); w.writeheader()
    o = fx['SC-2025-02-24-RES-2774']
    for k, v in [('yes','Y'),('abstain','A')]:
        for n in o['votes'][k]:
            c = iso3(n)
            w.writerow(dict(undl_id='', ms_code=c, ms_name=n.upper(), ms_vote=v, permanent_member=str(c in P), date='2025-02-24',
                            session='2025', resolution='S/RES/2774(2025)', draft='', committee_report='', meeting='S/PV.9866',
                            title=o['title'], agenda_title='', subjects='', vote_note='', total_yes=10, total_no=0,
                            total_abstentions=5, total_non_voting=0, total_ms=15, undl_link='', description='', agenda=''))
    r = sc['S/RES/2580(2021)']
    for n in r['votes']:
        c = iso3(n)
        w.writerow(dict(undl_id='', ms_code=c, ms_name=n, ms_vote='Y', permanent_member=str(c in P), date=r['date'],
                        session='2021', resolution='S/RES/2580(2021)', draft='', committee_report='', meeting='',
                        title=r['title'], agenda_title='', subjects=r['subjects'] or '', vote_note='Adopted without vote',
                        total_yes='', total_no='', total_abstentions='', total_non_voting='', total_ms=15, undl_link='',
                        description='', agenda=''))
