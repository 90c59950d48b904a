"use strict";
// Only on a page that shows part of its release (see the note under the
// header): an id this page lacks may still be in the release, so the reader
// says where its records are instead of "not in release".
notFound = function (what) {
  setView("", `<h1>Not on this page 本页未收录</h1><p><code>${esc(what)}</code> is not among the ${DATA.excerpt.documents} documents this page shows of release ${esc(DATA.version)}. If the release has it, its records are in the Parquet configs (<code>../data/</code>). 本页未收录；全部记录见 ../data/ 中的 Parquet 文件。 <a href="#/">Talks 谈话</a></p>`);
};
if (currentView === "") route();
