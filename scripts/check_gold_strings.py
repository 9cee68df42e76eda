#!/usr/bin/env python3
"""Sanity check of gold files against their pages, independent of the segmenter:
every gold string (body sentences, comment texts, authors, dates, titles,
furniture) must occur in the page's visible text (white space removed), and
reply_to must point to an earlier comment.

Usage: python3 scripts/check_gold_strings.py tests/blind
"""
import json, pathlib, re, sys, html
from html.parser import HTMLParser

class T(HTMLParser):
    def __init__(s):
        super().__init__(convert_charrefs=True); s.out=[]; s.skip=0
    def handle_starttag(s,t,a):
        if t in ('script','style'): s.skip+=1
    def handle_endtag(s,t):
        if t in ('script','style') and s.skip: s.skip-=1
    def handle_data(s,d):
        if not s.skip: s.out.append(d)

def text_of(p):
    raw=p.read_bytes()
    if p.suffix.startswith('.htm'):
        m=re.search(rb'charset=["\']?([\w-]+)',raw[:2000])
        enc=m.group(1).decode() if m else None
        try: s=raw.decode(enc or 'utf-8')
        except Exception: s=raw.decode('cp1252')
        t=T(); t.feed(s); s=''.join(t.out)
    else:
        try: s=raw.decode('utf-8')
        except UnicodeDecodeError: s=raw.decode('cp1252')
    return s

bad=0
for g in sorted(pathlib.Path(sys.argv[1]).glob('*.expected.json')):
    name=g.name[:-len('.expected.json')]
    pages=[p for p in g.parent.glob(name+'.*') if not p.name.endswith('.json')]
    page=pages[0]
    txt=re.sub(r'\s+','',text_of(page))
    gold=json.loads(g.read_text(encoding='utf-8'))
    items=[('body',s) for s in gold['body_contains']]+[('furn',s) for s in gold['furniture']]
    for i,c in enumerate(gold['comments']):
        items.append((f'c{i}.text',c['text']))
        for k in ('author','date','title'):
            if c.get(k): items.append((f'c{i}.{k}',c[k]))
        r=c['reply_to']
        if r is not None and not (0<=r<i): items.append((f'c{i}.reply_to BAD',"\x00"))
    if gold.get('title'): items.append(('title',gold['title']))
    miss=[(k,s) for k,s in items if re.sub(r'\s+','',s) not in txt]
    n=len(gold['comments'])
    print(f"{page.name:<50} comments {n:>2} body {len(gold['body_contains'])} furn {len(gold['furniture'])} {'OK' if not miss else 'MISSING'}")
    for k,s in miss: print('   ',k,repr(s[:90])); bad+=1
sys.exit(1 if bad else 0)
