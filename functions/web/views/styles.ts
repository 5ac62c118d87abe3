/**
 * Our own stylesheet in the clarity of GOV.UK Frontend (large type, strong focus, plain
 * tables, tags), with a system font that has Cyrillic. No crown, no GOV.UK font.
 */
export const CSS = `
:root{--text:#0b0c0c;--muted:#484949;--link:#1d4f91;--focus:#ffdd00;--border:#b1b4b6;--bg:#f3f2f1;
--red:#b10e1e;--red-bg:#f6d7d2;--amber:#6e3619;--amber-bg:#fcd6c3;--yellow:#594d00;--yellow-bg:#fff7bf;
--green:#005a30;--green-bg:#cce2d8;--blue:#0c2d4a;--blue-bg:#bbd4ea;--grey-bg:#eeefef}
*{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PT Sans",Arial,sans-serif;font-size:19px;line-height:1.4;color:var(--text);background:#fff}
body{margin:0}
a{color:var(--link);text-underline-offset:.15em}
a:hover{color:#003078;text-decoration-thickness:3px}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 -2px var(--focus),0 4px var(--text);text-decoration:none}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:var(--focus);color:var(--text);padding:.5rem;z-index:10}
header.top{background:#0b0c0c;color:#fff;border-bottom:10px solid var(--link)}
header.top .bar{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between;max-width:1100px;margin:0 auto;padding:.6rem 1rem}
header.top a,header.top button.link{color:#fff}
.brand{font-weight:700;font-size:1.2rem;text-decoration:none}
.who{font-size:.85rem}
nav.main{background:var(--bg);border-bottom:1px solid var(--border)}
nav.main ul{list-style:none;margin:0 auto;padding:0 1rem;max-width:1100px;display:flex;flex-wrap:wrap;gap:0 1.25rem}
nav.main a{display:inline-block;padding:.6rem 0;font-weight:600;text-decoration:none}
nav.main a[aria-current=page]{border-bottom:4px solid var(--link)}
.local-banner{background:var(--yellow-bg);color:var(--yellow);border-bottom:2px solid var(--yellow);padding:.4rem 1rem;text-align:center;font-weight:600}
main{max-width:1100px;margin:0 auto;padding:1.5rem 1rem 3rem}
h1{font-size:2rem;line-height:1.15;margin:.5rem 0 1.25rem}
h2{font-size:1.4rem;margin:2rem 0 .75rem}
h3{font-size:1.1rem;margin:1.25rem 0 .5rem}
.lead{font-size:1.1rem;color:var(--muted)}
.muted,.hint{color:var(--muted)}
.hint{font-size:.9rem;display:block;margin:.1rem 0 .3rem}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem;font-size:.95rem}
caption{text-align:left;font-weight:700;font-size:1.1rem;margin-bottom:.5rem}
th,td{text-align:left;vertical-align:top;padding:.55rem .75rem .55rem 0;border-bottom:1px solid var(--border)}
th{font-weight:700}
th a{color:var(--text)}
td.num,th.num{text-align:right}
.tag{display:inline-block;padding:.1rem .45rem;font-size:.8rem;font-weight:700;letter-spacing:.02em;background:var(--blue-bg);color:var(--blue);margin:0 .25rem .2rem 0;border-radius:2px}
.tag.red{background:var(--red-bg);color:var(--red)}.tag.amber{background:var(--amber-bg);color:var(--amber)}
.tag.yellow{background:var(--yellow-bg);color:var(--yellow)}.tag.green{background:var(--green-bg);color:var(--green)}
.tag.grey{background:var(--grey-bg);color:var(--text)}
.due-overdue{color:var(--red);font-weight:700}.due-today{color:var(--amber);font-weight:700}.due-week{color:var(--yellow)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(15rem,1fr));gap:1rem;margin-bottom:1rem}
.card{border:1px solid var(--border);border-top:5px solid var(--link);padding:.75rem 1rem}
.card.red{border-top-color:var(--red)}.card.amber{border-top-color:#f47738}.card.green{border-top-color:#00703c}
.card h2{font-size:1.1rem;margin:0 0 .5rem}
.card .count{font-size:2rem;font-weight:700;display:block}
.card ul{margin:.25rem 0 0;padding-left:1.1rem}
dl.summary{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;margin:0 0 1.5rem;border-top:1px solid var(--border)}
dl.summary dt,dl.summary dd{margin:0;padding:.5rem 0;border-bottom:1px solid var(--border)}
dl.summary dt{font-weight:700;padding-right:1rem}
form.inline{display:inline}
.field{margin:0 0 1rem}
label,legend{font-weight:700;display:block;margin-bottom:.2rem}
input[type=text],input[type=search],input[type=date],input[type=number],input[type=email],select,textarea{font:inherit;font-size:1rem;border:2px solid var(--text);padding:.35rem .4rem;max-width:100%;min-height:2.4rem;background:#fff}
input[type=text],input[type=search],input[type=email],textarea{width:24rem}
textarea{min-height:5rem}
.checkbox{display:flex;gap:.5rem;align-items:center}.checkbox input{width:1.4rem;height:1.4rem}.checkbox label{font-weight:400;margin:0}
fieldset{border:0;padding:0;margin:0 0 1rem}
.filters{display:flex;flex-wrap:wrap;gap:.75rem 1.25rem;align-items:flex-end;background:var(--bg);padding:1rem;margin-bottom:1rem}
.filters .field{margin:0}
button,.button{font:inherit;font-size:1rem;font-weight:600;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;padding:.45rem .9rem;cursor:pointer;text-decoration:none;display:inline-block;border-radius:0}
button:hover,.button:hover{background:#005a30;color:#fff}
button.secondary{background:var(--grey-bg);color:var(--text);box-shadow:0 2px 0 #929191}
button.warning{background:#d4351c;box-shadow:0 2px 0 #55150b}
button.link{background:none;box-shadow:none;color:var(--link);text-decoration:underline;padding:0;font-weight:400}
.error-summary{border:5px solid var(--red);padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0}
.error-message{color:var(--red);font-weight:700;display:block;margin:.1rem 0 .3rem}
.field.has-error{border-left:5px solid var(--red);padding-left:.75rem}
.field.has-error input,.field.has-error select{border-color:var(--red)}
.notice{border-left:10px solid #00703c;background:var(--green-bg);padding:.75rem 1rem;margin-bottom:1.5rem}
.notice.info{border-left-color:var(--link);background:var(--blue-bg)}
.notice h2{margin:0 0 .5rem;font-size:1.2rem}
.empty{border:2px dashed var(--border);padding:1rem;color:var(--muted)}
.timeline{list-style:none;padding:0;margin:0 0 1.5rem;border-left:3px solid var(--border)}
.timeline li{padding:0 0 .8rem 1rem;position:relative}
.timeline li::before{content:"";position:absolute;left:-.5rem;top:.4rem;width:.7rem;height:.7rem;background:var(--link);border-radius:50%}
.timeline time{font-weight:700;margin-right:.5rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.pair>div{border:1px solid var(--border);padding:.75rem}
pre.mail{white-space:pre-wrap;word-break:break-word;background:var(--bg);padding:1rem;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9rem}
details{margin:.5rem 0 1rem}summary{cursor:pointer;color:var(--link);font-weight:600}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:640px){html{font-size:17px}h1{font-size:1.6rem}.pair{grid-template-columns:1fr}dl.summary{grid-template-columns:1fr}dl.summary dt{border-bottom:0;padding-bottom:0}
table.responsive thead{position:absolute;left:-9999px}table.responsive tr{display:block;border-bottom:2px solid var(--border);padding:.4rem 0}
table.responsive td{display:block;border:0;padding:.15rem 0}table.responsive td[data-label]::before{content:attr(data-label) ": ";font-weight:700}
input[type=text],input[type=search],input[type=email],textarea{width:100%}}
`;
