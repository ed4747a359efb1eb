/* chidao: task filters and live status. Plain ES2017, no modules, no network; works from
 * file:// as well as over HTTP. Without it the page shows the build's statuses, unfiltered.
 *
 * A task row (tr[data-task]) and a badge ([data-live-badge]) carry what they are judged and
 * filtered by in one attribute, data-t (src/render/cells.rs push_judged_from): tokens, each a
 * letter and its value, unpacked on load (unpack) into the attributes named below; a row's
 * data-year is the year of the deadline in force on the build's day, when fixed.
 *
 * Live status: every task row (tr[data-task]) is re-judged against the viewer's own date
 * (local time), with the rule of src/status.rs `judge()`, the first that applies: document
 * dated after the day (data-issued) → not issued; done on or before it (data-done; "0": by an
 * undated document) → done, late when after the deadline in force on the done date;
 * withdrawn on or before it (data-withdrawn; "0": from the start) → withdrawn; then by the
 * deadline in force on the day (the last extension in effect, data-ext "SINCE>DUE ...", else
 * data-due): recurring or ongoing → ongoing; none → no deadline; before the day → overdue;
 * the day or within soon_days days → due soon; later → in progress. Badges, the
 * days overdue or left, status groups, counts and the "as of" sentence follow; progress
 * notes (ol.progress li[data-date]) dated after the day are hidden, and so are documents
 * issued after it (data-issued) in lists of documents and the documents index; a document's
 * page says it is not yet issued on a day before its date (data-not-issued). Counts of
 * tasks the page does not hold (the home page, lists split into pages, roll-ups of the tasks
 * below) are read from their counts over time (data-timeline, src/render/timeline.rs). The chain's
 * counts by status (span.tally, and the diagram's chips: svg g[data-tally]) are counted again
 * from their counts over time (data-tally, as data-timeline); its boxes and arrows of documents issued after the day
 * (data-issued) are hidden. Rows of
 * documents not yet issued are hidden but on their own document's page.
 *
 * Filters (tasks page and body pages): ?body=SLUG&status=KEY&level=KEY&year=YYYY, kept in the
 * URL so that a link can be shared. A row names its bodies by short keys (data-bodies); the
 * body's <option> holds its key (data-key) beside its slug. ?today=YYYY-MM-DD judges
 * statuses on another day ("what will be overdue on 1 July?"), on every page; the form
 * offers it as "Status on date". ?status=not_due is due soon or in progress (the statistics'
 * column "not yet due").
 *
 * Statistics (table[data-live-stats], thong-ke.html and a party's page): each row's counts
 * (under th[data-stat]) and on-time rate are counted again on the day from the row's data-timeline
 * and those of the rows nested under it (data-depth),
 * as src/stats.rs counts them; a table[data-sortable] sorts by a column when its heading is
 * clicked (each tbody on its own; sub-bodies lose their indentation while sorted).
 *
 * Scroll hints (p[data-scroll-hint]): shown above a region that scrolls sideways when it does
 * not fit (scrollHints).
 */
(function () {
  'use strict';

  var FILTERS = ['body', 'status', 'level', 'year', 'today'];
  var STATUS_ORDER = ['overdue', 'due_soon', 'in_progress', 'ongoing', 'no_deadline', 'done_late',
    'done_on_time', 'withdrawn', 'not_issued'];

  var SVG_NS = 'http://www.w3.org/2000/svg';
  /* The chain diagram's chips: geometry of src/render/chain/svg.rs (BOX_W, PAD, CHIP_H,
   * CHAR_W); keep the two in step. Their colours are style.css's (g.chip.status-KEY). */
  var BOX_W = 220, PAD = 8, CHIP_H = 20, CHAR_W = 6.6;

  function pad(n) { return (n < 10 ? '0' : '') + n; }

  /** The viewer's date in local time, YYYY-MM-DD. */
  function localToday() {
    var d = new Date();
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  /** Days since 1970 of a YYYY-MM-DD date, or NaN when it is not a real date. */
  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || '');
    if (!m) { return NaN; }
    var y = +m[1], mo = +m[2], d = +m[3];
    var t = Date.UTC(y, mo - 1, d);
    var back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
      return NaN;
    }
    return Math.round(t / 86400000);
  }

  function validDate(iso) { return !isNaN(dayNumber(iso)); }

  /** Whether a date attribute ("0": from the start) has come by `day`. */
  function since(value, day) { return value === '0' || (validDate(value) && value <= day); }

  /* data-t's letters (the tokens x and b repeat; r stands alone). */
  var PACKED = { d: 'data-due', c: 'data-done', i: 'data-issued', w: 'data-withdrawn', l: 'data-level' };

  /** Unpacks a row's or badge's data-t into data-due, data-recurring, data-done, data-ext,
   * data-issued, data-withdrawn, data-level and data-bodies; a row's data-year from the
   * deadline in force on `built`. */
  function unpack(el, built) {
    var ext = [], bodies = [];
    (el.getAttribute('data-t') || '').split(' ').forEach(function (token) {
      var k = token.charAt(0), v = token.slice(1);
      if (k === 'x') { ext.push(v); } else if (k === 'b') { bodies.push(v); } else if (k === 'r') {
        el.setAttribute('data-recurring', '1');
      } else if (PACKED[k]) { el.setAttribute(PACKED[k], v); }
    });
    if (ext.length) { el.setAttribute('data-ext', ext.join(' ')); }
    if (bodies.length) { el.setAttribute('data-bodies', bodies.join(' ')); }
    if (el.nodeName === 'TR') {
      var force = inForce(el, built);
      if (force && !force.open) { el.setAttribute('data-year', force.date.slice(0, 4)); }
    }
  }

  /** The deadline in force on `day` of a row or badge: the last extension in effect
   * (data-ext), else its own (data-due, data-recurring). {open: true} when recurring or
   * ongoing (with the build's period end as date, if any), {date: D} when fixed, null when
   * there is none. */
  function inForce(el, day) {
    var ext = (el.getAttribute('data-ext') || '').split(' ');
    for (var i = ext.length - 1; i >= 0; i--) {
      var p = ext[i].split('>');
      if (p.length === 2 && (p[0] === '' || p[0] <= day)) {
        return p[1] === 'r' ? { open: true } : { date: p[1] };
      }
    }
    var due = el.getAttribute('data-due');
    if (el.getAttribute('data-recurring') === '1') { return { open: true, date: due }; }
    return validDate(due) ? { date: due } : null;
  }

  /** The status rule of src/status.rs, for one row or badge on `today`. */
  function statusOn(el, today, soonDays) {
    var issued = el.getAttribute('data-issued');
    if (validDate(issued) && issued > today) { return 'not_issued'; }
    var done = el.getAttribute('data-done');
    if (done && since(done, today)) {
      var then = done === '0' ? null : inForce(el, done);
      return then && !then.open && then.date < done ? 'done_late' : 'done_on_time';
    }
    if (since(el.getAttribute('data-withdrawn'), today)) { return 'withdrawn'; }
    var force = inForce(el, today);
    if (!force) { return 'no_deadline'; }
    if (force.open) { return 'ongoing'; }
    var days = dayNumber(force.date) - dayNumber(today);
    if (days < 0) { return 'overdue'; }
    if (days <= soonDays) { return 'due_soon'; }
    return 'in_progress';
  }

  /** "quá hạn 12 ngày", "còn 5 ngày" or nothing, for a row of `status` on `today`. */
  function daysText(labels, row, status, today) {
    var force = inForce(row, today);
    if (!force || !validDate(force.date)) { return ''; }
    var days = dayNumber(force.date) - dayNumber(today);
    if (status === 'overdue') { return fill(labels.daysOverdue, { n: -days }); }
    if ((status === 'due_soon' || status === 'ongoing') && days >= 0) {
      return fill(labels.daysLeft, { n: days });
    }
    return '';
  }

  function fill(pattern, values) {
    return pattern.replace(/\{(\w+)\}/g, function (all, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : all;
    });
  }

  /* A date in the page's words: {d} the day, {dd} with a leading zero below 10, {m} the
   * month, {mm} as Vietnamese documents write it (01 and 02 with a leading zero, src/i18n.rs
   * long_date), {month} its name, {y} the year. */
  function longDate(labels, iso) {
    var p = iso.split('-');
    var m = +p[1];
    return fill(labels.datePattern, { d: +p[2], dd: p[2], m: m, mm: m < 3 ? p[1] : m, month: labels.months[m - 1], y: +p[0] });
  }

  /* The words of the site's language, from static/labels.js (loaded before this script). */
  function readLabels() {
    var labels = window.chidaoLabels;
    return labels && typeof labels === 'object' ? labels : null;
  }

  function readQuery() {
    var out = {};
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (k) { out[k] = params.get(k) || ''; });
    return out;
  }

  /** Writes the filter state into the URL, keeping other parameters and the fragment. */
  function writeQuery(state) {
    var params = new URLSearchParams(window.location.search);
    FILTERS.forEach(function (k) {
      if (state[k]) { params.set(k, state[k]); } else { params.delete(k); }
    });
    var q = params.toString();
    var url = window.location.pathname + (q ? '?' + q : '') + window.location.hash;
    try {
      window.history.replaceState(window.history.state, '', url);
    } catch (e) {
      /* Some browsers refuse to change file:// URLs: the filters still work, unshared. */
    }
  }

  function uniqueTasks(rows) {
    var seen = {};
    return rows.filter(function (r) {
      var k = r.getAttribute('data-task');
      if (seen[k]) { return false; }
      seen[k] = true;
      return true;
    });
  }

  function hasToken(list, token) {
    return (' ' + (list || '') + ' ').indexOf(' ' + token + ' ') >= 0;
  }

  /** The value a statistics cell sorts by: its number ("1.234", "66,7%"; "—" lowest). */
  function cellValue(td, decimal) {
    var text = (td.textContent || '').replace(/[\s%]/g, '');
    var thousands = decimal === ',' ? '.' : ',';
    var n = parseFloat(text.split(thousands).join('').replace(decimal, '.'));
    return isNaN(n) ? -1 : n;
  }

  /* Makes the headings of a table[data-sortable] buttons that sort each tbody's rows by
   * their column: numbers largest first, names in alphabetical order; again: the other way. */
  function sortable(table) {
    var decimal = table.getAttribute('data-decimal') || '.';
    var lang = document.documentElement.lang || 'vi';
    var heads = Array.prototype.slice.call(table.querySelectorAll('thead th[data-sort]'));
    heads.forEach(function (th, col) {
      var button = document.createElement('button');
      button.type = 'button';
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      button.addEventListener('click', function () {
        var byName = th.getAttribute('data-sort') === 'name';
        var first = byName ? 'ascending' : 'descending';
        var dir = th.getAttribute('aria-sort') === first ? (byName ? 'descending' : 'ascending') : first;
        heads.forEach(function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', dir);
        table.classList.add('sorted');
        var sign = dir === 'ascending' ? 1 : -1;
        Array.prototype.forEach.call(table.tBodies, function (tbody) {
          var rows = Array.prototype.filter.call(tbody.rows, function (r) { return !r.classList.contains('section'); });
          rows.sort(function (a, b) {
            var x = a.cells[col], y = b.cells[col];
            var d = byName ? x.textContent.localeCompare(y.textContent, lang) : cellValue(x, decimal) - cellValue(y, decimal);
            return sign * d;
          });
          rows.forEach(function (r) { tbody.appendChild(r); });
        });
      });
    });
    Array.prototype.forEach.call(document.querySelectorAll('.js-only'), function (el) { el.hidden = false; });
  }

  /* The statistics table as a tree: a body's row (its counts include the bodies under it)
   * gets a button that shows or hides the rows of the bodies directly under it; at first only
   * the bodies at the top show. Sorted, every row shows, without the buttons (the table's
   * .sorted class). Without JavaScript every row shows, indented. */
  function tree(table, labels) {
    var tbody = table.tBodies[0];
    if (!tbody) { return; }
    var rows = Array.prototype.filter.call(tbody.rows, function (r) { return !r.classList.contains('section'); });
    var depth = function (r) { return parseInt(r.getAttribute('data-depth') || '0', 10); };
    var toggles = [];
    function update() {
      var open = [];
      rows.forEach(function (r) {
        var d = depth(r);
        open.length = d;
        var shown = table.classList.contains('sorted') || open.every(function (o) { return o; });
        r.hidden = !shown;
        var b = r.querySelector('button.tree-toggle');
        open[d] = shown && (!b || b.getAttribute('aria-expanded') === 'true');
      });
    }
    rows.forEach(function (r, i) {
      var next = rows[i + 1];
      if (!next || depth(next) <= depth(r)) { return; }
      var th = r.cells[0];
      var name = th.textContent.trim();
      var b = document.createElement('button');
      b.type = 'button';
      b.className = 'tree-toggle';
      b.setAttribute('aria-expanded', 'false');
      b.setAttribute('aria-label', (labels.statsExpand || '+') + ': ' + name);
      b.addEventListener('click', function () {
        b.setAttribute('aria-expanded', b.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
        update();
      });
      th.insertBefore(b, th.firstChild);
      toggles.push(b);
    });
    if (!toggles.length) { return; }
    var all = document.createElement('button');
    all.type = 'button';
    all.className = 'tree-all';
    all.textContent = labels.statsExpandAll || 'Expand all';
    all.addEventListener('click', function () {
      var open = toggles.some(function (b) { return b.getAttribute('aria-expanded') !== 'true'; });
      toggles.forEach(function (b) { b.setAttribute('aria-expanded', open ? 'true' : 'false'); });
      all.textContent = open ? (labels.statsCollapseAll || 'Collapse all') : (labels.statsExpandAll || 'Expand all');
      update();
    });
    table.parentNode.parentNode.insertBefore(all, table.parentNode);
    table.addEventListener('click', function (e) {
      if (e.target.closest && e.target.closest('thead')) { window.setTimeout(update, 0); }
    });
    update();
  }

  /* A region that scrolls sideways (the chain diagram, a wide table) follows its hint
   * (p[data-scroll-hint], the nearest [role=region] after it): data-overflow="yes" shows the hint, "no" hides it,
   * whatever the screen's width (without this script the style sheet shows it on narrow
   * screens only). */
  function scrollHints() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-scroll-hint]'), function (hint) {
      var region = hint.nextElementSibling; /* the statistics put their buttons between */
      while (region && region.getAttribute('role') !== 'region') { region = region.nextElementSibling; }
      if (!region) { return; }
      hint.setAttribute('data-overflow', region.scrollWidth > region.clientWidth + 1 ? 'yes' : 'no');
    });
  }

  function init() {
    scrollHints();
    window.addEventListener('resize', scrollHints);
    window.addEventListener('load', scrollHints);
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), sortable);
    var body = document.body;
    var labels = readLabels();
    Array.prototype.forEach.call(document.querySelectorAll('table[data-tree]'), function (t) { tree(t, labels || {}); });
    if (!labels || !body) { return; }
    var built = body.getAttribute('data-today') || '';
    var soonDays = parseInt(body.getAttribute('data-soon-days'), 10);
    if (isNaN(soonDays)) { soonDays = 30; }
    var rows = Array.prototype.slice.call(document.querySelectorAll('tr[data-task]'));
    /* The build's status stays readable (data-build-status) when data-status is judged again. */
    rows.forEach(function (r) { unpack(r, built); r.setAttribute('data-build-status', r.getAttribute('data-status')); });
    /* Badges outside task rows (the tasks below, the task carried out) and roll-ups. */
    var badges = Array.prototype.slice.call(document.querySelectorAll('[data-live-badge]'));
    badges.forEach(function (b) { unpack(b, built); b.setAttribute('data-build-status', b.getAttribute('data-status')); });
    var rollups = Array.prototype.slice.call(document.querySelectorAll('[data-rollup]'));
    /* Progress timelines: a note dated after the day is not there yet. */
    var timelines = Array.prototype.slice.call(document.querySelectorAll('ol.progress'));
    /* Lines and index rows of documents (data-issued: their dates), hidden before it, and
     * a document page's notice that it is not yet issued (data-not-issued: its date). */
    var docLines = Array.prototype.slice.call(
      document.querySelectorAll('ul.docs > li[data-issued], ul.tree li[data-issued], table.documents tr[data-issued]'));
    var notIssued = Array.prototype.slice.call(document.querySelectorAll('[data-not-issued]'));
    /* A document page's targets table: its years judged on the day, as its statuses are. */
    var targetTables = Array.prototype.slice.call(document.querySelectorAll('table[data-targets]'));
    /* The chain: each document's counts in its lists and its box's chips in the diagram. */
    var tallyLists = Array.prototype.slice.call(document.querySelectorAll('span.tally[data-tally]'));
    var chipBoxes = Array.prototype.slice.call(document.querySelectorAll('svg g[data-tally]'));
    /* The diagram's boxes and arrows of documents (data-issued), hidden before their date. */
    var drawn = Array.prototype.slice.call(document.querySelectorAll('svg.chain [data-issued]'));

    var asofs = Array.prototype.slice.call(document.querySelectorAll('[data-live-asof]'));
    var asofOriginals = asofs.map(function (el) { return el.cloneNode(true); });
    var counts = Array.prototype.slice.call(document.querySelectorAll('ul[data-live-counts]'));
    var statRows = Array.prototype.slice.call(document.querySelectorAll('table[data-live-stats] tr[data-timeline]'));
    /* Each statistics row's parent: the row it is nested under (data-depth), in the page's
     * order before any sorting; -1 for none. A parent's data-timeline holds only what its
     * children's rows do not (src/render/pages/stats.rs own_timelines). */
    var depthOf = function (tr) { return parseInt(tr.getAttribute('data-depth') || '0', 10); };
    var statParents = statRows.map(function (tr, i) {
      for (var j = i - 1; j >= 0 && depthOf(tr) > 0 && statRows[j].parentNode === tr.parentNode; j--) {
        if (depthOf(statRows[j]) < depthOf(tr)) { return j; }
      }
      return -1;
    });
    linkStats();
    var form = document.querySelector('form.filters');
    var fields = {};
    if (form) {
      fields = {
        body: form.querySelector('#f-body'),
        status: form.querySelector('#f-status'),
        level: form.querySelector('#f-level'),
        year: form.querySelector('#f-year'),
        today: form.querySelector('#f-today')
      };
    }

    /** The state from the URL, each value checked against what the page offers. */
    function state() {
      var q = readQuery();
      var out = {};
      FILTERS.forEach(function (k) {
        var v = q[k];
        var f = fields[k];
        if (k === 'today') {
          out[k] = validDate(v) ? v : '';
        } else if (k === 'status' && v === 'not_due' && f) {
          out[k] = v;
        } else if (!f) {
          out[k] = '';
        } else {
          out[k] = Array.prototype.some.call(f.options, function (o) { return o.value === v; }) ? v : '';
        }
      });
      out.bodyKey = '';
      if (out.body) {
        var chosen = Array.prototype.filter.call(fields.body.options, function (o) { return o.value === out.body; })[0];
        out.bodyKey = chosen.getAttribute('data-key') || out.body;
      }
      return out;
    }

    function setAsOf(today, chosen) {
      asofs.forEach(function (el, i) {
        while (el.firstChild) { el.removeChild(el.firstChild); }
        if (today === built && !chosen) {
          Array.prototype.forEach.call(asofOriginals[i].childNodes, function (n) {
            el.appendChild(n.cloneNode(true));
          });
          return;
        }
        var pattern = chosen ? labels.asOfChosen : labels.asOfToday;
        el.appendChild(document.createTextNode(
          fill(pattern, { date: longDate(labels, today), built: longDate(labels, built) })));
      });
    }

    function paintBadge(badge, status) {
      badge.className = badge.className.replace(/\bstatus-[a-z_]+/g, '').trim();
      badge.classList.add('status-' + status);
      badge.textContent = labels.statuses[status] || status;
    }

    function updateRow(row, status, today) {
      row.setAttribute('data-status', status);
      /* The status cell: the badge, then the days overdue or left (added when the build had none). */
      var cell = row.cells[row.cells.length - 1];
      var badge = cell && cell.querySelector('.status');
      if (!badge) { return; }
      paintBadge(badge, status);
      var text = daysText(labels, row, status, today);
      var days = cell.querySelector('.days');
      if (!days && text) {
        days = document.createElement('span');
        days.className = 'days';
        cell.insertBefore(days, badge.nextSibling);
        cell.insertBefore(document.createElement('br'), days);
      }
      if (days) {
        days.textContent = text;
        var br = days.previousSibling;
        if (br && br.nodeName === 'BR') { br.hidden = !text; }
      }
    }

    /* Hides the notes of a timeline dated after `today`, and the timeline when all are. */
    function showNotes(ol, today) {
      var shown = 0;
      Array.prototype.forEach.call(ol.querySelectorAll('li[data-date]'), function (li) {
        li.hidden = li.getAttribute('data-date') > today;
        if (!li.hidden) { shown += 1; }
      });
      ol.hidden = shown === 0;
    }

    /* "<Document> not yet issued as of <day>." on the page of a document dated after `today`
     * (data-doc: its name as a sentence names it). */
    function sayNotIssued(el, today) {
      el.hidden = !(el.getAttribute('data-not-issued') > today);
      el.textContent = el.hidden ? '' : fill(labels.notYetIssued,
        { doc: el.getAttribute('data-doc') || '', date: longDate(labels, today) });
    }

    /* A document's targets table on `today` (src/render/pages/targets.rs): the years after
     * today's year under "Các năm tới", and "chưa báo cáo" beside a target without a result
     * once its year is over. */
    function paintTargets(table, today) {
      var year = Number(today.slice(0, 4));
      var past = table.querySelector('[data-years-past]');
      var future = table.querySelector('[data-years-future]');
      if (!past || !future) { return; }
      var later = 0;
      Array.prototype.slice.call(table.querySelectorAll('tr[data-year]')).forEach(function (tr) {
        var y = Number(tr.getAttribute('data-year'));
        if (y > year) { future.appendChild(tr); later += 1; } else { past.appendChild(tr); }
        Array.prototype.forEach.call(tr.querySelectorAll('[data-unreported]'), function (s) { s.hidden = y >= year; });
      });
      future.hidden = later === 0;
    }

    /** [{key, count}] of a data-tally's tasks on `today`, in the order of the lists, the
     * tasks not yet issued left out. */
    function tallyOn(el, today) {
      var tally = countsOn(el.getAttribute('data-tally'), today, {});
      return STATUS_ORDER.filter(function (k) { return tally[k]; })
        .map(function (k) { return { key: k, count: tally[k] }; });
    }

    /* A document's counts in the chain's lists (src/render/pages/mod.rs tree_line). */
    function paintTallyList(el, today) {
      while (el.firstChild) { el.removeChild(el.firstChild); }
      tallyOn(el, today).forEach(function (c) {
        var span = document.createElement('span');
        span.className = 'status status-' + c.key;
        span.title = labels.statuses[c.key] || c.key;
        span.textContent = c.count + ' ' + span.title;
        el.appendChild(span);
        el.appendChild(document.createTextNode(' '));
      });
    }

    function svgEl(name, attrs) {
      var el = document.createElementNS(SVG_NS, name);
      Object.keys(attrs).forEach(function (k) { el.setAttribute(k, String(attrs[k])); });
      return el;
    }

    /* A document box's chips in the chain diagram, packed into lines as chain.rs chips()
     * packs them; the box grows when they need more lines than the build's. A chip's words
     * are the status's one word, as the task tables have it (labels.statuses). */
    function chipText(c) { return c.count + ' ' + (labels.statuses[c.key] || c.key); }

    function paintChips(g, today) {
      Array.prototype.slice.call(g.querySelectorAll('.chip')).forEach(function (c) { g.removeChild(c); });
      var lines = [];
      var used = 0;
      tallyOn(g, today).forEach(function (c) {
        var text = chipText(c);
        var w = Math.ceil(Array.from(text).length * CHAR_W) + 12;
        if (!lines.length || used + 6 + w > BOX_W - 2 * PAD) { lines.push([]); used = 0; }
        var line = lines[lines.length - 1];
        used += line.length ? w + 6 : w;
        line.push({ key: c.key, text: text, w: w });
      });
      lines.forEach(function (line, l) {
        var cy = 46 + l * (CHIP_H + 4);
        var cx = PAD;
        line.forEach(function (c) {
          var chip = svgEl('g', { 'class': 'chip status-' + c.key });
          chip.appendChild(svgEl('rect', { x: cx, y: cy, width: c.w, height: CHIP_H, rx: 10 }));
          var text = svgEl('text', { x: cx + 6, y: cy + 14 });
          text.textContent = c.text;
          chip.appendChild(text);
          g.appendChild(chip);
          cx += c.w + 6;
        });
      });
      var box = g.querySelector('rect.box');
      var h = lines.length ? 46 + lines.length * (CHIP_H + 4) : 46;
      if (box && Number(box.getAttribute('height')) < h) { box.setAttribute('height', String(h)); }
    }

    /* Adds to `tally` the counts by status on `today` of a data-timeline
     * (src/render/timeline.rs): tokens apart by spaces, the first the counts from the start
     * ("-": none), each next a day: the days after the previous token's day (the first after
     * 1970-01-01, negative before it; none written: 1), then for each status its letter (a = overdue ... h =
     * withdrawn, STATUS_ORDER; upper case: tasks leaving it) and how many (none written: 1);
     * x: tasks entering due soon that day and turning overdue soon_days + 1 days later (a turn). */
    function countsOn(timeline, today, tally) {
      var t = dayNumber(today);
      var day = 0;
      var tokens = (timeline || '').split(' ');
      var turn = function (by) {
        var overdue = day + soonDays + 1 <= t;
        tally.due_soon = (tally.due_soon || 0) + (overdue ? 0 : by);
        tally.overdue = (tally.overdue || 0) + (overdue ? by : 0);
      };
      for (var i = 0; i < tokens.length; i++) {
        var m = /^(-?\d*)(.*)$/.exec(tokens[i]);
        if (i > 0) {
          day += m[1] === '' ? 1 : parseInt(m[1], 10);
          if (day > t) { break; }
        }
        m[2].replace(/([a-hA-Hx])(\d*)/g, function (all, letter, n) {
          var lower = letter.toLowerCase();
          var k = STATUS_ORDER[lower.charCodeAt(0) - 97];
          var by = n === '' ? 1 : parseInt(n, 10);
          if (letter === 'x') { turn(by); return all; }
          tally[k] = (tally[k] || 0) + (letter === lower ? by : -by);
          return all;
        });
      }
      return tally;
    }

    /* "3/5 below done, 1 overdue", counted on the day from the roll-up's data-timeline;
     * tasks of documents not yet issued are not below yet. */
    function updateRollup(el, today) {
      var tally = countsOn(el.getAttribute('data-timeline'), today, {});
      var total = 0;
      STATUS_ORDER.forEach(function (k) { total += tally[k] || 0; });
      var text = fill(labels.rollupDone, {
        done: (tally.done_late || 0) + (tally.done_on_time || 0), total: total
      });
      if (tally.overdue > 0) { text += fill(labels.rollupOverdue, { overdue: tally.overdue }); }
      el.textContent = text;
    }

    function dueKey(row) {
      /* As src/render/views.rs sort_tasks: dated first, by date, then by reference. */
      var due = row.getAttribute('data-due');
      return (due ? '0' + due : '1') + '\u0000' + row.getAttribute('data-task');
    }

    /** Moves rows into the group of their status, each group sorted as the build sorts. */
    function regroup() {
      var scopes = document.querySelectorAll('[data-status-groups]');
      Array.prototype.forEach.call(scopes, function (scope) {
        var groups = {};
        STATUS_ORDER.forEach(function (k) {
          var g = scope.querySelector('[data-status-group="' + k + '"] tbody');
          if (g) { groups[k] = g; }
        });
        var inScope = Array.prototype.slice.call(scope.querySelectorAll('tr[data-task]'));
        var moved = inScope.some(function (r) {
          var target = groups[r.getAttribute('data-status')];
          return target && r.parentNode !== target;
        });
        if (!moved) { return; }
        /* The heading rows of tasks carried out by several rows (tr[data-parent]) are taken
         * out, and put back before the first of their rows in each group. */
        var heads = {};
        Array.prototype.forEach.call(scope.querySelectorAll('tr[data-parent]'), function (h) {
          var k = h.getAttribute('data-parent');
          (heads[k] = heads[k] || []).push(h);
          h.parentNode.removeChild(h);
        });
        inScope.sort(function (a, b) {
          var x = dueKey(a), y = dueKey(b);
          return x < y ? -1 : x > y ? 1 : 0;
        });
        inScope.forEach(function (r) {
          var target = groups[r.getAttribute('data-status')];
          if (target) { target.appendChild(r); }
        });
        STATUS_ORDER.forEach(function (k) { if (groups[k]) { underParents(groups[k], heads); } });
      });
    }

    /* Puts the rows of `tbody` listed under the task they carry out (data-under) together
     * after its heading row, at the place of the first of them; a heading is taken from
     * `heads` (its reference: the rows taken out), or copied when they are all used. */
    function underParents(tbody, heads) {
      var inBody = Array.prototype.filter.call(tbody.rows, function (r) { return r.hasAttribute('data-task'); });
      var placed = {};
      inBody.forEach(function (r) {
        var k = r.getAttribute('data-under');
        if (!k) { tbody.appendChild(r); return; }
        if (placed[k]) { return; }
        placed[k] = true;
        var pool = heads[k] || [];
        var h = pool.length > 1 ? pool.pop() : pool[0] && pool[0].parentNode ? pool[0].cloneNode(true) : pool[0];
        if (h) {
          Array.prototype.forEach.call(h.querySelectorAll('[data-live-badge]'), function (b) {
            if (badges.indexOf(b) < 0) { badges.push(b); }
          });
          tbody.appendChild(h);
        }
        inBody.forEach(function (c) { if (c.getAttribute('data-under') === k) { tbody.appendChild(c); } });
      });
    }

    /* A heading row of tasks carried out shows while one of the rows under it does. */
    function showParents() {
      Array.prototype.forEach.call(document.querySelectorAll('tr[data-parent]'), function (h) {
        var k = h.getAttribute('data-parent');
        var shown = false;
        for (var n = h.nextElementSibling; n && n.getAttribute('data-under') === k; n = n.nextElementSibling) {
          if (!n.hidden) { shown = true; break; }
        }
        h.hidden = !shown;
      });
    }

    /* A row of a document not yet issued on the day is listed only on its own page. */
    function issued(row) {
      return row.id || row.getAttribute('data-status') !== 'not_issued';
    }

    function matches(row, s, ignoreStatus) {
      return issued(row) && (!s.bodyKey || hasToken(row.getAttribute('data-bodies'), s.bodyKey)) &&
        (ignoreStatus || !s.status || row.getAttribute('data-status') === s.status ||
          (s.status === 'not_due' && hasToken('due_soon in_progress', row.getAttribute('data-status')))) &&
        (!s.level || row.getAttribute('data-level') === s.level) &&
        (!s.year || row.getAttribute('data-year') === s.year);
    }

    function updateCounts(s, today) {
      counts.forEach(function (ul) {
        var mode = ul.getAttribute('data-live-counts');
        var tally = {};
        STATUS_ORDER.forEach(function (k) { tally[k] = 0; });
        var items = ul.querySelectorAll('[data-count-status]');
        if (mode === 'timeline') {
          /* Every task counted on the day from the counts over time (data-timeline), so
           * the page need not hold every task. */
          countsOn(ul.getAttribute('data-timeline'), today, tally);
        } else {
          uniqueTasks(rows.filter(function (r) { return matches(r, s, true); })).forEach(function (r) {
            tally[r.getAttribute('data-status')] += 1;
          });
        }
        Array.prototype.forEach.call(items, function (li) {
          li.querySelector('strong').textContent = String(tally[li.getAttribute('data-count-status')]);
        });
      });
    }

    /** "1.234" (decimal mark ",") or "1,234" (decimal mark "."). */
    function formatCount(n, decimal) {
      return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, decimal === ',' ? '.' : ',');
    }

    /* The statistics rows counted on `today`: as src/stats.rs, not_due is due soon and in
     * progress, and the on-time rate done_on_time / (done_on_time + done_late + overdue) as a
     * percentage with one decimal, none ("—") when the divisor is 0. */
    function updateStats(today) {
      var tallies = statRows.map(function (tr) { return countsOn(tr.getAttribute('data-timeline'), today, {}); });
      /* A row's counts are its own text's and those of the rows under it (children after
       * their parent: adding from the end adds each subtree whole). */
      for (var i = tallies.length - 1; i >= 0; i--) {
        if (statParents[i] >= 0) {
          Object.keys(tallies[i]).forEach(function (k) {
            tallies[statParents[i]][k] = (tallies[statParents[i]][k] || 0) + tallies[i][k];
          });
        }
      }
      statRows.forEach(function (tr, row) {
        var decimal = tr.closest('table').getAttribute('data-decimal') || '.';
        var c = tallies[row];
        var v = {
          done_on_time: c.done_on_time || 0, done_late: c.done_late || 0, overdue: c.overdue || 0,
          not_due: (c.due_soon || 0) + (c.in_progress || 0), ongoing: c.ongoing || 0,
          no_deadline: c.no_deadline || 0, withdrawn: c.withdrawn || 0
        };
        var total = 0;
        Object.keys(v).forEach(function (k) { total += v[k]; });
        v.total = total;
        var of = v.done_on_time + v.done_late + v.overdue;
        var rate = of > 0 ? (Math.round(v.done_on_time * 1000 / of) / 10).toFixed(1).replace('.', decimal) + '%' : '\u2014';
        statCells(tr).forEach(function (c) {
          var text = c.key === 'rate' ? rate : formatCount(v[c.key], decimal);
          var target = c.td.querySelector('a') || c.td;
          target.textContent = text;
        });
      });
    }

    /* A statistics row's cells, each with the key its column's heading carries (th[data-stat]). */
    function statCells(tr) {
      var heads = tr.closest('table').querySelectorAll('thead th');
      var out = [];
      Array.prototype.forEach.call(tr.cells, function (td, i) {
        var key = heads[i] && heads[i].getAttribute('data-stat');
        if (key && td.tagName === 'TD') { out.push({ key: key, td: td }); }
      });
      return out;
    }

    /* Each count of a statistics row becomes a link to the task list filtered to the row's
     * party (data-body) and the column's status: the list filters only with scripts on, so
     * the page carries the party once per row, not a link per cell. */
    function linkStats() {
      var root = body.getAttribute('data-root') || '';
      statRows.forEach(function (tr) {
        var slug = tr.getAttribute('data-body');
        if (!slug) { return; }
        statCells(tr).forEach(function (c) {
          if (c.key === 'total' || c.key === 'rate' || c.td.querySelector('a')) { return; }
          var href = root + 'nhiem-vu.html?body=' + encodeURIComponent(slug) + '&status=' + c.key;
          var a = el('a', { href: href }, c.td.textContent);
          c.td.textContent = '';
          c.td.appendChild(a);
        });
      });
    }

    /* Lists of some statuses only (the home page's overdue and due-soon tasks): show the
     * rows that have one of them today, and the "nothing" sentence when none has. */
    function showOnly() {
      Array.prototype.forEach.call(document.querySelectorAll('[data-only-status]'), function (box) {
        var keep = box.getAttribute('data-only-status');
        var shown = 0;
        Array.prototype.forEach.call(box.querySelectorAll('tr[data-task]'), function (r) {
          r.hidden = !hasToken(keep, r.getAttribute('data-status'));
          if (!r.hidden) { shown += 1; }
        });
        box.hidden = shown === 0;
        var empty = box.parentNode.querySelector('[data-only-status-empty]');
        if (empty) { empty.hidden = shown !== 0; }
      });
    }

    function apply() {
      var s = state();
      var local = localToday();
      var today = s.today || local;
      rows.forEach(function (r) { updateRow(r, statusOn(r, today, soonDays), today); });
      badges.forEach(function (b) {
        var st = statusOn(b, today, soonDays);
        b.setAttribute('data-status', st);
        paintBadge(b, st);
      });
      rollups.forEach(function (el) { updateRollup(el, today); });
      timelines.forEach(function (ol) { showNotes(ol, today); });
      docLines.forEach(function (el) { el.hidden = el.getAttribute('data-issued') > today; });
      notIssued.forEach(function (el) { sayNotIssued(el, today); });
      targetTables.forEach(function (t) { paintTargets(t, today); });
      tallyLists.forEach(function (el) { paintTallyList(el, today); });
      chipBoxes.forEach(function (g) { paintChips(g, today); });
      drawn.forEach(function (el) {
        if (el.getAttribute('data-issued') > today) { el.setAttribute('display', 'none'); } else { el.removeAttribute('display'); }
      });
      regroup();
      setAsOf(today, !!s.today && s.today !== local);
      updateCounts(s, today);
      updateStats(today);
      showOnly();
      if (form) {
        rows.forEach(function (r) { r.hidden = !matches(r, s, false); });
        var groups = document.querySelectorAll('[data-task-group]');
        /* Innermost groups first, so an outer group sees its inner ones' final state. */
        Array.prototype.slice.call(groups).reverse().forEach(function (g) {
          var visible = g.querySelectorAll('tr[data-task]:not([hidden])').length;
          g.hidden = visible === 0;
          var count = g.querySelector('[data-group-count]');
          if (count && g.hasAttribute('data-status-group')) { count.textContent = String(visible); }
        });
        var shown = uniqueTasks(rows.filter(function (r) { return !r.hidden; })).length;
        var total = uniqueTasks(rows).length;
        var out = form.querySelector('.filter-count');
        if (out) { out.textContent = fill(labels.showing, { shown: shown, total: total }); }
        var none = form.querySelector('.filter-none');
        if (none) { none.hidden = shown !== 0; }
        FILTERS.forEach(function (k) {
          if (fields[k] && fields[k].value !== s[k]) { fields[k].value = s[k]; }
        });
      } else {
        /* No filters here: only keep status groups that hold rows. */
        rows.forEach(function (r) { if (!issued(r)) { r.hidden = true; } else if (!r.closest('[data-only-status]')) { r.hidden = false; } });
        Array.prototype.forEach.call(document.querySelectorAll('[data-status-group]'), function (g) {
          var n = g.querySelectorAll('tr[data-task]:not([hidden])').length;
          g.hidden = n === 0;
          var count = g.querySelector('[data-group-count]');
          if (count) { count.textContent = String(n); }
        });
      }
      showParents();
      countLinks.forEach(function (a) {
        if (a.getAttribute('data-filter-status') === s.status) { a.setAttribute('aria-current', 'true'); } else { a.removeAttribute('aria-current'); }
      });
      urgents.forEach(function (el) { paintUrgent(el, today); });
      shownDay = today;
      paintMine();
    }

    /* A party's overdue and due-soon counts (the bodies index, data-urgent: their counts
     * over time) on `today`, written anew, each a link to the party's page (the link before
     * them) filtered to its status; a count of 0 is left out. */
    function paintUrgent(box, today) {
      var tally = countsOn(box.getAttribute('data-urgent'), today, {});
      var party = box.previousElementSibling;
      if (!party) { return; }
      clear(box);
      [['overdue', labels.overdueShort], ['due_soon', labels.dueSoonShort]].forEach(function (c) {
        var n = tally[c[0]] || 0;
        if (n === 0) { return; }
        if (box.firstChild) { box.appendChild(document.createTextNode(' ')); }
        var a = el('a', { 'class': 'status status-' + c[0], href: party.getAttribute('href') + '?status=' + c[0] });
        a.appendChild(el('strong', {}, String(n)));
        a.appendChild(document.createTextNode(' ' + c[1]));
        box.appendChild(a);
      });
    }

    /* "My body" (Cơ quan của tôi): the reader's own body, kept in this browser
     * (localStorage, per site: the key holds the site's address), as its page without its
     * ending ("co-quan/so-noi-vu") and its name. Once chosen, every page loads its script
     * (co-quan/so-noi-vu.js: its name, page and counts over time of its tasks overdue and
     * due soon, src/render/pages/party.rs my_body_script); the header links to its page with
     * those counts on the day, and the home page leads with them. A body's page offers to
     * choose it (data-my-body-pick) or to forget it; the bodies index has a list to choose
     * from (data-my-body-form). */
    function mineKey() {
      var root = body.getAttribute('data-root') || '';
      var site;
      try { site = new URL(root || './', window.location.href).href; } catch (e) { site = root; }
      return 'chidao.myBody ' + site.split('?')[0].split('#')[0];
    }

    function readMine() {
      try {
        var v = JSON.parse(window.localStorage.getItem(mineKey()) || 'null');
        return v && typeof v.stem === 'string' && /^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(v.stem) &&
          typeof v.name === 'string' ? { stem: v.stem, name: v.name } : null;
      } catch (e) {
        return null;
      }
    }

    function writeMine(v) {
      try {
        if (v) { window.localStorage.setItem(mineKey(), JSON.stringify(v)); } else { window.localStorage.removeItem(mineKey()); }
      } catch (e) {
        /* Storage refused (private window, policy): the choice lasts as long as the page. */
      }
      mine = v;
      mineData = null;
      loadMine();
      paintMine();
    }

    /* Loads the chosen body's script; it calls window.chidaoBody with its data. */
    function loadMine() {
      if (!mine) { return; }
      var stem = mine.stem;
      window.chidaoBody = function (data) {
        if (mine && mine.stem === stem && data && typeof data.timeline === 'string') {
          mineData = data;
          paintMine();
        }
      };
      var script = document.createElement('script');
      script.src = (body.getAttribute('data-root') || '') + stem + '.js';
      document.head.appendChild(script);
    }

    function el(name, attrs, text) {
      var e = document.createElement(name);
      Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) { e.textContent = text; }
      return e;
    }

    /* The chosen body's name linked to its page, then its counts each linking to its page
     * filtered to them, into `box`. */
    function mineLine(box, withLabel) {
      var root = body.getAttribute('data-root') || '';
      var page = root + (mineData && typeof mineData.url === 'string' ? mineData.url : mine.stem + '.html');
      var name = mineData && typeof mineData.name === 'string' ? mineData.name : mine.name;
      var link = el('a', { href: page, 'class': 'my-body-name' });
      if (withLabel) { link.appendChild(el('span', { 'class': 'my-body-label' }, labels.myBody + ': ')); }
      link.appendChild(document.createTextNode(name));
      box.appendChild(link);
      if (!mineData) { return; }
      var tally = countsOn(mineData.timeline, shownDay, {});
      [['overdue', labels.overdueShort], ['due_soon', labels.dueSoonShort]].forEach(function (c) {
        box.appendChild(document.createTextNode(' '));
        var a = el('a', { href: page + '?status=' + c[0], 'class': 'status status-' + c[0] + ((tally[c[0]] || 0) === 0 ? ' none' : ''),
          'data-my-count': c[0] });
        a.appendChild(el('strong', {}, String(tally[c[0]] || 0)));
        a.appendChild(document.createTextNode(' ' + c[1]));
        box.appendChild(a);
      });
    }

    function clear(box) { while (box.firstChild) { box.removeChild(box.firstChild); } }

    function paintMine() {
      mineHeads.forEach(function (box) {
        clear(box);
        box.hidden = !mine;
        if (mine) { mineLine(box, true); }
      });
      mineHomes.forEach(function (section) {
        section.hidden = !mine;
        var text = section.querySelector('[data-my-body-home-text]');
        if (!text) { return; }
        clear(text);
        if (!mine) { return; }
        mineLine(text, false);
        text.appendChild(document.createTextNode(' · '));
        text.appendChild(el('a', { href: (body.getAttribute('data-root') || '') + 'co-quan/index.html' }, labels.myBodyChange));
      });
      minePicks.forEach(function (box) {
        var stem = box.getAttribute('data-my-body-pick');
        var isMine = !!mine && mine.stem === stem;
        var set = box.querySelector('button[data-set]');
        var unset = box.querySelector('button[data-unset]');
        var said = box.querySelector('[data-said]');
        set.hidden = isMine;
        said.hidden = !isMine;
        unset.hidden = !isMine;
        box.hidden = false;
      });
      mineForms.forEach(function (form) {
        var select = form.querySelector('select');
        var v = mine ? mine.stem : '';
        if (select.value !== v) { select.value = v; }
        form.hidden = false;
      });
    }

    /* The counts by status of a party's page filter its list: each a link to its status
     * (data-filter-status), the chosen one aria-current; again, it shows them all. */
    var countLinks = [];
    if (form && fields.status) {
      Array.prototype.forEach.call(document.querySelectorAll('ul[data-count-filter] li[data-count-status]'), function (li) {
        var key = li.getAttribute('data-count-status');
        var offered = Array.prototype.some.call(fields.status.options, function (o) { return o.value === key; });
        if (!offered) { return; }
        var a = el('a', { href: '?status=' + key, 'data-filter-status': key });
        while (li.firstChild) { a.appendChild(li.firstChild); }
        li.appendChild(a);
        a.addEventListener('click', function (e) {
          e.preventDefault();
          fields.status.value = readQuery().status === key ? '' : key;
          onChange();
        });
        countLinks.push(a);
      });
      Array.prototype.forEach.call(document.querySelectorAll('[data-counts-hint]'), function (p) { p.hidden = countLinks.length === 0; });
    }
    /* On a short list the filters fold away (details[data-filter-fold]), open when the
     * address chose some. */
    var fold = form && form.parentNode && form.parentNode.hasAttribute('data-filter-fold') ? form.parentNode : null;
    if (fold) {
      var q = readQuery();
      fold.hidden = false;
      fold.open = !!(q.body || q.level || q.year || q.today);
    }

    var urgents = Array.prototype.slice.call(document.querySelectorAll('[data-urgent]'));
    var shownDay = built;
    var mine = readMine();
    var mineData = null;
    var mineHeads = Array.prototype.slice.call(document.querySelectorAll('[data-my-body]'));
    var mineHomes = Array.prototype.slice.call(document.querySelectorAll('[data-my-body-home]'));
    var minePicks = Array.prototype.slice.call(document.querySelectorAll('[data-my-body-pick]'));
    var mineForms = Array.prototype.slice.call(document.querySelectorAll('form[data-my-body-form]'));
    minePicks.forEach(function (box) {
      var set = box.querySelector('button');
      set.setAttribute('data-set', '');
      var said = el('span', { 'data-said': '' }, labels.myBodyThis + ' ');
      var unset = el('button', { type: 'button', 'data-unset': '' }, labels.myBodyUnset);
      box.appendChild(said);
      box.appendChild(unset);
      set.addEventListener('click', function () {
        writeMine({ stem: box.getAttribute('data-my-body-pick'), name: box.getAttribute('data-name') || '' });
        unset.focus();
      });
      unset.addEventListener('click', function () {
        writeMine(null);
        set.focus();
      });
    });
    mineForms.forEach(function (f) {
      var select = f.querySelector('select');
      f.addEventListener('submit', function (e) { e.preventDefault(); });
      select.addEventListener('change', function () {
        var o = select.options[select.selectedIndex];
        writeMine(o && o.value ? { stem: o.value, name: o.textContent } : null);
      });
    });
    loadMine();

    if (form) {
      var onChange = function () {
        var next = {};
        FILTERS.forEach(function (k) {
          var v = fields[k] ? fields[k].value : '';
          next[k] = k === 'today' && !validDate(v) ? '' : v;
        });
        writeQuery(next);
        apply();
      };
      FILTERS.forEach(function (k) {
        if (fields[k]) { fields[k].addEventListener('change', onChange); }
      });
      form.addEventListener('submit', function (e) { e.preventDefault(); onChange(); });
      form.addEventListener('reset', function () {
        writeQuery({});
        window.setTimeout(apply, 0); /* after the browser has reset the fields */
      });
      form.hidden = false;
    }
    apply();
    /* A page left open past midnight judges again on the new day. */
    var lastDay = localToday();
    window.setInterval(function () {
      var now = localToday();
      if (now !== lastDay) { lastDay = now; apply(); }
    }, 60000);
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
}());
