/* chidao search: the results page (tim-kiem.html?q=...). Loads the index written by
   src/search.rs from static/search/ by injecting <script> tags (works from file://), folds the
   query as the index was folded (no accents, đ → d, lower case), intersects the words and
   shows documents, tasks (each with its status on the reader's day, or on ?today=) and bodies
   with the matching words in <mark>. Plain ES2017, no
   innerHTML: everything from content goes through textContent. */
(function () {
  'use strict';

  var DIGITS = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_';
  /* Weight of a match by the field it was found in: text, other, title, id (search::Field). */
  var WEIGHTS = [1, 2, 4, 6];
  var PAGE = 30;

  /* The same fold as text::fold in Rust for Vietnamese: decompose, drop the marks, đ → d. */
  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
      .toLowerCase().replace(/\u0111/g, 'd');
  }

  function tokens(s) {
    return fold(s).split(/[^a-z0-9]+/).filter(function (w) { return w !== ''; });
  }

  /* FNV-1a of the first two letters: search::bucket. */
  function bucket(token, n) {
    var h = 0x811c9dc5;
    for (var i = 0; i < Math.min(2, token.length); i++) {
      h ^= token.charCodeAt(i);
      h = Math.imul(h, 16777619) >>> 0;
    }
    return h % Math.max(1, n);
  }

  /* search::decode: [[record, field], ...]. */
  function decode(s) {
    var out = [];
    var prev = 0;
    var v = 0;
    for (var i = 0; i < s.length; i++) {
      var d = DIGITS.indexOf(s.charAt(i));
      v = v * 32 + (d & 31);
      if (d < 32) {
        prev += Math.floor(v / 4);
        out.push([prev, v % 4]);
        v = 0;
      }
    }
    return out;
  }

  var has = Object.prototype.hasOwnProperty;

  function addPostings(map, encoded, factor) {
    var ps = decode(encoded);
    for (var i = 0; i < ps.length; i++) {
      var w = WEIGHTS[ps[i][1]] * factor;
      var old = map.get(ps[i][0]);
      if (old === undefined || old < w) {
        map.set(ps[i][0], w);
      }
    }
  }

  /* The postings of `key` in `words`, best weight per record; when `typedOn` (the query's
   * last word, still being typed), also those of the words it begins, at half weight. */
  function postingsOf(words, key, typedOn) {
    var m = new Map();
    if (has.call(words, key)) {
      addPostings(m, words[key], 1);
    }
    if (typedOn) {
      Object.keys(words).forEach(function (w) {
        if (w !== key && w.lastIndexOf(key, 0) === 0) {
          addPostings(m, words[w], 0.5);
        }
      });
    }
    return m;
  }

  /* Records having every word of `toks` (the last one also as a prefix), best first, as
   * [record, score]: each word scores the weight of the strongest field it was found in;
   * `wordsOf(t)` gives the words of the bucket of `t` with their encoded postings. */
  function rank(toks, wordsOf) {
    var last = toks.length - 1;
    var maps = toks.map(function (t, i) {
      return postingsOf(wordsOf(t), t, i === last && t.length >= 2);
    });
    /* Two words of the query next to each other and in order (the index's `a_b` tokens,
     * in the bucket of `a`, already loaded): a bonus, so that "so noi vu" ranks "Sở Nội vụ"
     * above records with "số" and "vụ" apart. */
    var pairs = [];
    for (var p = 0; p < last; p++) {
      var key = toks[p] + '_' + toks[p + 1];
      pairs.push(postingsOf(wordsOf(toks[p]), key, p + 1 === last && toks[p + 1].length >= 2));
    }
    maps.sort(function (a, b) { return a.size - b.size; });
    var found = [];
    maps[0].forEach(function (score, r) {
      for (var i = 1; i < maps.length; i++) {
        var s = maps[i].get(r);
        if (s === undefined) {
          return;
        }
        score += s;
      }
      pairs.forEach(function (pm) { score += pm.get(r) || 0; });
      found.push([r, score]);
    });
    found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
    return found;
  }

  /* A chunk's records made whole again (search::index_chunk writes what they share once):
   * a task's url and number starting with '#' follow those of the record before it that
   * has a url of its own (its document's), and a lead or issuer written as a number is that
   * one of `parties` (index.js). */
  function whole(recs, parties) {
    var base = null;
    return recs.map(function (rec) {
      var r = rec.slice();
      if (typeof r[5] === 'number') {
        r[5] = parties[r[5]] || '';
      }
      if (base && r[4].charAt(0) === '#') {
        r[4] = base[4] + r[4];
        if (r[1].charAt(0) === '#') {
          r[1] = base[1] + r[1];
        }
      } else {
        base = r;
      }
      return r;
    });
  }

  /* The statuses by their letters in a record's status over time (search::status_letter). */
  var STATUSES = {
    n: 'not_issued', d: 'done_on_time', l: 'done_late', w: 'withdrawn', g: 'ongoing',
    x: 'no_deadline', o: 'overdue', s: 'due_soon', p: 'in_progress'
  };

  /* A task's status on `day` from its record's status over time (search::status_steps:
   * "first DAY status DAY status ...", each status by its letter): the last status whose day
   * is on or before it. */
  function statusOn(steps, day) {
    var parts = steps.split(' ');
    var status = parts[0];
    for (var i = 1; i + 1 < parts.length && parts[i] <= day; i += 2) {
      status = parts[i + 1];
    }
    return STATUSES[status] || status;
  }

  var api = {
    fold: fold, tokens: tokens, bucket: bucket, decode: decode, rank: rank, whole: whole,
    statusOn: statusOn
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  }
  if (typeof document === 'undefined') {
    return;
  }

  var data = { meta: null, buckets: {}, chunks: {} };
  window.chidaoSearch = {
    index: function (m) { data.meta = m; },
    tokens: function (b, words) { data.buckets[b] = words; },
    records: function (c, recs) { data.chunks[c] = whole(recs, data.meta.parties); }
  };

  var section = document.getElementById('search');
  if (!section) {
    return;
  }
  var root = section.getAttribute('data-root') || '';
  var status = document.getElementById('search-status');
  var list = document.getElementById('search-results');
  var more = document.getElementById('search-more');

  var loading = {};
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = root + 'static/search/' + name;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error(name)); };
        document.head.appendChild(s);
      });
    }
    return loading[name];
  }

  /* Records having every word (the last one also as a prefix), best first. */
  function candidates(toks) {
    var n = data.meta.buckets;
    var names = [];
    toks.forEach(function (t) {
      var name = 't' + bucket(t, n) + '.js';
      if (names.indexOf(name) < 0) {
        names.push(name);
      }
    });
    return Promise.all(names.map(load)).then(function () {
      return rank(toks, function (t) { return data.buckets[bucket(t, n)] || {}; });
    });
  }

  function chunkOf(r) {
    var starts = data.meta.chunks;
    var lo = 0;
    var hi = starts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= r) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  function record(r) {
    var c = chunkOf(r);
    return data.chunks[c][r - data.meta.chunks[c]];
  }

  /* The words of a text: [start, end, folded] for each run of letters and digits. */
  function words(text) {
    var out = [];
    var start = -1;
    var cur = '';
    for (var i = 0; i <= text.length; i++) {
      var f = i < text.length ? fold(text.charAt(i)) : '';
      if (f !== '' && /^[a-z0-9]+$/.test(f)) {
        if (start < 0) {
          start = i;
        }
        cur += f;
      } else if (start >= 0) {
        out.push([start, i, cur]);
        start = -1;
        cur = '';
      }
    }
    return out;
  }

  function matches(word, q) {
    for (var i = 0; i < q.toks.length; i++) {
      var t = q.toks[i];
      if (word === t || (i === q.toks.length - 1 && t.length >= 2 && word.lastIndexOf(t, 0) === 0)) {
        return true;
      }
    }
    return false;
  }

  /* Appends `text` to `parent` with the matching words in <mark>. */
  function highlighted(parent, text, q) {
    var at = 0;
    words(text).forEach(function (w) {
      if (matches(w[2], q)) {
        parent.appendChild(document.createTextNode(text.slice(at, w[0])));
        var m = document.createElement('mark');
        m.textContent = text.slice(w[0], w[1]);
        parent.appendChild(m);
        at = w[1];
      }
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  /* Bonus from what the record shows: its number typed, the words side by side, accents. */
  function bonus(rec, q) {
    var b = 0;
    var id = q.toks.join('');
    var number = tokens(rec[1]).join('');
    if (number === id) {
      b += 15;
    } else if (number.lastIndexOf(id, 0) === 0) {
      b += 10;
    }
    var shown = rec[1] + ' ' + rec[2] + ' ' + rec[5];
    var folded = ' ' + tokens(shown).join(' ') + ' ';
    if (q.toks.length > 1 && folded.indexOf(' ' + q.toks.join(' ')) >= 0) {
      b += 8;
    }
    if (q.accented.length) {
      var own = words(shown).map(function (w) {
        return shown.slice(w[0], w[1]).toLowerCase();
      });
      q.accented.forEach(function (w) {
        if (own.indexOf(w) >= 0) {
          b += 3;
        }
      });
    }
    return b;
  }

  function span(cls, text, q) {
    var s = document.createElement('span');
    s.className = cls;
    if (q) {
      highlighted(s, text, q);
    } else {
      s.textContent = text;
    }
    return s;
  }

  /* The reader's day (YYYY-MM-DD): ?today= as on every page (static/tasks.js), else the
   * browser's date. */
  function readerDay(params) {
    var chosen = params.get('today') || '';
    if (/^\d{4}-\d{2}-\d{2}$/.test(chosen) && !isNaN(Date.parse(chosen))) {
      return chosen;
    }
    var d = new Date();
    var pad = function (n) { return (n < 10 ? '0' : '') + n; };
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate());
  }

  /* A task's status badge on the reader's day, in the words of the task tables. */
  function badge(steps) {
    var key = statusOn(steps, today);
    var words = (window.chidaoLabels && window.chidaoLabels.statuses) || {};
    var s = document.createElement('span');
    s.className = 'status status-' + key;
    s.setAttribute('data-status', key);
    s.textContent = words[key] || key;
    return s;
  }

  function item(rec, q) {
    var li = document.createElement('li');
    li.className = 'result';
    var a = document.createElement('a');
    a.href = root + rec[4];
    a.appendChild(span('result-kind', data.meta.kinds[rec[0]] || ''));
    a.appendChild(document.createTextNode(' '));
    a.appendChild(span('result-number', rec[1], q));
    a.appendChild(document.createTextNode(' '));
    a.appendChild(span('result-title', rec[2], q));
    li.appendChild(a);
    var meta = [rec[3], rec[5], rec[6]].filter(function (x) { return x; });
    if (meta.length) {
      var m = span('result-meta', '');
      if (rec[6]) {
        m.appendChild(badge(rec[6]));
        if (rec[3] || rec[5]) {
          m.appendChild(document.createTextNode(' '));
        }
      }
      if (rec[3]) {
        var time = document.createElement('time');
        time.textContent = rec[3];
        m.appendChild(time);
      }
      if (rec[5]) {
        if (rec[3]) {
          m.appendChild(document.createTextNode(' · '));
        }
        highlighted(m, rec[5], q);
      }
      li.appendChild(m);
    }
    return li;
  }

  function showPage(found, from, q) {
    var page = found.slice(from, from + PAGE);
    var names = [];
    page.forEach(function (f) {
      var name = 'r' + chunkOf(f[0]) + '.js';
      if (names.indexOf(name) < 0) {
        names.push(name);
      }
    });
    return Promise.all(names.map(load)).then(function () {
      page.map(function (f, i) {
        var rec = record(f[0]);
        return [rec, f[1] + bonus(rec, q), i];
      }).sort(function (a, b) {
        return b[1] - a[1] || a[2] - b[2];
      }).forEach(function (x) {
        list.appendChild(item(x[0], q));
      });
      more.hidden = from + PAGE >= found.length;
      more.onclick = function () {
        more.hidden = true;
        showPage(found, from + PAGE, q);
      };
    });
  }

  function say(text) {
    status.textContent = text;
  }

  function run(raw) {
    var q = {
      toks: tokens(raw).filter(function (t, i, all) { return all.indexOf(t) === i; }),
      accented: raw.toLowerCase().split(/[\s,.;:!?()"'\u201c\u201d\/-]+/).filter(function (w) {
        return w !== '' && fold(w) !== w;
      })
    };
    if (!q.toks.length) {
      say(section.getAttribute('data-empty'));
      return;
    }
    say(section.getAttribute('data-loading'));
    load('index.js').then(function () {
      return candidates(q.toks);
    }).then(function (found) {
      var quoted = '\u201c' + raw + '\u201d';
      if (!found.length) {
        say(section.getAttribute('data-none') + ' ' + quoted + '.');
        return null;
      }
      say(found.length + ' ' + section.getAttribute('data-count') + ' ' + quoted);
      return showPage(found, 0, q);
    }).catch(function (e) {
      if (window.console) { console.error(e); }
      say(section.getAttribute('data-none') + ' \u201c' + raw + '\u201d.');
    });
  }

  var params = new URLSearchParams(window.location.search);
  var today = readerDay(params);
  var raw = (params.get('q') || '').normalize('NFC').trim();
  var box = document.getElementById('q');
  if (box) {
    box.value = raw;
  }
  run(raw);
}());
