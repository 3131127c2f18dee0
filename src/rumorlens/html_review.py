"""The reviewer's parts of the HTML view, kept apart from the page's layout
(rumorlens.html): the digest that opens the page, the false alarms a
reviewer suppressed, the triage buttons of ``rumorlens serve``, and the
gloss shown when the pointer rests on a Chinese or French word.

Everything here returns finished HTML (escaped) or JSON for a
``<script type="application/json">`` block; the scripts read those blocks
and build their elements with ``textContent``, never ``innerHTML``.
"""
from __future__ import annotations

import html as _html
import json
import re
from typing import Any, Optional

from .langs import HAN_RUN_RE, lang_name
from .names import Names, plural

GLOSS_SENSES = 3  # dictionary senses shown per word
GLOSS_CHARS = 120  # ... cut to this many characters
ZH_LONGEST = 4  # longest Chinese word looked up, in characters
_FR_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿŒœ]+(?:-[A-Za-zÀ-ÖØ-öø-ÿŒœ]+)*")
CEDICT_SOURCE = "CC-CEDICT (MDBG, CC BY-SA 4.0)"  # the Chinese glosses
FREEDICT_SOURCE = "FreeDict fra-eng (GPL-2.0-or-later)"  # the French glosses


def _esc(value: Any) -> str:
    return _html.escape("" if value is None else str(value), quote=True)


def script_json(data) -> str:
    """JSON safe inside a <script> element (see rumorlens.html._findings_json)."""
    s = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    s = re.sub("[\ud800-\udfff]", "\ufffd", s)
    return s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


# --------------------------------------------------------------------------
# the digest


def digest_section(report: dict, names: Names, k_of_id: dict) -> str:
    """"The story first": per article, its versions and its top changes, each
    a sentence with a button to its evidence; then conflicts across articles."""
    from .digest import build_digest

    digest = report.get("digest")
    if not isinstance(digest, list):
        digest = build_digest(report)
    p = ['<section id="digest"><h2>The story first</h2>']
    if not digest:
        p.append('<p class="none">No differences found between versions or articles.</p></section>')
        return "".join(p)
    for a in digest:
        gid = a.get("group")
        p.append(f'<article class="dg" data-group="{_esc(gid or "")}"><h3>{_esc(a.get("name"))}</h3>')
        versions = [str(v) for v in a.get("versions") or []]
        if versions:
            p.append(f'<p class="versions">{plural(len(versions), "version")}: ' + "".join(
                f'<span class="vchip" title="{_esc(names.path(v))}" lang="{_esc(names.docs.get(v, {}).get("lang", ""))}">'
                f'{_esc(names.label(v))}</span>' for v in versions) + '</p>')
        n_f, n_c, n_top = int(a.get("findings") or 0), int(a.get("changes") or 0), len(a.get("top") or [])
        most = "" if n_c <= n_top else ("; the most important:" if n_top == 1 else f"; the {n_top} most important:")
        p.append(f'<p class="hint" data-digest-counts="{_esc(gid or "")}">{plural(n_f, "finding")}, '
                 f'{plural(n_c, "distinct change")}{most or ":"}</p>')
        p.append('<ol class="top">')
        for item in a.get("top") or []:
            ks = [k_of_id[i] for i in item.get("findings") or [] if i in k_of_id]
            go = (f'<button class="go" data-k="{ks[0]}" title="Show the evidence in the aligned view">evidence ↓</button>'
                  if ks else "")
            more = f' <span class="meta">{plural(len(ks), "finding")}</span>' if len(ks) > 1 else ""
            p.append(f'<li data-findings="{_esc(" ".join(item.get("findings") or []))}">'
                     f'<span class="badge sev-{_esc(item.get("severity"))}">{_esc(item.get("severity"))}</span> '
                     f'<span class="sentence">{_esc(item.get("sentence"))}</span>{more} {go}</li>')
        p.append('</ol></article>')
    p.append('</section>')
    return "".join(p)


# --------------------------------------------------------------------------
# triage


def status_badge(status: Optional[str], note: Optional[str] = None) -> str:
    """A finding's review status, as a badge (nothing when undecided)."""
    if not status:
        return ""
    label = {"confirmed": "confirmed", "false_alarm": "false alarm"}.get(status, status)
    tip = f' title="{_esc(note)}"' if note else ""
    return f'<span class="status st-{_esc(status)}"{tip}>{_esc(label)}</span>'


def suppressed_section(report: dict, names: Names) -> str:
    """The findings a reviewer marked as false alarms (kept, not deleted)."""
    sup = [f for f in report.get("suppressed") or [] if isinstance(f, dict)]
    tri = report.get("triage") or {}
    p = ['<section id="suppressed"><h2>Suppressed false alarms</h2>']
    where = f' (decisions file <span class="path">{_esc(tri.get("decisions"))}</span>)' if tri.get("decisions") else ""
    if not sup:
        p.append(f'<p class="none">No finding marked as a false alarm{where}.</p></section>')
        return "".join(p)
    p.append(f'<p class="hint">{plural(len(sup), "finding")} marked as false alarms{where}: left out of the '
             'counts and the list above, kept here.</p><ul class="sup">')
    for f in sup:
        docs = " → ".join(names.name(str(d)) for d in f.get("docs") or [])
        note = f' <span class="note">“{_esc(f.get("note"))}”</span>' if f.get("note") else ""
        p.append(f'<li data-fp="{_esc(f.get("fingerprint"))}">{status_badge("false_alarm")} '
                 f'<span class="cat">{_esc(f.get("category"))}</span> <span class="type">{_esc(f.get("type"))}</span> '
                 f'{_esc(f.get("explanation"))}{note} <span class="meta">{_esc(docs)}</span></li>')
    p.append('</ul></section>')
    return "".join(p)


def review_json(review: Optional[dict]) -> str:
    """The block that turns the triage buttons on (``rumorlens serve`` only)."""
    if not review:
        return ""
    return f'<script type="application/json" id="rl-review">{script_json(review)}</script>\n'


# --------------------------------------------------------------------------
# gloss on hover


def gloss_tables(report: dict) -> dict:
    """{"zh": {word: gloss}, "fr": {...}, "sources": {lang: dictionary}}: the
    dictionary words of the report's Chinese and French texts (every
    CC-CEDICT word of 1 to 4 characters inside a run of Han characters;
    every French word FreeDict has, elided article removed), each with its
    first senses.  A dictionary that is not installed gives no table."""
    from .lexicons.dictionaries import _cedict, _freedict, meaningful

    out: dict = {"sources": {}}
    texts = [str(d.get("text") or "") for d in report.get("documents") or []]
    cedict = _cedict()
    if cedict is not None:
        zh: dict[str, str] = {}
        for text in texts:
            for run in HAN_RUN_RE.findall(text):
                for i in range(len(run)):
                    for j in range(i + 1, min(len(run), i + ZH_LONGEST) + 1):
                        w = run[i:j]
                        if w not in zh and w in cedict:
                            senses = meaningful(cedict[w])[:GLOSS_SENSES]
                            if senses:
                                zh[w] = _cut("; ".join(senses))
        out["zh"], out["sources"]["zh"] = zh, CEDICT_SOURCE
    freedict = _freedict() if any(d.get("lang") == "fr" or "fr" in (d.get("languages") or [])
                                  for d in report.get("documents") or []) else None
    if freedict is not None:
        fr: dict[str, str] = {}
        for d in report.get("documents") or []:
            if d.get("lang") != "fr" and "fr" not in (d.get("languages") or []):
                continue
            for m in _FR_WORD.finditer(str(d.get("text") or "")):
                w = m.group().casefold()
                if w not in fr and w in freedict:
                    fr[w] = _cut("; ".join(freedict[w][:GLOSS_SENSES]))
        out["fr"], out["sources"]["fr"] = fr, FREEDICT_SOURCE
    return out


def _cut(text: str) -> str:
    return text if len(text) <= GLOSS_CHARS else text[:GLOSS_CHARS - 1] + "…"


def gloss_block(report: dict, gloss: bool) -> tuple[str, str]:
    """(the toggle shown above the aligned view, the JSON block), or two
    empty strings when glosses are off or no dictionary is installed."""
    if not gloss:
        return "", ""
    tables = gloss_tables(report)
    if not tables["sources"]:
        return "", ""
    where = "; ".join(f"{lang_name(k)}: {v}" for k, v in sorted(tables["sources"].items()))
    toggle = (f'<label class="glossopt"><input type="checkbox" id="gloss-on" checked> gloss on hover '
              f'<span class="meta">(offline dictionaries: {_esc(where)})</span></label>')
    return toggle, f'<script type="application/json" id="rl-gloss">{script_json(tables)}</script>\n'


REVIEW_CSS = """
#digest article.dg{border:1px solid var(--line);border-radius:8px;padding:.2rem 1rem .6rem;margin:.8rem 0;
background:#fbfcfe}
#digest h3{margin:.6rem 0 .2rem}
#digest .versions{margin:.1rem 0 .3rem;font-size:.85rem;color:var(--muted);display:flex;flex-wrap:wrap;gap:.3rem;
align-items:baseline}
.vchip{border:1px solid var(--line);border-radius:1em;padding:0 .6em;background:#fff;color:var(--fg);cursor:help}
#digest ol.top{margin:.2rem 0;padding-left:1.4rem}
#digest ol.top li{margin:.35rem 0;line-height:1.5}
#digest ol.top .sentence{font-size:1rem}
.docname{border-bottom:1px dotted #b0b4bd;cursor:help}
.status{display:inline-block;padding:0 .4em;border-radius:.5em;font-size:.74rem;font-weight:600;
border:1px solid currentColor;margin-right:.3em;white-space:nowrap}
.status.st-confirmed{color:#146c2e}.status.st-false_alarm{color:#8a4b00}
.triage{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;margin-top:.3rem;font-size:.82rem}
.triage button{font:inherit;border:1px solid var(--line);background:#fff;border-radius:4px;cursor:pointer;
padding:.05rem .45rem}
.triage button[aria-pressed=true]{background:#20242c;color:#fff;border-color:#20242c}
.triage input{font:inherit;min-width:10em;flex:1 1 10em;max-width:24em;padding:.05rem .3rem}
.triage .saved{color:var(--muted)}
#flist .f.st-false_alarm{opacity:.55}
ul.sup{font-size:.9rem}ul.sup li{margin:.3rem 0}.note{font-style:italic}
.cue{display:inline-block;font-size:.7rem;color:#7a7f8a;font-variant-numeric:tabular-nums;margin-right:.3em;
background:var(--soft);border-radius:3px;padding:0 .25em}
.glossopt{display:block;margin:.2rem 0 .5rem;font-size:.88rem}
#gloss{position:fixed;z-index:40;max-width:24rem;background:#20242c;color:#fff;border-radius:6px;padding:.35rem .55rem;
font-size:.85rem;pointer-events:none;box-shadow:0 4px 14px rgba(0,0,0,.25)}
#gloss[hidden]{display:none}
#gloss b{font-size:1rem;margin-right:.4em}#gloss .src{display:block;color:#b8c0d0;font-size:.72rem;margin-top:.15rem}
"""

REVIEW_JS = r"""
(function(){
"use strict";
var F=JSON.parse(document.getElementById("rl-findings").textContent);
var box=document.getElementById("rl-review");
if(!box)return;
var R=JSON.parse(box.textContent),tbody=document.getElementById("fbody");
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function post(fp,status,note,done){
  fetch("decisions",{method:"POST",headers:{"Content-Type":"application/json","X-Rumorlens-Token":R.token},
    body:JSON.stringify({fingerprint:fp,status:status,note:note})})
  .then(function(r){return r.json().then(function(j){if(!r.ok)throw new Error(j.error||r.status);return j;});})
  .then(function(){done(null);},function(e){done(e);});
}
function controls(row,k){
  var f=F[k];if(!f||!f.fp)return;
  var d=(R.decisions||{})[f.fp]||{},wrap=el("div","triage");
  var yes=el("button",null,"confirm"),no=el("button",null,"false alarm"),clr=el("button",null,"clear");
  var note=el("input");note.type="text";note.placeholder="note (optional)";note.value=d.note||"";
  var saved=el("span","saved");
  function paint(st){yes.setAttribute("aria-pressed",st==="confirmed");no.setAttribute("aria-pressed",st==="false_alarm");
    row.classList.toggle("st-false_alarm",st==="false_alarm");row.classList.toggle("st-confirmed",st==="confirmed");
    row.setAttribute("data-status",st||"");}
  function send(st){saved.textContent="saving…";post(f.fp,st,note.value,function(err){
    if(err){saved.textContent="not saved: "+err.message;return;}
    (R.decisions=R.decisions||{})[f.fp]=st?{status:st,note:note.value}:undefined;
    paint(st);saved.textContent=st?"saved: the next `rumorlens align` applies it":"cleared";});}
  [yes,no,clr].forEach(function(b){b.type="button";});
  yes.addEventListener("click",function(e){e.stopPropagation();send("confirmed");});
  no.addEventListener("click",function(e){e.stopPropagation();send("false_alarm");});
  clr.addEventListener("click",function(e){e.stopPropagation();send(null);});
  note.addEventListener("click",function(e){e.stopPropagation();});
  note.addEventListener("change",function(){var st=row.getAttribute("data-status");if(st)send(st);});
  wrap.appendChild(yes);wrap.appendChild(no);wrap.appendChild(clr);wrap.appendChild(note);wrap.appendChild(saved);
  row.querySelector(".expl").parentNode.appendChild(wrap);
  paint(d.status||null);
}
if(tbody)Array.prototype.forEach.call(tbody.children,function(r){controls(r,+r.getAttribute("data-k"));});
document.querySelectorAll("#suppressed li[data-fp]").forEach(function(li){
  var b=el("button",null,"restore");b.type="button";var s=el("span","saved");
  b.addEventListener("click",function(){post(li.getAttribute("data-fp"),null,"",function(err){
    s.textContent=err?"not saved: "+err.message:" restored: the next `rumorlens align` lists it again";});});
  var w=el("span","triage");w.appendChild(b);w.appendChild(s);li.appendChild(w);
});
document.body.classList.add("reviewing");
})();
"""

GLOSS_JS = r"""
(function(){
"use strict";
var box=document.getElementById("rl-gloss"),on=document.getElementById("gloss-on");
if(!box||!on)return;
var G=JSON.parse(box.textContent),views=document.getElementById("views");
var tip=document.createElement("div");tip.id="gloss";tip.hidden=true;document.body.appendChild(tip);
var WORD=/[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u0152\u0153-]/;
var ELISION=/^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['\u2019]/i;
function caret(x,y){
  if(document.caretPositionFromPoint){var p=document.caretPositionFromPoint(x,y);return p&&{node:p.offsetNode,off:p.offset};}
  if(document.caretRangeFromPoint){var r=document.caretRangeFromPoint(x,y);return r&&{node:r.startContainer,off:r.startOffset};}
  return null;
}
function zhWord(s,i){
  for(var n=4;n>=1;n--){for(var a=Math.max(0,i-n+1);a<=i;a++){var w=s.substr(a,n);
    if(w.length===n&&G.zh&&Object.prototype.hasOwnProperty.call(G.zh,w))return [w,G.zh[w]];}}
  return null;
}
function frWord(s,i){
  if(!G.fr||!WORD.test(s.charAt(i)))return null;
  var a=i,b=i;while(a>0&&(WORD.test(s.charAt(a-1))||/['\u2019]/.test(s.charAt(a-1))))a--;
  while(b<s.length&&WORD.test(s.charAt(b)))b++;
  var w=s.slice(a,b).replace(ELISION,""),k=w.toLowerCase();
  return Object.prototype.hasOwnProperty.call(G.fr,k)?[w,G.fr[k]]:null;
}
function hide(){tip.hidden=true;}
views.addEventListener("mousemove",function(e){
  if(!on.checked){hide();return;}
  var c=caret(e.clientX,e.clientY);
  if(!c||!c.node||c.node.nodeType!==3||!c.node.parentElement.closest(".c")){hide();return;}
  var host=c.node.parentElement.closest("[lang]"),lang=host?host.getAttribute("lang"):"";
  var s=c.node.data,i=Math.min(c.off,s.length-1);if(i<0){hide();return;}
  var hit=lang.indexOf("zh")===0?zhWord(s,i):lang==="fr"?frWord(s,i):null;
  if(!hit){hide();return;}
  while(tip.firstChild)tip.removeChild(tip.firstChild);
  var b=document.createElement("b");b.textContent=hit[0];tip.appendChild(b);
  tip.appendChild(document.createTextNode(hit[1]));
  var from=document.createElement("span");from.className="src";from.textContent="gloss: "+G.sources[lang.slice(0,2)];
  tip.appendChild(from);tip.hidden=false;
  var x=Math.min(e.clientX+14,window.innerWidth-tip.offsetWidth-8),y=e.clientY+18;
  if(y+tip.offsetHeight>window.innerHeight-4)y=e.clientY-tip.offsetHeight-12;
  tip.style.left=x+"px";tip.style.top=y+"px";
});
views.addEventListener("mouseleave",hide);
on.addEventListener("change",hide);
})();
"""


def cue_time(seconds: float) -> str:
    """A cue time as m:ss (h:mm:ss past an hour)."""
    s = int(seconds)
    h, m, sec = s // 3600, (s % 3600) // 60, s % 60
    return f"{h}:{m:02d}:{sec:02d}" if h else f"{m}:{sec:02d}"
