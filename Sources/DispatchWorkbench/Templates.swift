// The workbench's page templates (swift-mustache; `{{x}}` is HTML-escaped, so every
// ledger text is escaped; `{{{x}}}` is used only for HTML the workbench rendered itself).
// They live in the binary so the server works offline with nothing beside it.
enum Templates {
  static let all: [String: String] = [
    "layout": layout, "workspace": workspace, "scenario": scenario, "review": review, "explain": explain,
    "job": job, "conflict": conflict, "error": error, "compare": compare, "sweep": sweep,
  ]

  static let layout = """
    <!doctype html>
    <html lang="{{lang}}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
    <title>{{title}} · {{app}}</title><link rel="stylesheet" href="/static/app.css">{{#refresh}}<meta http-equiv="refresh" content="2">{{/refresh}}</head>
    <body><header class="top"><a class="brand" href="/">{{app}}</a>
    <nav>{{#crumbs}}<span class="sep">›</span><a href="{{href}}">{{label}}</a>{{/crumbs}}</nav>
    <span class="grow"></span><a class="lang" href="/lang?to={{otherLang}}">{{otherLangLabel}}</a></header>
    <main>{{{body}}}</main>
    <footer>{{footer}}</footer>
    <script src="/static/app.js" defer></script></body></html>
    """

  static let workspace = """
    <h1>{{t.title}}</h1>
    <p class="lead">{{t.lead}}</p>
    <table class="grid"><thead><tr><th>{{t.scenario}}</th><th>{{t.folder}}</th><th>{{t.state}}</th><th>{{t.current}}</th><th>{{t.published}}</th></tr></thead><tbody>
    {{#scenarios}}<tr><td><a class="big" href="/s/{{key}}">{{name}}</a></td><td class="mono">{{folder}}</td>
    <td>{{#ok}}<span class="ok">{{t.valid}}</span>{{/ok}}{{^ok}}<span class="bad">{{problems}} {{t.problems}}</span>{{/ok}}</td>
    <td>{{current}}</td><td>{{published}}</td></tr>{{/scenarios}}
    {{^scenarios}}<tr><td colspan="5">{{t.none}}</td></tr>{{/scenarios}}
    </tbody></table>
    <section class="card"><h2>{{t.upload}}</h2><p>{{t.uploadHelp}}</p>
    <form method="post" action="/upload" enctype="multipart/form-data" class="row">
    <label>{{t.uploadName}} <input name="scenario" required pattern="[A-Za-z0-9_\\-\\u4e00-\\u9fff]{1,40}"></label>
    <input type="file" name="files" multiple accept=".csv,.xlsx" required> <button>{{t.uploadButton}}</button></form></section>
    """

  static let scenario = """
    <h1>{{name}}</h1>
    {{#issues.any}}<section class="card warn"><h2>{{t.problemsTitle}}</h2><p>{{t.problemsHelp}}</p>
    <table class="grid"><thead><tr><th>{{t.file}}</th><th>{{t.line}}</th><th>{{t.column}}</th><th>{{t.severity}}</th><th>{{t.message}}</th></tr></thead><tbody>
    {{#issues.rows}}<tr class="{{severity}}"><td class="mono">{{file}}</td><td>{{line}}</td><td>{{column}}</td><td>{{severityLabel}}</td><td>{{message}}</td></tr>{{/issues.rows}}
    </tbody></table></section>{{/issues.any}}
    <section class="card"><div class="row spread"><div>
    {{#current}}<div class="kpis"><div><b>{{score}}</b><span>{{t.score}}</span></div><div><b>{{assigned}}/{{slots}}</b><span>{{t.covered}}</span></div>
    <div><b>{{statusLabel}}</b><span>{{t.status}}</span></div><div><b>#{{id}}</b><span>{{t.version}}</span></div></div>
    <p><a class="button primary" href="/s/{{key}}/review">{{t.review}}</a> <a class="button" href="/s/{{key}}/compare">{{t.compare}}</a> <a class="button" href="/s/{{key}}/sweep" id="sweep-link">{{t.sweep}}</a></p>{{/current}}
    {{^current}}<p class="lead">{{t.noPlan}}</p>{{/current}}</div>
    <form method="post" action="/s/{{key}}/plan"><input type="hidden" name="version" value="{{version}}">
    <button class="primary" id="plan-button" {{#blocked}}disabled{{/blocked}}>{{t.plan}}</button></form></div></section>
    {{#jobs.any}}<section class="card"><h2>{{t.jobs}}</h2><ul class="jobs">{{#jobs.rows}}<li><a href="/s/{{key}}/jobs/{{id}}">#{{id}} {{kindLabel}}</a> — <span class="status {{status}}">{{statusLabel}}</span> <small>{{author}} {{createdAt}}</small></li>{{/jobs.rows}}</ul></section>{{/jobs.any}}
    <section class="card"><div class="row spread"><h2>{{t.history}}</h2><div class="row">
    <form method="post" action="/s/{{key}}/undo"><input type="hidden" name="version" value="{{version}}"><button id="undo" {{^canUndo}}disabled{{/canUndo}}>↶ {{t.undo}}</button></form>
    <form method="post" action="/s/{{key}}/redo"><input type="hidden" name="version" value="{{version}}"><button id="redo" {{^canRedo}}disabled{{/canRedo}}>↷ {{t.redo}}</button></form></div></div>
    <ol class="history">{{#history}}<li class="{{#active}}active{{/active}}{{^active}}undone{{/active}}{{#current}} current{{/current}}">{{label}} <small>#{{version}} · {{score}} {{t.points}} · {{author}} · {{at}}</small></li>{{/history}}</ol>
    {{^history}}<p>{{t.noHistory}}</p>{{/history}}</section>
    <section class="card"><h2>{{t.publish}}</h2>
    {{#current}}<form method="post" action="/s/{{key}}/publish" class="row"><input type="hidden" name="version" value="{{version}}">
    <label>{{t.who}} <input name="author" value="{{author}}" required maxlength="40"></label><button id="publish">{{t.publishButton}}</button></form>{{/current}}
    <table class="grid"><thead><tr><th>#</th><th>{{t.version}}</th><th>{{t.who}}</th><th>{{t.when}}</th><th>{{t.inputHash}}</th><th>{{t.downloads}}</th></tr></thead><tbody>
    {{#publications}}<tr><td>{{id}}</td><td>#{{planVersion}}</td><td>{{by}}</td><td>{{at}}</td><td class="mono">{{hash}}</td><td>{{#files}}<a class="dl" href="{{href}}">{{name}}</a> {{/files}}</td></tr>{{/publications}}
    {{^publications}}<tr><td colspan="6">{{t.noPublications}}</td></tr>{{/publications}}</tbody></table>
    {{#latestPublication}}<details class="next-quarter" id="next-quarter"><summary><b>{{t.nextQuarter}}</b></summary><p class="muted">{{t.nextQuarterHelp}}</p>
    <form method="post" action="/s/{{key}}/next-quarter" enctype="multipart/form-data" class="row"><input type="hidden" name="publication" value="{{id}}">
    <label>{{t.nextName}} <input name="name" value="{{suggestedName}}" required pattern="[A-Za-z0-9_\\-\\u4e00-\\u9fff]{1,40}"></label>
    <label>{{t.changesFile}} <input type="file" name="changes" accept=".csv"></label>
    <button class="primary" id="next-quarter-button">{{t.nextQuarterButton}}</button></form></details>{{/latestPublication}}</section>
    """

  static let review = """
    <div class="row spread"><h1>{{name}} · {{t.title}} #{{id}}</h1><div>{{#files}}<a class="dl" href="{{href}}">{{name}}</a> {{/files}}</div></div>
    <div class="kpis"><div><b>{{score}}</b><span>{{t.score}}</span></div><div><b>{{assigned}}/{{slots}}</b><span>{{t.covered}}</span></div>
    <div><b>{{open}}</b><span>{{t.openSlots}}</span></div><div><b>{{statusLabel}}</b><span>{{t.status}}</span></div>
    {{#bound}}<div id="plan-bound"><b>{{bound}}</b><span>{{t.bound}}</span></div><div id="plan-gap"><b>{{gap}}</b><span>{{t.gap}}</span></div>{{/bound}}
    <div><b>{{remoteCovered}}/{{remoteSlots}}</b><span>{{t.remote}}</span></div><div><b>{{keyCovered}}/{{keySlots}}</b><span>{{t.key}}</span></div></div>
    {{#stopped}}<p class="muted" id="stopped-note">{{t.stopped}}</p>{{/stopped}}
    <div class="split"><div class="main">
    <form method="get" class="filters row" id="filters">
    <label>{{t.district}} <select name="district"><option value="">{{t.all}}</option>{{#districts}}<option {{#selected}}selected{{/selected}}>{{value}}</option>{{/districts}}</select></label>
    <label>{{t.region}} <select name="region"><option value="">{{t.all}}</option>{{#regions}}<option value="{{id}}" {{#selected}}selected{{/selected}}>{{value}}</option>{{/regions}}</select></label>
    <label>{{t.unit}} <select name="unit"><option value="">{{t.all}}</option>{{#units}}<option value="{{id}}" {{#selected}}selected{{/selected}}>{{value}}</option>{{/units}}</select></label>
    <label>{{t.instructor}} <input name="instructor" value="{{q.instructor}}" size="8"></label>
    <label><input type="checkbox" name="key" value="1" {{#q.key}}checked{{/q.key}}> {{t.keyOnly}}</label>
    <label><input type="checkbox" name="open" value="1" {{#q.open}}checked{{/q.open}}> {{t.openOnly}}</label>
    <button>{{t.filter}}</button> <a href="?">{{t.clear}}</a></form>
    <p class="muted">{{shown}} / {{total}} {{t.rows}}</p>
    <table class="grid plan" id="plan-table"><thead><tr><th>{{t.org}}</th><th>{{t.region}}</th><th>{{t.role}}</th><th>{{t.instructor}}</th><th>{{t.unit}}</th><th>{{t.points}}</th><th></th></tr></thead><tbody>
    {{#rows}}<tr class="{{#remote}}remote {{/remote}}{{#key}}key {{/key}}{{#open}}open{{/open}}" data-org="{{orgID}}">
    <td><a class="explain" href="/s/{{scenarioKey}}/explain/{{orgKey}}">{{orgName}}</a> <small class="id">{{orgID}}</small>{{#key}} <span class="tag key">{{t.keyTag}}</span>{{/key}}{{#remote}} <span class="tag remote">{{t.remoteTag}}</span>{{/remote}}</td>
    <td>{{regionName}}</td><td>{{role}}</td><td>{{#instructorID}}{{instructorName}} <small class="id">{{instructorID}}</small>{{/instructorID}}{{^instructorID}}<span class="bad">{{t.open}}</span> <small>{{reason}}</small>{{/instructorID}}</td>
    <td>{{unitName}}</td><td class="num">{{points}}</td><td><a class="small" href="/s/{{scenarioKey}}/explain/{{orgKey}}">{{t.why}}</a></td></tr>{{/rows}}
    </tbody></table>
    {{#truncated}}<p class="muted">{{t.truncated}}</p>{{/truncated}}
    {{#reportHTML}}<details class="card" open><summary><b>{{t.reportTitle}}</b></summary>
    <iframe class="report" src="{{reportHTML}}" title="report" sandbox=""></iframe></details>{{/reportHTML}}
    </div><aside class="side">
    <div id="explain-panel" class="card"><p class="muted">{{t.clickHint}}</p></div>
    <section class="card"><h2>{{t.adjust}}</h2><p class="muted">{{t.adjustHelp}}</p>
    <form method="post" action="/s/{{scenarioKey}}/edits" id="edit-form"><input type="hidden" name="version" value="{{version}}">
    <label>{{t.action}} <select name="kind" id="edit-kind"><option value="lock">{{t.lock}}</option><option value="forbid">{{t.forbid}}</option><option value="capacity">{{t.capacity}}</option><option value="absent">{{t.absent}}</option></select></label>
    <label>{{t.org}} <input name="organization" id="edit-org" list="orgs" size="10"></label>
    <label>{{t.instructor}} <input name="instructor" id="edit-instructor" list="instructors" size="10" required></label>
    <label>{{t.newCapacity}} <input name="capacity" type="number" min="0" max="50" size="4"></label>
    <button class="primary" id="edit-submit">{{t.try}}</button></form>
    <datalist id="orgs">{{#orgOptions}}<option value="{{id}}">{{name}}</option>{{/orgOptions}}</datalist>
    <datalist id="instructors">{{#instructorOptions}}<option value="{{id}}">{{name}}</option>{{/instructorOptions}}</datalist></section>
    <section class="card"><h2>{{t.rollup}}</h2>
    <table class="grid small"><thead><tr><th>{{t.region}}</th><th>{{t.covered}}</th><th></th></tr></thead><tbody>
    {{#rollup}}<tr class="{{#remote}}remote{{/remote}}"><td>{{name}}</td><td class="num">{{covered}}/{{slots}}</td><td class="barcell"><span class="bar" style="width:{{pct}}%"></span></td></tr>{{/rollup}}
    </tbody></table>
    <h3>{{t.loads}}</h3><table class="grid small"><tbody>{{#loads}}<tr><td>{{label}}</td><td class="barcell"><span class="bar" style="width:{{pct}}%"></span></td><td class="num">{{count}}</td></tr>{{/loads}}</tbody></table>
    {{#reportHref}}<p><a href="{{reportHref}}">{{t.fullReport}}</a></p>{{/reportHref}}</section>
    </aside></div>
    """

  static let explain = """
    {{#pending}}<div class="explain-pending" data-retry="{{href}}"><p class="muted">{{t.pending}}</p><noscript><meta http-equiv="refresh" content="3; url={{href}}"></noscript></div>{{/pending}}
    {{^pending}}<div class="explain-body"><h2>{{orgName}} <small class="id">{{orgID}}</small></h2>{{#note}}<p class="muted">{{note}}</p>{{/note}}
    {{#slots}}<h3>{{role}}</h3>
    {{#planned}}<p>{{t.assigned}} <b>{{name}}</b> <small class="id">{{id}}</small> — <b>{{score}}</b> {{t.points}}</p>
    <ul class="terms">{{#terms}}<li><span class="num">{{points}}</span> {{note}}</li>{{/terms}}</ul>{{/planned}}
    {{^planned}}<p class="bad">{{t.open}}</p>{{/planned}}
    <p class="muted">{{eligible}} {{t.eligible}}</p>
    <table class="grid small"><thead><tr><th>{{t.alternative}}</th><th>{{t.points}}</th><th>{{t.cost}}</th><th></th></tr></thead><tbody>
    {{#alternatives}}<tr><td>{{name}} <small class="id">{{id}}</small></td><td class="num">{{score}}</td><td>{{cost}}{{#moved}}<br><small>{{t.moved}}{{moved}}</small>{{/moved}}</td>
    <td>{{#canLock}}<form method="post" action="/s/{{scenarioKey}}/edits" class="inline"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="kind" value="lock"><input type="hidden" name="organization" value="{{orgID}}"><input type="hidden" name="instructor" value="{{id}}"><button class="small lock-alt">{{t.lockThis}}</button></form>{{/canLock}}</td></tr>{{/alternatives}}
    </tbody></table>
    {{#planned}}<form method="post" action="/s/{{scenarioKey}}/edits" class="inline"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="kind" value="forbid"><input type="hidden" name="organization" value="{{orgID}}"><input type="hidden" name="instructor" value="{{id}}"><button class="small">{{t.forbidThis}}</button></form>{{/planned}}
    {{/slots}}</div>{{/pending}}
    """

  static let job = """
    <h1>{{title}}</h1>
    {{#running}}<section class="card" id="progress" data-events="/s/{{key}}/jobs/{{id}}/events" data-page="/s/{{key}}/jobs/{{id}}">
    <p><b id="phase">{{phase}}</b> · <span id="elapsed">{{elapsed}}</span> s / {{limit}} s</p>
    <div class="kpis"><div><b id="best">{{best}}</b><span>{{t.best}}</span></div><div><b id="bound">{{bound}}</b><span>{{t.bound}}</span></div><div><b id="gap">{{gap}}</b><span>{{t.gap}}</span></div></div>
    <div class="progress"><span id="progress-bar" style="width:{{pct}}%"></span></div>
    <p class="muted">{{t.runningHelp}}</p><noscript><meta http-equiv="refresh" content="2; url=/s/{{key}}/jobs/{{id}}"><p>{{t.autoRefresh}}</p></noscript>
    <form method="post" action="/s/{{key}}/jobs/{{id}}/cancel"><button id="cancel">{{t.cancel}}</button> <small>{{t.cancelHelp}}</small></form></section>{{/running}}
    {{#failed}}<section class="card warn"><h2>{{t.failed}}</h2><p>{{error}}</p><p><a class="button" href="/s/{{key}}">{{t.back}}</a></p></section>{{/failed}}
    {{#stale}}<section class="card warn"><p>{{t.stale}}</p><p><a class="button" href="/s/{{key}}">{{t.back}}</a></p></section>{{/stale}}
    {{#diff}}<section class="card" id="diff"><h2>{{t.diffTitle}}</h2>
    <div class="kpis"><div><b>{{moves}}</b><span>{{t.moves}}</span></div><div><b class="{{deltaClass}}">{{delta}}</b><span>{{t.delta}}</span></div>
    <div><b>{{before}} → {{after}}</b><span>{{t.score}}</span></div><div><b>{{assignedBefore}} → {{assignedAfter}}</b><span>{{t.covered}}</span></div></div>
    <table class="grid" id="diff-table"><thead><tr><th>{{t.org}}</th><th>{{t.role}}</th><th>{{t.before}}</th><th>{{t.after}}</th><th>{{t.points}}</th></tr></thead><tbody>
    {{#rows}}<tr><td>{{orgName}} <small class="id">{{orgID}}</small></td><td>{{role}}</td><td>{{before}}</td><td><b>{{after}}</b></td><td class="num {{cls}}">{{change}}</td></tr>{{/rows}}
    {{^rows}}<tr><td colspan="5">{{t.noMoves}}</td></tr>{{/rows}}</tbody></table>
    {{#timing}}<p class="muted" id="replan-timing" data-seconds="{{seconds}}">{{timing}}</p>{{/timing}}
    {{#ready}}<div class="row"><form method="post" action="/s/{{key}}/jobs/{{id}}/accept"><input type="hidden" name="version" value="{{baseVersion}}"><button class="primary" id="accept">{{t.accept}}</button></form>
    <form method="post" action="/s/{{key}}/jobs/{{id}}/discard"><button id="discard">{{t.discard}}</button></form></div>{{/ready}}
    {{^ready}}<p><a class="button" href="/s/{{key}}">{{t.back}}</a></p>{{/ready}}</section>{{/diff}}
    """

  static let conflict = """
    <h1>{{t.title}}</h1><section class="card warn"><p>{{t.lead}}</p>
    <ul>{{#events}}<li><b>{{author}}</b> · {{action}} · {{detail}} <small>{{at}}</small></li>{{/events}}</ul>
    <p><a class="button primary" href="{{back}}">{{t.reload}}</a></p></section>
    """

  static let error = """
    <h1>{{what}}</h1><section class="card warn"><p>{{todo}}</p>{{#detail}}<pre class="detail">{{detail}}</pre>{{/detail}}
    <p><a class="button" href="/">{{home}}</a></p></section>
    """

  static let compare = """
    <h1>{{name}} · {{t.title}}</h1>
    <form method="get" class="row"><label>A <select name="a">{{#versions}}<option value="{{id}}" {{#isA}}selected{{/isA}}>#{{id}} {{label}}</option>{{/versions}}</select></label>
    <label>B <select name="b">{{#versions}}<option value="{{id}}" {{#isB}}selected{{/isB}}>#{{id}} {{label}}</option>{{/versions}}</select></label><button>{{t.show}}</button></form>
    {{#pair}}<table class="grid"><thead><tr><th></th><th>A #{{a.id}}</th><th>B #{{b.id}}</th></tr></thead><tbody>
    <tr><td>{{t.score}}</td><td class="num">{{a.score}}</td><td class="num">{{b.score}}</td></tr>
    <tr><td>{{t.covered}}</td><td class="num">{{a.assigned}}/{{a.slots}}</td><td class="num">{{b.assigned}}/{{b.slots}}</td></tr>
    <tr><td>{{t.status}}</td><td>{{a.status}}</td><td>{{b.status}}</td></tr>
    <tr><td>{{t.differences}}</td><td colspan="2" class="num">{{differences}}</td></tr></tbody></table>
    <table class="grid"><thead><tr><th>{{t.org}}</th><th>A</th><th>B</th></tr></thead><tbody>{{#rows}}<tr><td>{{org}}</td><td>{{a}}</td><td>{{b}}</td></tr>{{/rows}}</tbody></table>{{/pair}}
    <section class="card"><h2>{{t.curve}}</h2><p class="muted">{{t.curveHelp}} <a href="/s/{{key}}/sweep">{{t.sweepLink}}</a></p>
    {{{curve}}}
    <table class="grid small"><thead><tr><th>#</th><th>{{t.moves}}</th><th>{{t.score}}</th><th>{{t.change}}</th></tr></thead><tbody>{{#points}}<tr><td>#{{id}}</td><td class="num">{{moves}}</td><td class="num">{{score}}</td><td>{{label}}</td></tr>{{/points}}</tbody></table></section>
    """

  static let sweep = """
    <h1>{{name}} · {{t.title}}</h1>
    <div class="split"><div class="main">
    {{#studies}}<section class="card study"><p class="muted">{{t.of}} #{{of}} · {{elapsed}} s</p>
    {{#running}}<p id="study-running"><b>{{t.running}}</b></p>{{/running}}
    {{#error}}<div class="warn"><b>{{t.failed}}</b> {{error}}</div>{{/error}}
    {{#sweepShown}}<h2>{{t.sweepTitle}}</h2>{{#hasCurve}}<figure class="chart" id="sweep-curve">{{{curve}}}{{#curveNote}}<figcaption class="muted" id="sweep-curve-note">{{curveNote}}</figcaption>{{/curveNote}}</figure>{{/hasCurve}}
    <table class="grid small" id="sweep-table"><thead><tr><th>{{t.budget}}</th><th>{{t.moves}}</th><th>{{t.score}}</th><th>{{t.outcome}}</th></tr></thead><tbody>
    {{#sweep}}<tr{{#noPlan}} class="no-plan"{{/noPlan}}><td>{{budget}}</td><td class="num">{{moves}}</td><td class="num">{{score}}</td><td>{{verdict}}</td></tr>{{/sweep}}</tbody></table>
    <p class="muted">{{t.sweepNote}}</p>{{/sweepShown}}
    {{#candidatesShown}}<h2>{{t.candidatesTitle}}</h2>
    <table class="grid" id="candidates-table"><thead><tr><th>{{t.candidate}}</th><th>{{t.score}}</th><th>{{t.gap}}</th><th>{{t.covered}}</th><th>{{t.differs}}</th><th>{{t.blocking}}</th></tr></thead><tbody>
    {{#candidates}}<tr{{#recommended}} class="recommended"{{/recommended}}><td>#{{number}}{{#recommended}} <span class="tag key">{{t.recommended}}</span>{{/recommended}}</td><td class="num">{{score}}</td><td class="num">{{gap}}</td><td class="num">{{covered}}</td><td class="num">{{differs}}</td><td class="num">{{blocking}}</td></tr>{{/candidates}}
    </tbody></table>{{#shortfall}}<p class="muted">{{shortfall}}</p>{{/shortfall}}
    {{#differences}}<h3>#{{number}}</h3><table class="grid small"><thead><tr><th>{{t.org}}</th><th></th><th>{{t.first}}</th><th>#{{number}}</th><th>{{t.change}}</th></tr></thead><tbody>
    {{#rows}}<tr><td>{{org}}</td><td>{{role}}</td><td>{{first}}</td><td><b>{{this}}</b></td><td class="num">{{change}}</td></tr>{{/rows}}</tbody></table>{{/differences}}{{/candidatesShown}}
    </section>{{/studies}}
    </div><aside class="side">
    <section class="card"><h2>{{t.sweepTitle}}</h2><p class="muted">{{t.sweepHelp}}</p>
    <form method="post" action="/s/{{key}}/sweep"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="kind" value="sweep">
    <label>{{t.base}}<br><select name="base" id="sweep-base">{{#bases}}<option value="{{id}}" {{#selected}}selected{{/selected}}>{{label}}</option>{{/bases}}</select></label><br>
        <label>{{t.budgets}}<br><input name="budgets" value="{{budgets}}" size="28"></label><p><button class="primary" id="run-sweep">{{t.runSweep}}</button></p></form></section>
    <section class="card"><h2>{{t.candidatesTitle}}</h2><p class="muted">{{t.candidatesHelp}}</p>
    <form method="post" action="/s/{{key}}/sweep"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="kind" value="candidates">
    <label>{{t.count}} <input name="count" type="number" min="2" max="10" value="3" size="3"></label>
    <label>{{t.within}} <input name="within" type="number" min="0.1" max="20" step="0.1" value="2" size="4"></label><p><button class="primary" id="run-candidates">{{t.runCandidates}}</button></p></form></section>
    <p><a class="button" href="/s/{{key}}">{{t.back}}</a></p></aside></div>
    """
}
