"use strict";
// The reader: one page, views chosen by the URL fragment.
//   #/                      the talks and their documents
//   #<doc_id>               a document; #<paragraph_id> or #<sentence_id> opens it highlighted
//   #/compare/<event_id>    readout and speech text side by side
//   #/versions/<a>/<b>      two versions of one report, differences marked
//   #/formulations, #/search?q=..., #/about
const DATA = JSON.parse(document.getElementById("reader-data").textContent);

const MODES = {
  direct: "direct speech 直接引语", reported: "reported speech 转述", mixed: "mixed 混合",
  narration: "narration 叙述", none: "not speech 非讲话",
};
const SEGS = {
  title: "title 标题", byline: "byline 署名", dateline: "dateline 电头", heading: "heading 小标题",
  body: "body 正文", photo_caption: "photo caption 图片说明", editor_note: "editor's note 编者按",
};
const ROLES = { readout: "readout 通稿", speech_text: "speech text 讲话原文" };
const ALL = "All 全部";

const docById = new Map(), eventById = new Map(), paraById = new Map(), sentById = new Map();
for (const d of DATA.documents) {
  docById.set(d.doc_id, d);
  for (const p of d.paragraphs) {
    paraById.set(p.id, { doc: d, para: p });
    for (const s of p.sentences) sentById.set(s.id, { doc: d, para: p, sent: s });
  }
}
for (const ev of DATA.events) eventById.set(ev.event_id, ev);

const main = document.getElementById("main");
let currentView = "", currentDoc = null, selected = null;
// A sentence chosen by a click is already where the reader looks: no scroll.
let keepScroll = false;

function esc(s) {
  return String(s == null ? "" : s).replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}
function modeLabel(m) { return MODES[m] || m; }
function segLabel(s) { return SEGS[s] || s; }
function roleLabel(r) { return ROLES[r] || r; }
function speakerLabel(zh, en) { return zh ? (en ? `${zh} ${en}` : zh) : "no speaker 无"; }
function modeBadge(m) { return `<span class="badge mode-label mode-${esc(m)}"><span class="swatch mode-${esc(m)}"></span>${esc(modeLabel(m))}</span>`; }
function shortDoc(d) { return `${d.date.slice(0, 4)} ${d.outlet || d.publisher_en || d.publisher}`; }
function showVisible(t) { return t === "" ? "∅ (nothing 无)" : t.replace(/\n/g, "⏎").replace(/ /g, "␣"); }

// Text with marks: spans are {s, e, open, close} in offsets of the raw text;
// ``base`` is the offset of ``text``. Overlapping marks nest; an empty span
// (an insertion) is drawn as a marker at its place.
function marked(text, base, spans) {
  const local = [];
  for (const m of spans) {
    const s = m.s - base, e = m.e - base;
    if (s === e && s >= 0 && s < text.length) local.push({ s, e, m });
    else if (e > 0 && s < text.length && e > s) local.push({ s: Math.max(0, s), e: Math.min(text.length, e), m });
  }
  if (!local.length) return esc(text);
  const cuts = new Set([0, text.length]);
  for (const x of local) { cuts.add(x.s); cuts.add(x.e); }
  const pts = [...cuts].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i];
    for (const x of local) if (x.s === p && x.e === p) out += x.m.open + x.m.close;
    if (i + 1 < pts.length) {
      const q = pts[i + 1];
      let seg = esc(text.slice(p, q));
      const active = local.filter(x => x.e > x.s && x.s <= p && x.e >= q);
      for (let j = active.length - 1; j >= 0; j--) seg = active[j].m.open + seg + active[j].m.close;
      out += seg;
    }
  }
  return out;
}

// A suspected erratum's reading is inferred, not confirmed by a source.
function correctedLabel(e) { return e.status === "suspected" ? "likely intended, unconfirmed 疑为" : "corrected 更正"; }
function errataSpans(d) {
  return d.errata.filter(e => e.start != null && e.end != null).map(e => ({
    s: e.start, e: e.end, close: "</span>",
    open: `<span class="erratum" data-corr="${esc(e.corrected ? "→ " + e.corrected + (e.status === "suspected" ? "?" : "") : "suspected 疑误")}" title="${esc(
      `Erratum 勘误: published 原文 “${e.published || ""}”; ` +
      (e.corrected ? `${correctedLabel(e)} “${e.corrected}”` : "correction unknown 更正未确认") +
      (e.status ? ` (${e.status})` : "") + (e.evidence ? `. ${e.evidence}` : ""))}">`,
  }));
}

function sentTitle(s) {
  return [`${s.id}`, modeLabel(s.mode), segLabel(s.seg), "speaker 讲话人: " + speakerLabel(s.speaker, s.speaker_en),
    s.cue_text ? `reporting cue 引述词: ${s.cue_text}` : ""].filter(Boolean).join(" · ");
}

// A paragraph's text as its sentences, with whatever lies between them.
function paraText(p, spans, sentenceHtml) {
  if (!p.sentences.length) return marked(p.text, p.start, spans);
  let out = "", pos = p.start;
  for (const s of p.sentences) {
    if (s.start > pos) out += marked(p.text.slice(pos - p.start, s.start - p.start), pos, spans);
    out += sentenceHtml(s);
    pos = s.start + s.text.length;
  }
  if (pos < p.start + p.text.length) out += marked(p.text.slice(pos - p.start), pos, spans);
  return out;
}

function sentenceSpan(s, spans) {
  const own = s.cue ? [{ s: s.start + s.cue[0], e: s.start + s.cue[1], open: `<mark class="cue" title="reporting cue 引述词">`, close: "</mark>" }] : [];
  return `<span class="sent mode-${esc(s.mode)}" id="${esc(s.id)}" data-sid="${esc(s.id)}" tabindex="0" title="${esc(sentTitle(s))}">${marked(s.text, s.start, own.concat(spans))}</span>`;
}

function paraHtml(d, p, spans) {
  const tip = `tip-${p.id}`;
  const caption = p.seg === "photo_caption"
    ? `<span class="badge">photo dated 照片日期 <span class="caption-date">${esc(p.caption_date || "unknown 未知")}</span>${p.caption_date && p.caption_date !== d.date ? " · not the talk's date 非谈话日期" : ""}</span>${p.credit ? `<span class="badge">credit 摄影 ${esc(p.credit)}</span>` : ""}`
    : "";
  return `<section class="para mode-${esc(p.mode)} seg-${esc(p.seg)}" id="${esc(p.id)}" data-pid="${esc(p.id)}" tabindex="-1" aria-label="paragraph 段 ${p.n}">
<div class="para-bar"><a class="pn" href="#${esc(p.id)}" title="permalink 永久链接 ${esc(p.id)}">¶${p.n}</a>
<span class="badge">${esc(segLabel(p.seg))}</span>${modeBadge(p.mode)}<span class="badge">speaker 讲话人: ${esc(speakerLabel(p.speaker, p.speaker_en))}</span>${caption}
<span class="rule-wrap"><button type="button" class="rule-btn" aria-describedby="${esc(tip)}">rule 规则</button><span role="tooltip" class="rule-tip" id="${esc(tip)}">${esc(p.rule)} · ${esc(p.source)}</span></span>
<button type="button" class="cite-btn" data-cite="${esc(p.id)}">cite 引用</button></div>
<div class="text" lang="zh">${paraText(p, spans, s => sentenceSpan(s, spans))}</div></section>`;
}

function notice(text) { return `<p class="notice">${text}</p>`; }

function setView(name, html) {
  currentView = name;
  main.innerHTML = html;
  for (const a of document.querySelectorAll("nav a")) {
    if (a.dataset.nav === name) a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  }
}

// ---- the talks ----
function eventTitle(ev) {
  return `${esc(ev.date)} · ${esc(ev.occasion_en || "collective talk")} <span lang="zh">${esc(ev.occasion || "")}</span>`;
}
function eventDetails(ev) {
  const parts = [];
  if (ev.venue || ev.venue_en) parts.push(`${esc(ev.venue_en || "")} <span lang="zh">${esc(ev.venue || "")}</span>${ev.part_of_day ? ` ${esc(ev.part_of_day)}` : ""}`);
  if (ev.congress || ev.congress_en) parts.push(`after 之后 ${esc(ev.congress_en || "")} <span lang="zh">${esc(ev.congress || "")}</span>${ev.congress_start ? ` (${esc(ev.congress_start)} – ${esc(ev.congress_end || "")})` : ""}`);
  return parts.length ? `<p class="muted small">${parts.join(" · ")}</p>` : "";
}
function compareLinks(ev) {
  const roles = ev.documents.map(m => m.role);
  let out = "";
  if (roles.includes("readout") && roles.includes("speech_text"))
    out += `<a href="#/compare/${esc(ev.event_id)}">Readout and speech text side by side 通稿与讲话原文对照</a> `;
  for (const v of DATA.versions) {
    if (ev.documents.some(m => m.doc_id === v.a))
      out += `<a href="#/versions/${esc(v.a)}/${esc(v.b)}">Compare the two versions 两个版本对比</a> `;
  }
  return out;
}
function viewEvents() {
  let html = `<h1>${esc(DATA.heading.title)} <span class="muted small">${esc(DATA.heading.counts)}</span></h1>`;
  if (DATA.events_source !== "events")
    html += notice(`This release has no <code>events</code> config: documents are grouped into talks by ${DATA.events_source === "doc_id" ? "the date in their doc_id" : "their event_id"}, and each one's role is read from its doc_type. 本版本无 events 表：${DATA.events_source === "doc_id" ? "按文献编号中的日期归组" : "按 event_id 归组"}。`);
  for (const ev of DATA.events) {
    html += `<section class="event" aria-labelledby="ev-${esc(ev.event_id)}"><h2 id="ev-${esc(ev.event_id)}">${eventTitle(ev)}</h2>${eventDetails(ev)}<ul>`;
    for (const m of ev.documents) {
      const d = docById.get(m.doc_id);
      if (!d) continue;
      const ns = d.paragraphs.reduce((n, p) => n + p.sentences.length, 0);
      html += `<li><a href="#${esc(d.doc_id)}" data-doc="${esc(d.doc_id)}" lang="zh">${esc(d.title)}</a><br>
<span class="badge">${esc(roleLabel(m.role))}</span><span class="badge">${esc(m.outlet)}</span><span class="muted small">published 发布 ${esc(d.publication_date)} · ${d.paragraphs.length} paragraph${d.paragraphs.length === 1 ? "" : "s"} 段 · ${ns} sentences 句${d.errata.length ? ` · ${d.errata.length} errata 勘误` : ""}${m.version_of ? ` · version of 同稿异本 ${esc(m.version_of)}` : ""} · <code>${esc(d.doc_id)}</code></span></li>`;
    }
    html += `</ul><p>${compareLinks(ev)}</p></section>`;
  }
  setView("events", html);
}

// ---- a document ----
function legend() {
  return `<div class="legend" aria-label="speech modes 话语方式">${Object.keys(MODES).map(m => `<span class="mode-${m}">${modeBadge(m)}</span>`).join("")}
<span><mark class="cue">cue</mark> reporting cue 引述词</span><span><span class="erratum" data-corr="corrected">published</span> erratum 勘误</span></div>`;
}
function viewDoc(docId) {
  const d = docById.get(docId);
  const ev = eventById.get(d.event_id);
  const spans = errataSpans(d);
  let html = `<div class="doc-head"><p class="small"><a href="#/">Talks 谈话</a> › ${ev ? eventTitle(ev) : esc(d.event_id)}</p>
<h1 lang="zh">${esc(d.title)}</h1><p class="muted">${esc(d.title_en || "")}</p>
<p><span class="badge">${esc(roleLabel(d.role))}</span><span class="badge">${esc(d.publisher)} ${esc(d.publisher_en || "")}</span>
talk 谈话 ${esc(d.date)} · published 发布 ${esc(d.publication_date)} · <code>${esc(d.doc_id)}</code> ${ev ? compareLinks(ev) : ""}</p>${legend()}</div>`;
  if (d.errata.length) {
    html += `<h2>Errata 勘误 (${d.errata.length})</h2><ul class="errata-list">${d.errata.map(e => {
      const where = e.start != null ? [...paraById.values()].find(x => x.doc === d && e.start >= x.para.start && e.start < x.para.start + x.para.text.length) : null;
      return `<li>published 原文 <span class="pub" lang="zh">${esc(e.published)}</span> → ${e.corrected ? `${correctedLabel(e)} <span class="corr" lang="zh">${esc(e.corrected)}</span>` : "suspected, correction unconfirmed 疑误，更正未确认"}${e.status ? ` <span class="badge">${esc(e.status)}</span>` : ""}${where ? ` <a href="#${esc(where.para.id)}">¶${where.para.n}</a>` : ""}${e.evidence ? ` <span class="muted small">${esc(e.evidence)}</span>` : ""}</li>`;
    }).join("")}</ul>`;
  }
  html += d.paragraphs.map(p => paraHtml(d, p, spans)).join("");
  setView("doc", html);
  currentDoc = docId;
}

function clearTarget() { for (const el of document.querySelectorAll(".target")) el.classList.remove("target"); }
function highlight(id) {
  clearTarget();
  const el = document.getElementById(id);
  if (!el) return;
  el.classList.add("target");
  if (!keepScroll) el.scrollIntoView({ block: "center" });
  keepScroll = false;
  el.focus({ preventScroll: true });
  select(id);
}

// ---- citing ----
function citation(id) {
  const kind = sentById.has(id) ? "sentence 句" : paraById.has(id) ? "paragraph 段" : "document 文献";
  return `${id}\n${DATA.name} ${DATA.version}, ${kind} ${id}\n${DATA.citation}`;
}
function select(id) {
  selected = id;
  document.getElementById("selbar").hidden = false;
  document.getElementById("sel-id").textContent = `Selected 已选: ${id}`;
  document.getElementById("cite-out").textContent = "";
}
function copyText(text) {
  const out = document.getElementById("cite-out");
  const shown = ok => { out.textContent = (ok ? "Copied 已复制:\n" : "Copy this 请复制:\n") + text; };
  const fallback = () => {
    const ta = document.createElement("textarea");
    ta.value = text; ta.setAttribute("readonly", ""); ta.style.position = "fixed"; ta.style.opacity = "0";
    document.body.appendChild(ta); ta.focus({ preventScroll: true }); ta.select();
    let ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    ta.remove(); shown(ok);
    const back = selected && document.getElementById(selected);
    if (back) back.focus({ preventScroll: true });
  };
  if (navigator.clipboard && window.isSecureContext) navigator.clipboard.writeText(text).then(() => shown(true), fallback);
  else fallback();
}
function cite(id) { select(id); copyText(citation(id)); }

// ---- side by side ----
function linkMaps(docIds) {
  const links = new Map(), omitted = new Set();
  const add = (x, y) => { if (!links.has(x)) links.set(x, new Set()); links.get(x).add(y); };
  for (const a of DATA.alignments || []) {
    const [da, sa] = a.a, [db, sb] = a.b;
    if (a.kind === "paraphrase" && sa && sb && docIds.has(da) && docIds.has(db)) { add(sa, sb); add(sb, sa); }
    if (a.kind === "omitted") {
      for (const [doc, sid, s, e] of [a.a, a.b]) {
        if (!doc || !docIds.has(doc)) continue;
        if (sid) omitted.add(sid);
        else if (s != null) for (const x of sentById.values()) if (x.doc.doc_id === doc && x.sent.start < e && x.sent.start + x.sent.text.length > s) omitted.add(x.sent.id);
      }
    }
  }
  return { links, omitted };
}
function cmpColumn(d, links, omitted) {
  let html = `<h2><a href="#${esc(d.doc_id)}">${esc(roleLabel(d.role))} · ${esc(d.outlet || d.publisher)}</a> <span class="muted small">${esc(d.doc_id)}</span></h2>`;
  for (const p of d.paragraphs) {
    const sents = p.sentences.length ? p.sentences : [];
    for (const s of sents) {
      const partners = [...(links.get(s.id) || [])].sort();
      const cls = ["cmp-sent", `mode-${s.mode}`, partners.length ? "aligned" : "", omitted.has(s.id) ? "omitted" : ""].filter(Boolean).join(" ");
      const own = s.cue ? [{ s: s.start + s.cue[0], e: s.start + s.cue[1], open: `<mark class="cue">`, close: "</mark>" }] : [];
      html += `<div class="${cls}" data-sid="${esc(s.id)}" data-links="${esc(partners.join(" "))}" tabindex="0" title="${esc(sentTitle(s))}"><span lang="zh">${marked(s.text, s.start, own)}</span>${p.seg !== "body" ? ` <span class="badge">${esc(segLabel(p.seg))}</span>` : ""}<span class="links">${partners.length ? partners.map(x => esc(x.split(".").slice(1).join("."))).join(", ") : ""}</span> <a class="small" href="#${esc(s.id)}" aria-label="open ${esc(s.id)} in its document">¶${p.n}.${s.n}</a></div>`;
    }
  }
  return html;
}
function viewCompare(eventId) {
  const ev = eventById.get(eventId);
  if (!ev) return notFound(eventId);
  const readouts = ev.documents.filter(m => m.role === "readout").map(m => docById.get(m.doc_id)).filter(Boolean);
  const speeches = ev.documents.filter(m => m.role === "speech_text").map(m => docById.get(m.doc_id)).filter(Boolean);
  let html = `<p class="small"><a href="#/">Talks 谈话</a> › ${eventTitle(ev)}</p><h1>Readout and speech text 通稿与讲话原文对照</h1>`;
  if (!readouts.length || !speeches.length) {
    setView("compare", html + notice(`This talk has no ${readouts.length ? "speech text" : "readout"} in the release. ${compareLinks(ev)}`));
    return;
  }
  const ids = new Set([...readouts, ...speeches].map(d => d.doc_id));
  const { links, omitted } = linkMaps(ids);
  if (DATA.alignments === null) {
    html += notice("This release has no <code>alignments</code> config: the texts stand side by side without links. 本版本无对齐数据，仅并排显示。");
  } else {
    const rs = readouts.flatMap(d => d.paragraphs.flatMap(p => p.sentences));
    const ss = speeches.flatMap(d => d.paragraphs.flatMap(p => p.sentences));
    html += `<p class="counts">${rs.filter(s => links.has(s.id)).length} of ${rs.length} readout sentences linked to ${ss.filter(s => links.has(s.id)).length} speech-text sentences 通稿句与原文句对应; ${ss.filter(s => omitted.has(s.id)).length} speech-text sentences not in the readout 原文未见于通稿. <span class="muted">Point at or focus a sentence to light up its partners; Enter or click scrolls to them. 悬停或聚焦句子以显示对应句。</span></p>`;
  }
  html += `<div class="cols"><div class="col" data-col="readout">${readouts.map(d => cmpColumn(d, links, omitted)).join("")}</div><div class="col" data-col="speech">${speeches.map(d => cmpColumn(d, links, omitted)).join("")}</div></div>`;
  setView("compare", html);
}
function pairUp(el, scroll) {
  for (const x of main.querySelectorAll(".paired")) x.classList.remove("paired");
  if (!el) return;
  el.classList.add("paired");
  const attr = el.dataset.diff != null ? "data-diff" : "data-sid";
  const partners = el.dataset.diff != null
    ? [...main.querySelectorAll(`[data-diff="${el.dataset.diff}"]`)]
    : (el.dataset.links || "").split(" ").filter(Boolean).map(id => main.querySelector(`.cmp-sent[${attr}="${CSS.escape(id)}"]`)).filter(Boolean);
  for (const p of partners) { p.classList.add("paired"); if (scroll && p !== el) p.scrollIntoView({ block: "nearest" }); }
}

// ---- versions ----
function viewVersions(a, b) {
  const v = DATA.versions.find(x => x.a === a && x.b === b);
  const da = docById.get(a), db = docById.get(b);
  if (!v || !da || !db) return notFound(`${a} / ${b}`);
  let html = `<p class="small"><a href="#/">Talks 谈话</a> › ${esc(da.date)}</p><h1>Two versions of one report 同一报道的两个版本</h1>`;
  if (!v.declared) html += notice("This release does not say which documents are versions of one text (no <code>version_of</code>): these two are shown as versions because they are both readouts of one talk. 本版本未标注版本关系。");
  if (v.source === "reader-diff") html += notice("This release has no <code>alignments</code> config: the differences below were computed by the reader's character diff of the two texts (difflib), not taken from the release. 差异由阅读器逐字比对得出。");
  const text = (d, s, e) => {
    let t = "";
    for (const p of d.paragraphs) { const lo = Math.max(s, p.start), hi = Math.min(e, p.start + p.text.length); if (hi > lo) t += p.text.slice(lo - p.start, hi - p.start); }
    return t;
  };
  const where = (d, s) => d.paragraphs.find(p => s >= p.start && s <= p.start + p.text.length);
  const spansFor = side => v.diffs.map((x, i) => {
    const [s, e] = side === "a" ? [x[0], x[1]] : [x[2], x[3]];
    return { s, e, open: `<span class="diff${s === e ? " empty" : ""}" data-diff="${i}" tabindex="0" title="difference 差异 ${i + 1}">`, close: "</span>" };
  });
  const column = (d, side) => {
    const spans = spansFor(side);
    return `<h2><a href="#${esc(d.doc_id)}">${esc(d.publisher)} ${esc(d.publisher_en || "")}</a> <span class="muted small">${esc(d.doc_id)}</span></h2>` +
      d.paragraphs.map((p, k) => {
        const next = d.paragraphs[k + 1];
        const gapEnd = next ? next.start : Infinity, end = p.start + p.text.length;
        const gaps = spans.filter(m => m.s >= end && m.s < gapEnd && text(d, m.s, m.e) === "");
        return `<div class="cmp-sent mode-${esc(p.mode)}" data-pid="${esc(p.id)}"><a class="small" href="#${esc(p.id)}">¶${p.n}</a> <span lang="zh">${marked(p.text, p.start, spans)}</span></div>` +
          gaps.map(m => `<div class="gap small">${m.open}between paragraphs 段间${m.close}</div>`).join("");
      }).join("");
  };
  html += `<p class="counts">${v.diffs.length} differences 处差异 <span class="muted">(elsewhere the two agree character for character 其余逐字相同)</span></p>`;
  html += `<table class="kwic"><thead><tr><th>#</th><th>${esc(da.publisher)}</th><th>${esc(db.publisher)}</th><th>where 位置</th></tr></thead><tbody>${v.diffs.map((x, i) => {
    const pa = where(da, x[0]), pb = where(db, x[2]);
    const ta = x[4], tb = x[5];
    return `<tr data-diff-row="${i}"><td>${i + 1}</td><td lang="zh"><span class="diff" data-diff="${i}">${esc(showVisible(ta))}</span></td><td lang="zh"><span class="diff" data-diff="${i}">${esc(showVisible(tb))}</span></td><td class="where">${pa ? `<a href="#${esc(pa.id)}">${esc(pa.id)}</a>` : "between paragraphs 段间"} / ${pb ? `<a href="#${esc(pb.id)}">${esc(pb.id)}</a>` : "between paragraphs 段间"}</td></tr>`;
  }).join("")}</tbody></table>`;
  html += `<div class="cols"><div class="col">${column(da, "a")}</div><div class="col">${column(db, "b")}</div></div>`;
  setView("versions", html);
}

// ---- formulations ----
function viewFormulations() {
  let html = `<h1>Formulations 提法</h1>`;
  if (DATA.formulations === null) {
    setView("formulations", html + notice("This release has no <code>formulations</code> config. 本版本无提法数据。 Use the search 检索 to follow a phrase through the talks: <a href=\"#/search\">search</a>."));
    return;
  }
  const n = DATA.formulations.length, nb = DATA.formulations.filter(f => f.boilerplate).length;
  html += `<p>${n} formulations 条提法, ${nb} of them boilerplate of the genre 套话. <label><input type="checkbox" id="show-boiler"> show boilerplate 显示套话</label>
<label>containing 包含 <input type="search" id="form-filter" lang="zh" autocomplete="off"></label> <span class="muted small">most talks first 按出现谈话次数排序</span></p><div id="forms">`;
  for (const f of DATA.formulations) {
    html += `<section class="form${f.boilerplate ? " boilerplate" : ""}" data-fid="${esc(f.id)}"${f.boilerplate ? " hidden" : ""}><h3 lang="zh">${esc(f.text)}</h3>
<p class="small"><span class="badge">${f.n_events} talks 次谈话</span><span class="badge">${f.n_documents} documents 篇</span>${esc(f.first)} – ${esc(f.last)}${f.boilerplate ? ` <span class="badge">boilerplate 套话: ${esc(f.rule || "")}</span>` : ""} <code>${esc(f.id)}</code></p><ol>`;
    for (const [doc, sid, s, e, date, mode, speaker] of f.occurrences) {
      const x = sid ? sentById.get(sid) : null;
      const d = docById.get(doc);
      const snippet = x ? marked(x.sent.text, x.sent.start, [{ s, e, open: "<mark class=\"cue\">", close: "</mark>" }]) : "";
      html += `<li><a href="#${esc(sid || doc)}">${esc(date)} · ${esc(d ? shortDoc(d) : doc)} · ${esc(sid || doc)}</a> ${modeBadge(mode)} <span class="small">${esc(speakerLabel(speaker))}</span><br><span lang="zh" class="small">${snippet}</span></li>`;
    }
    html += `</ol></section>`;
  }
  setView("formulations", html + "</div>");
  const boiler = document.getElementById("show-boiler"), filter = document.getElementById("form-filter");
  const byId = new Map(DATA.formulations.map(f => [f.id, f]));
  const update = () => {
    for (const el of main.querySelectorAll(".form")) {
      const f = byId.get(el.dataset.fid);
      el.hidden = (f.boilerplate && !boiler.checked) || !f.text.includes(filter.value);
    }
  };
  boiler.addEventListener("change", update);
  filter.addEventListener("input", update);
}

// ---- search ----
const FACETS = [
  ["doc", "document 文献", h => h.doc, v => { const d = docById.get(v); return d ? shortDoc(d) + " · " + v : v; }],
  ["event", "talk 谈话", h => h.event, v => v],
  ["seg", "segment type 段落类型", h => h.seg, segLabel],
  ["mode", "speech mode 话语方式", h => h.mode, modeLabel],
  ["speaker", "speaker 讲话人", h => h.speaker, v => v === NO_SPEAKER ? "no speaker 无" : v],
];
const CONTEXT = 24;
const NO_SPEAKER = "-";
function findHits(q) {
  const hits = [];
  if (!q) return hits;
  for (const d of DATA.documents) for (const p of d.paragraphs) {
    let i = p.text.indexOf(q);
    while (i >= 0) {
      const at = p.start + i;
      const s = p.sentences.find(x => at >= x.start && at < x.start + x.text.length);
      hits.push({
        doc: d.doc_id, event: d.event_id, seg: p.seg, mode: s ? s.mode : p.mode, speaker: (s ? s.speaker : p.speaker) || NO_SPEAKER,
        id: s ? s.id : p.id, left: p.text.slice(Math.max(0, i - CONTEXT), i), match: q,
        right: p.text.slice(i + q.length, i + q.length + CONTEXT),
      });
      i = p.text.indexOf(q, i + q.length);
    }
  }
  return hits;
}
function viewSearch(params) {
  const html = `<h1>Search 检索 <span class="muted small">keyword in context 语境索引</span></h1>
<form class="search-form" role="search" onsubmit="return false">
<label for="q">Chinese text 中文检索词<input id="q" type="search" lang="zh" autocomplete="off" placeholder="e.g. 工会"></label>
${FACETS.map(([k, label]) => `<label for="f-${k}">${label}<select id="f-${k}" data-facet="${k}"></select></label>`).join("")}
</form><p class="counts" id="counts" aria-live="polite"></p>
<table class="kwic"><thead><tr><th>where 位置</th><th>left context 左语境</th><th>match 匹配</th><th>right context 右语境</th><th>mode · speaker</th></tr></thead><tbody id="hits"></tbody></table>`;
  setView("search", html);
  const q = document.getElementById("q");
  q.value = params.get("q") || "";
  for (const [k] of FACETS) document.getElementById(`f-${k}`).dataset.value = params.get(k) || "";
  const update = () => {
    const hits = findHits(q.value);
    const chosen = Object.fromEntries(FACETS.map(([k]) => [k, document.getElementById(`f-${k}`).dataset.value]));
    const keep = (h, skip) => FACETS.every(([k, , get]) => k === skip || !chosen[k] || get(h) === chosen[k]);
    for (const [k, , get, label] of FACETS) {
      const sel = document.getElementById(`f-${k}`);
      const counts = new Map();
      for (const h of hits) if (keep(h, k)) counts.set(get(h), (counts.get(get(h)) || 0) + 1);
      if (chosen[k] && !counts.has(chosen[k])) counts.set(chosen[k], 0);
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      sel.innerHTML = `<option value="">${ALL} (${total})</option>` + [...counts.keys()].sort().map(v =>
        `<option value="${esc(v)}"${v === chosen[k] ? " selected" : ""}>${esc(label(v))} (${counts.get(v)})</option>`).join("");
    }
    const shown = hits.filter(h => keep(h, null));
    const ndocs = new Set(shown.map(h => h.doc)).size;
    document.getElementById("counts").textContent = q.value
      ? `${shown.length} hits 处 in ${ndocs} documents 篇文献${shown.length < hits.length ? ` (of ${hits.length} before filters 筛选前)` : ""}`
      : "Type Chinese text to search 请输入检索词";
    document.getElementById("hits").innerHTML = shown.slice(0, 1000).map(h => {
      const d = docById.get(h.doc);
      return `<tr data-doc="${esc(h.doc)}"><td class="where"><a href="#${esc(h.id)}">${esc(shortDoc(d))} · ${esc(h.id.split(".").slice(1).join("."))}</a></td><td class="left" lang="zh"><span>${esc(h.left)}</span></td><td class="match" lang="zh">${esc(h.match)}</td><td class="right" lang="zh">${esc(h.right)}</td><td class="where">${esc(modeLabel(h.mode))} · ${esc(h.speaker === NO_SPEAKER ? "—" : h.speaker)}</td></tr>`;
    }).join("");
    const state = new URLSearchParams();
    if (q.value) state.set("q", q.value);
    for (const [k] of FACETS) if (chosen[k]) state.set(k, chosen[k]);
    const hash = "#/search" + (state.toString() ? "?" + state.toString() : "");
    if (location.hash !== hash) history.replaceState(null, "", hash);
  };
  q.addEventListener("input", update);
  for (const [k] of FACETS) {
    const sel = document.getElementById(`f-${k}`);
    sel.addEventListener("change", () => { sel.dataset.value = sel.value; update(); });
  }
  update();
  q.focus();
}

// ---- key and citation ----
function viewAbout() {
  const present = name => DATA[name] === null ? "absent 无" : "present 有";
  setView("about", `<h1>Key and citation 图例与引用</h1>
<h2>Speech modes 话语方式</h2><p>Each mode has a colour, a line style (left border and underline) and a label; the label is on every paragraph and in every sentence's tooltip. 每种话语方式有颜色、线型和文字标签。</p>${legend()}
<h2>Segment types 段落类型</h2><p>${Object.values(SEGS).map(s => `<span class="badge">${esc(s)}</span>`).join("")} Photo captions are set apart in a grey box with the photo's own date. 图片说明单独显示，并注明照片日期。</p>
<h2>Keys 快捷键</h2><ul><li><kbd>Tab</kbd> moves between links, sentences and buttons 在链接、句子和按钮间移动</li><li><kbd>j</kbd>/<kbd>k</kbd> next / previous sentence 下一句/上一句; <kbd>Enter</kbd> selects it (its permalink) 选中</li><li><kbd>c</kbd> cites the selection 引用选中内容; <kbd>/</kbd> opens the search 检索</li></ul>
<h2>Cite 引用</h2><p>Every paragraph and sentence has a permalink (<code>#2018-10-29-acftu-talk-xinhua.p003</code>); the “cite” button copies its id, the release version and this citation. 每段每句均有永久链接。</p>
<pre class="citation">${esc(DATA.citation)}</pre><pre class="citation">${esc(DATA.bibtex)}</pre>
<h2>What this page is built from 数据来源</h2><p>The records of release ${esc(DATA.version)} (<code>../data/</code>), read back when the release was built: events config ${DATA.events_source === "events" ? "present 有" : "absent 无 (talks grouped by " + esc(DATA.events_source) + ")"}, alignments ${present("alignments")}, formulations ${present("formulations")}.</p>`);
}

function notFound(what) { setView("", `<h1>Not found 未找到</h1><p><code>${esc(what)}</code> is not in release ${esc(DATA.version)}. <a href="#/">Talks 谈话</a></p>`); }

function route() {
  const raw = location.hash.slice(1);
  let h;
  try { h = decodeURIComponent(raw); } catch (e) { h = raw; }
  const [path, query] = h.split("?");
  if (!path || path === "/") viewEvents();
  else if (path === "/search") viewSearch(new URLSearchParams(query || ""));
  else if (path === "/formulations") viewFormulations();
  else if (path === "/about") viewAbout();
  else if (path.startsWith("/compare/")) viewCompare(path.slice(9));
  else if (path.startsWith("/versions/")) { const [a, b] = path.slice(10).split("/"); viewVersions(a, b); }
  else if (docById.has(path)) { viewDoc(path); window.scrollTo(0, 0); main.focus({ preventScroll: true }); }
  else if (paraById.has(path) || sentById.has(path)) {
    const d = (paraById.get(path) || sentById.get(path)).doc;
    if (currentView !== "doc" || currentDoc !== d.doc_id) viewDoc(d.doc_id);
    highlight(path);
    return;
  } else notFound(path);
  if (currentView !== "doc") { currentDoc = null; selected = null; document.getElementById("selbar").hidden = true; }
  if (!paraById.has(path) && !sentById.has(path)) window.scrollTo(0, 0);
}

function choose(sid) {
  if (location.hash === "#" + sid) return;
  keepScroll = true;
  location.hash = sid;
}
main.addEventListener("click", e => {
  const c = e.target.closest("[data-cite]");
  if (c) { cite(c.dataset.cite); return; }
  const s = e.target.closest(".sent");
  if (s && !e.target.closest("a")) { choose(s.dataset.sid); return; }
  const cmp = e.target.closest(".cmp-sent[data-links], .diff");
  if (cmp && !e.target.closest("a")) pairUp(cmp, true);
});
main.addEventListener("mouseover", e => { const el = e.target.closest(".cmp-sent[data-links], .diff"); if (el) pairUp(el, false); });
main.addEventListener("focusin", e => { const el = e.target.closest(".cmp-sent[data-links], .diff"); if (el) pairUp(el, false); });
main.addEventListener("keydown", e => {
  if (e.key !== "Enter") return;
  const s = e.target.closest(".sent");
  if (s) { choose(s.dataset.sid); return; }
  const cmp = e.target.closest(".cmp-sent[data-links], .diff");
  if (cmp) pairUp(cmp, true);
});
document.addEventListener("keydown", e => {
  if (e.target.closest && e.target.closest("input, select, textarea, button")) return;
  if (e.altKey || e.ctrlKey || e.metaKey) return;
  if (e.key === "/") { e.preventDefault(); location.hash = "#/search"; }
  else if (e.key === "c" && selected) cite(selected);
  else if (e.key === "j" || e.key === "k") {
    const items = [...main.querySelectorAll(".sent, .cmp-sent[tabindex]")];
    if (!items.length) return;
    const at = items.indexOf(document.activeElement);
    const next = items[Math.max(0, Math.min(items.length - 1, at < 0 ? 0 : at + (e.key === "j" ? 1 : -1)))];
    next.focus(); next.scrollIntoView({ block: "nearest" });
  }
});
document.getElementById("sel-cite").addEventListener("click", () => { if (selected) cite(selected); });
document.getElementById("sel-clear").addEventListener("click", () => {
  selected = null; clearTarget(); document.getElementById("selbar").hidden = true;
});
window.addEventListener("hashchange", route);
route();
