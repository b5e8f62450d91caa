import { FONT_STACK } from './charts/svg.js';

/** The report's only stylesheet: inline, system fonts, and a print layout for A4. */
export const REPORT_CSS = `
:root{--ink:#1a1a1a;--muted:#4d4d4d;--line:#d0d0d0;--accent:#1f4e79;--soft:#f3f6f9;--warn:#a04a00}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--ink);font-family:${FONT_STACK};font-size:16px;line-height:1.55}
main{max-width:1080px;margin:0 auto;padding:40px 32px 72px}
header.report{border-bottom:4px solid var(--accent);padding-bottom:20px;margin-bottom:28px}
.eyebrow{margin:0;color:var(--accent);font-weight:700;letter-spacing:.08em;text-transform:uppercase;font-size:.8rem}
h1{font-size:2.1rem;line-height:1.2;margin:6px 0 8px}
.subtitle{margin:0;color:var(--muted)}
h2{font-size:1.55rem;margin:0 0 12px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:1.15rem;margin:28px 0 8px}
section{margin-top:44px}
p{margin:0 0 12px;max-width:75ch}
.intro{color:var(--muted)}
.banner{margin:0 0 24px;padding:14px 18px;border:3px solid #8b0000;background:#fdecec;color:#8b0000;font-weight:800;font-size:1.3rem;letter-spacing:.06em;text-align:center}
.banner small{display:block;font-size:.85rem;font-weight:600;letter-spacing:0;color:#5c0000}
.problems{margin:0 0 28px;padding:14px 18px;border-left:6px solid var(--warn);background:#fff6ec}
.problems h2{border:0;font-size:1.15rem;margin:0 0 6px;padding:0;color:#7a3800}
.problems ul{margin:0;padding-left:20px}
.cautions{margin:12px 0 0;padding:12px 18px;border-left:6px solid var(--accent);background:var(--soft)}
.cautions h3{margin:0 0 6px;font-size:1.05rem}
.cautions ul{margin:0;padding-left:20px}
nav.contents{margin:0 0 28px;padding:12px 16px;background:var(--soft);border-radius:6px;font-size:.95rem}
nav.contents ol{margin:0;padding:0;list-style:none;display:flex;flex-wrap:wrap;gap:6px 22px}
nav.contents a{color:var(--accent);text-decoration:none;font-weight:600}
nav.contents a:hover{text-decoration:underline}
.headline{display:grid;grid-template-columns:repeat(auto-fill,minmax(230px,1fr));gap:14px;margin:0;padding:0;list-style:none}
.headline li{border:1px solid var(--line);border-top:5px solid var(--accent);border-radius:6px;padding:14px 16px;background:#fff}
.headline .value{display:block;font-size:1.75rem;font-weight:750;line-height:1.2;font-variant-numeric:tabular-nums}
.headline .value.medium{font-size:1.3rem}
.headline .value.long{font-size:1.05rem;font-weight:650;line-height:1.35}
.headline .label{display:block;color:var(--muted);font-size:.92rem;margin-top:4px}
.headline .note{display:block;color:var(--muted);font-size:.8rem;margin-top:2px}
figure{margin:12px 0 8px;padding:16px;border:1px solid var(--line);border-radius:6px;background:#fff}
figure svg{display:block;width:100%;max-width:720px;height:auto;margin:0 auto}
figcaption{margin-top:10px;color:var(--muted);font-size:.9rem}
.table-wrap{overflow-x:auto;margin:8px 0 22px}
.table-wrap.long{max-height:78vh;overflow:auto;border:1px solid var(--line);border-radius:4px}
.table-wrap.long table{margin:0}
.table-wrap.long caption{position:sticky;left:0}
.table-wrap.long thead th{position:sticky;top:0;z-index:1}
table{border-collapse:collapse;font-size:.85rem;font-variant-numeric:tabular-nums;min-width:50%}
caption{caption-side:top;text-align:left;font-weight:700;font-size:.95rem;padding:0 0 6px;color:var(--ink)}
th,td{padding:5px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
thead th{background:var(--soft);border-bottom:2px solid #8a8a8a;font-weight:700;vertical-align:bottom}
tbody th{font-weight:600}
.num{text-align:right;white-space:nowrap}
th.num{white-space:normal}
.mark{color:var(--muted)}
abbr[title]{text-decoration:none;border-bottom:1px dotted #8a8a8a;cursor:help}
tbody tr{background:#fff}
tbody tr:nth-child(even){background:#fafbfc}
.table-wrap.long tbody th:first-child,.table-wrap.wide tbody th:first-child{position:sticky;left:0;background:inherit}
.table-wrap tbody tr.total th:first-child{background:var(--soft)}
.table-wrap.long thead th:first-child,.table-wrap.wide thead th:first-child{position:sticky;left:0;z-index:2}
tr.total th,tr.total td{font-weight:700;border-top:2px solid #8a8a8a;background:var(--soft)}
table.chart-data{font-size:.8rem}
table.chart-data caption{font-weight:600;color:var(--muted);font-size:.85rem}
td.empty{color:var(--muted);font-style:italic}
.key{font-size:.85rem;color:var(--muted);margin:6px 0 0}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.table-note{font-size:.85rem;color:var(--muted);margin:-14px 0 22px}
footer{margin-top:56px;padding-top:14px;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
@page{size:A4;margin:16mm 14mm}
@page wide{size:A4 landscape;margin:14mm 12mm}
@media print{
body{font-size:10pt}
main{max-width:none;padding:0}
nav.contents{display:none}
section{margin-top:24px}
h2,h3{break-after:avoid}
figure,.headline li,.problems,.cautions,.banner{break-inside:avoid}
figure{border:0;padding:0}
.table-wrap,.table-wrap.long{overflow:visible;max-height:none;border:0}
.table-wrap.wide{page:wide}
.table-wrap th{position:static!important}
table{font-size:7.5pt;min-width:0}
th,td{padding:2px 4px}
.table-wrap.wide table{font-size:6.5pt}
.table-wrap.wide th,.table-wrap.wide td{padding:2px 3px}
thead{display:table-header-group}
tr{break-inside:avoid}
.table-wrap:not(.long){break-inside:avoid}
tbody tr:nth-child(even){background:none}
.banner{background:none}
a{color:inherit;text-decoration:none}
}
`
  .trim()
  .replace(/\n/g, '');
