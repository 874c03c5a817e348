#!/usr/bin/env python3
"""Build data/states/states.csv and data/states/aliases.csv.

Inputs (all in the repository except pycountry and the idealpoints file):
  data/membership/un_member_states.csv   codes, UN names, former rows and seats
  data/states/build/manual_aliases.csv   source spellings and dated codes, each with its source
  data/states/build/cow.csv              COW codes (built from idealpoints, see below)
  data/states/source_spellings.csv       every spelling the sources use (extract_spellings.py)
  pycountry 26.2.16 (PyPI, LGPL-2.1)     ISO 3166-1 alpha-2, numeric, names; ISO 3166-3 historic

Usage:  python3 -m venv /tmp/venv && /tmp/venv/bin/pip install pycountry==26.2.16
        /tmp/venv/bin/python data/states/build/build_states.py
The script fails, naming them, if a source spelling cannot be resolved or two aliases clash.
"""
import csv, os, sys, unicodedata
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..'))
MEMBERS = os.path.join(REPO, 'data', 'membership', 'un_member_states.csv')
OUT_STATES = os.path.join(REPO, 'data', 'states', 'states.csv')
OUT_ALIASES = os.path.join(REPO, 'data', 'states', 'aliases.csv')


def norm(s):
    """Must match normalise() in crates/rules/src/states.rs."""
    s = s.replace('&', ' and ')
    out = []
    for ch in unicodedata.normalize('NFKD', s):
        if unicodedata.combining(ch):
            continue
        ch = ch.lower()
        if ch == 'ı':
            ch = 'i'
        if ch.isascii() and ch.isalnum():
            out.append(ch)
    return ''.join(out)


rows = list(csv.DictReader(open(MEMBERS, encoding='utf-8')))
codes = [r['iso3'] for r in rows]
by_code = {r['iso3']: r for r in rows}

# --- ISO codes -------------------------------------------------------------------------
HISTORIC = {c.alpha_3: c for c in pycountry.historic_countries}
# ISO 3166-3 gives YUG the numeric 891 of the FRY; the SFRY had 890 (pycountry's comment).
NUMERIC_OVERRIDE = {'YUG': 890}


def iso(code):
    c = pycountry.countries.get(alpha_3=code)
    if c is not None and code != 'TWN':
        return c.alpha_2, int(c.numeric), c
    if code == 'TWN':
        return 'TW', 158, c
    h = HISTORIC.get(code)
    if h is not None:
        num = NUMERIC_OVERRIDE.get(code, int(h.numeric) if getattr(h, 'numeric', None) else None)
        return h.alpha_2, num, h
    return None, None, None  # YAR, TAN, ZAN, UAR: no ISO code


# --- COW codes -------------------------------------------------------------------------
cow_rows = list(csv.DictReader(open(os.path.join(HERE, 'cow.csv'), encoding='utf-8')))
cow_of = {}
for r in cow_rows:
    cow_of.setdefault(r['code'], int(r['ccode']))
# COW has one code for a continuing membership: SUN is 365 like RUS, UAR 651 like EGY, TAN 510.
for r in rows:
    tag = r['notes'].split(']')[0]
    if tag.startswith('[predecessor-of:') and r['iso3'] not in cow_of and tag[16:] in cow_of:
        cow_of[r['iso3']] = cow_of[tag[16:]]

# What a predecessor's name means after its tenure: 'seat' where it was an earlier name of the
# continuing membership (a later 'USSR' or 'Yemen Arab Republic' row means RUS or YEM), 'self'
# where a government lost the seat (a later 'Taiwan' is not China: GA res. 2758 (XXVI)).
AFTER_TENURE = {'TWN': 'self'}

# The membership list we copied (data/membership/un_member_states.csv) spells four names its own
# way; the UN's Member States page (https://www.un.org/en/about-us/member-states) and the
# General Assembly's records write these. The list's spelling stays an alias.
UN_SPELLING = {'BHS': 'Bahamas', 'CIV': "Côte d'Ivoire", 'GMB': 'Gambia', 'GNB': 'Guinea-Bissau'}

# --- states.csv ------------------------------------------------------------------------
with open(OUT_STATES, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['code', 'name_en', 'iso2', 'iso_numeric', 'cow', 'former', 'seat', 'successors', 'name_after_tenure'])
    for r in rows:
        code = r['iso3']
        a2, num, _ = iso(code)
        tag = r['notes'].split(']')[0] + ']'
        seat = tag[len('[predecessor-of:'):-1] if tag.startswith('[predecessor-of:') else ''
        former = 'true' if tag != '[current]' else 'false'
        w.writerow([code, UN_SPELLING.get(code, r['name_en']), a2 or '', num if num is not None else '',
                    cow_of.get(code, ''), former, seat, r['successor_iso3'],
                    AFTER_TENURE.get(code, 'seat' if seat else '')])

# --- aliases.csv -----------------------------------------------------------------------
aliases = []  # (alias, kind, code, from, to, source)
# Hand-checked entries first: an automatic alias whose key a manual entry already covers
# (e.g. 'Yugoslavia', dated) is dropped.
for r in csv.DictReader(open(os.path.join(HERE, 'manual_aliases.csv'), encoding='utf-8')):
    aliases.append((r['alias'], r['kind'], r['code'], r['valid_from'], r['valid_to'], r['source']))
for r in cow_rows:
    aliases.append((r['ccode'], 'cow', r['code'], r['valid_from'], r['valid_to'], r['source']))
manual_keys = {(norm(a[0]) if a[1] == 'name' else a[0].upper()) for a in aliases}
auto = []
for r in rows:
    code = r['iso3']
    auto.append((code, 'iso3', code, '', '', 'un_member_states.csv'))
    auto.append((r['name_en'], 'name', code, '', '', 'un_member_states.csv (UN short name)'))
    a2, num, c = iso(code)
    if c is not None and code != 'TWN' and pycountry.countries.get(alpha_3=code) is not None:
        auto.append((a2, 'iso2', code, '', '', 'ISO 3166-1 (pycountry 26.2.16)'))
        for attr in ('name', 'official_name', 'common_name'):
            v = getattr(c, attr, None)
            if v:
                auto.append((v, 'name', code, '', '', 'ISO 3166-1 %s (pycountry 26.2.16)' % attr))
aliases += [a for a in auto if (norm(a[0]) if a[1] == 'name' else a[0].upper()) not in manual_keys]

# Keep the first of identical (key, kind, code, from, to); reject clashes.
seen, out, errors = {}, [], []
for a in aliases:
    alias, kind, code, vf, vt, src = a
    if code not in by_code:
        errors.append('alias %r names unknown code %s' % (alias, code))
        continue
    key = (norm(alias) if kind == 'name' else alias.upper(), kind)
    ident = key + (code, vf, vt)
    if ident in seen:
        continue
    seen[ident] = a
    out.append(a)
spans = {}
for alias, kind, code, vf, vt, src in out:
    key = (norm(alias) if kind == 'name' else alias.upper(), 'code' if kind in ('iso2', 'iso3', 'name') else kind)
    lo, hi = vf or '0000-00-00', vt or '9999-99-99'
    for (c2, lo2, hi2, a2) in spans.get(key, []):
        if c2 != code and lo <= hi2 and lo2 <= hi:
            errors.append('alias %r -> %s clashes with %r -> %s (%s..%s)' % (alias, code, a2, c2, lo2, hi2))
    spans.setdefault(key, []).append((code, lo, hi, alias))
if errors:
    sys.exit('\n'.join(errors))

with open(OUT_ALIASES, 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f, lineterminator='\n')
    w.writerow(['alias', 'kind', 'code', 'valid_from', 'valid_to', 'source'])
    for a in out:
        w.writerow(a)

# --- every source spelling must be known ----------------------------------------------
known = {k for k in spans}
missing = []
for r in csv.DictReader(open(os.path.join(REPO, 'data', 'states', 'source_spellings.csv'), encoding='utf-8')):
    if r['source'] == 'voeten':
        if (r['code_in_source'], 'cow') not in known:
            missing.append(('voeten', 'cow', r['code_in_source']))
        continue
    if (norm(r['spelling']), 'code') not in known:
        missing.append((r['source'], 'name', r['spelling']))
    if r['code_in_source'] and (r['code_in_source'].upper(), 'code') not in known:
        missing.append((r['source'], 'iso2', r['code_in_source']))
print('states:', len(rows), 'aliases:', len(out))
if missing:
    for m in sorted(set(missing)):
        print('UNRESOLVED', *m)
    sys.exit(1)
