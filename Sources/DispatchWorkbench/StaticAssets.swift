// The workbench's stylesheet and its little script (progressive enhancement only:
// every page works without it). Served from the binary: no CDN, no build step.
enum StaticAssets {
  static let css = """
    :root{--ink:#1f2933;--muted:#6b7785;--line:#d9dee4;--bg:#f6f7f9;--accent:#b3261e;--accent2:#1d5fa8;--ok:#1e7b34;--warn:#fff6e5}
    *{box-sizing:border-box}body{margin:0;font:15px/1.55 "Noto Sans CJK SC","Microsoft YaHei","PingFang SC",sans-serif;color:var(--ink);background:var(--bg)}
    header.top{display:flex;align-items:center;gap:.6rem;padding:.6rem 1.4rem;background:#fff;border-bottom:3px solid var(--accent)}
    .brand{font-weight:700;font-size:1.1rem;color:var(--accent);text-decoration:none}.sep{color:var(--muted);margin:0 .3rem}
    nav a{color:var(--ink);text-decoration:none}.grow{flex:1}.lang{font-size:.9rem}
    main{padding:1rem 1.4rem;max-width:1500px;margin:0 auto}footer{color:var(--muted);font-size:.8rem;padding:1rem 1.4rem}
    h1{font-size:1.45rem;margin:.4rem 0 .8rem}h2{font-size:1.1rem;margin:.2rem 0 .6rem}h3{font-size:1rem;margin:.8rem 0 .4rem}
    .lead{font-size:1.05rem;color:#3e4c59}.muted{color:var(--muted)}small{color:var(--muted)}
    .card{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.9rem 1.1rem;margin:0 0 1rem}.card.warn{background:var(--warn);border-color:#f0c36d}tr.no-plan td{background:var(--warn)}
    .row{display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}.spread{justify-content:space-between}
    table.grid{border-collapse:collapse;width:100%;background:#fff}table.grid th,table.grid td{border-bottom:1px solid var(--line);padding:.35rem .5rem;text-align:left;vertical-align:top}
    table.grid th{background:#eef1f4;font-weight:600;position:sticky;top:0}table.small td,table.small th{padding:.2rem .4rem;font-size:.9rem}
    .id{color:var(--muted);font-size:.85em;letter-spacing:.02em}.num{text-align:right;font-variant-numeric:tabular-nums}.mono{font-family:ui-monospace,monospace;font-size:.85em}
    tr.remote td:first-child{border-left:4px solid #7a5af8}tr.key td:first-child{border-left:4px solid #e8a317}tr.open{background:#fdecea}
    .tag{font-size:.75rem;padding:0 .35rem;border-radius:3px;color:#fff}.tag.key{background:#c77c02}.tag.remote{background:#6941c6}
    .ok{color:var(--ok);font-weight:600}.bad{color:var(--accent);font-weight:600}tr.error td{color:var(--accent)}
    button,.button{font:inherit;padding:.35rem .9rem;border:1px solid #aab4be;border-radius:6px;background:#fff;color:var(--ink);cursor:pointer;text-decoration:none;display:inline-block}
    button.primary,.button.primary{background:var(--accent);border-color:var(--accent);color:#fff}button:disabled{opacity:.45;cursor:default}
    button.small{padding:.1rem .5rem;font-size:.85rem}form.inline{display:inline}
    input,select{font:inherit;padding:.25rem .4rem;border:1px solid #aab4be;border-radius:5px;background:#fff}
    .kpis{display:flex;gap:1rem;flex-wrap:wrap;margin:.3rem 0 1rem}.kpis div{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem .9rem;min-width:8rem}
    .kpis b{display:block;font-size:1.35rem}.kpis span{color:var(--muted);font-size:.85rem}b.gain{color:var(--ok)}b.loss{color:var(--accent)}
    .split{display:grid;grid-template-columns:minmax(0,1fr) 380px;gap:1rem}.side .card{position:relative}
    #edit-form label{display:flex;justify-content:space-between;align-items:center;gap:.5rem;margin:.35rem 0}#edit-form input,#edit-form select{width:12rem}iframe.report{width:100%;height:900px;border:0;background:#fff}#explain-panel{max-height:60vh;overflow:auto;border-color:var(--accent2)}
    .side select,.side input{max-width:100%}
    .filters{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.5rem .7rem;margin-bottom:.5rem}
    .barcell{width:40%}.bar{display:inline-block;height:.7rem;background:var(--accent2);border-radius:2px}
    .progress{height:.9rem;background:#e4e7eb;border-radius:5px;overflow:hidden}.progress span{display:block;height:100%;background:var(--accent2);transition:width .4s}
    ol.history li.undone{color:var(--muted);text-decoration:line-through}ol.history li.current{font-weight:700}
    .status.failed,.status.interrupted{color:var(--accent)}.status.accepted,.status.ready{color:var(--ok)}
    ul.terms{margin:.2rem 0 .6rem;padding-left:1.2rem}a.dl{margin-right:.5rem}pre.detail{white-space:pre-wrap;background:#fff;padding:.6rem;border:1px solid var(--line)}
    td.gain{color:var(--ok)}td.loss{color:var(--accent)}a.big{font-size:1.05rem;font-weight:600}
    @media (max-width:1000px){.split{grid-template-columns:1fr}}
    @media print{header.top,form,aside,footer{display:none}}
    """

  static let js = """
    // Progressive enhancement: explanations open in the side panel; a running job's page
    // follows its progress live (server-sent events) and opens its result when it is done
    // (the job's own address: a 202 answer to a proposal is shown at the form's address).
    (function(){
      var panel=document.getElementById('explain-panel');
      if(panel){document.addEventListener('click',function(e){
        var a=e.target.closest&&e.target.closest('a.explain');if(!a)return;e.preventDefault();
        panel.innerHTML='<p class="muted">…</p>';
        var load=function(href){fetch(href+(href.indexOf('?')<0?'?':'&')+'fragment=1',{credentials:'same-origin'}).then(function(r){return r.text()})
          .then(function(t){panel.innerHTML=t;panel.scrollIntoView({block:'nearest'});
            var p=panel.querySelector('[data-retry]');if(p)setTimeout(function(){load(p.getAttribute('data-retry'))},2000);});};
        load(a.href);
      });}
      var box=document.getElementById('progress');
      if(box&&window.EventSource){var es=new EventSource(box.getAttribute('data-events'));
        es.onmessage=function(m){var d=JSON.parse(m.data);
          ['phase','elapsed','best','bound','gap'].forEach(function(k){var e=document.getElementById(k);if(e)e.textContent=d[k];});
          document.getElementById('progress-bar').style.width=d.pct+'%';if(d.done){es.close();location.href=box.getAttribute('data-page');}};
        es.onerror=function(){es.close();setTimeout(function(){location.href=box.getAttribute('data-page')},1500)};}
    })();
    """
}
