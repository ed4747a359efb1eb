// Real-browser checks of a built chidao site (headless Debian Chromium through playwright-core,
// the Nu HTML validator on the machine's Java, axe-core), written against /work/ui-contract.md.
//
//   node tests/browser/run.mjs SITE_DIR [--status-site DIR] [--trace-site DIR] [--big-site DIR]
//                              [--lifecycle-site DIR] [--lifecycle-days DIR] [--only GROUP[,GROUP...]]
//                              [--artifacts DIR]
//
// SITE_DIR is the shipped site built with a fixed `--today` (scripts/test does that). The live
// status checks need a task that is still open with a date on the build's day: in the shipped
// content only 157-TB/TW#4 (quý IV-2014) is, so scripts/test passes a second build of the same
// content made with `--today 2014-10-01` as --status-site (default: SITE_DIR).
// Groups: quality (vnu, axe, phones at 390 px, screenshots), search, filters, status. Default: all of them;
// CHIDAO_BROWSER_ONLY=quality,search does the same as --only.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

// ---------------------------------------------------------------- arguments
const argv = process.argv.slice(2);
let siteArg = null;
let only = process.env.CHIDAO_BROWSER_ONLY || '';
let artifacts = path.join(repo, 'target', 'browser-artifacts');
let statusArg = null;
let traceArg = null;
let bigArg = null;
let bigAsOfArg = null;
let lifecycleArg = null;
let lifecycleDaysArg = null;
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--only') only = argv[++i] || '';
  else if (a.startsWith('--only=')) only = a.slice('--only='.length);
  else if (a === '--artifacts') artifacts = path.resolve(argv[++i]);
  else if (a === '--status-site') statusArg = argv[++i];
  else if (a === '--trace-site') traceArg = argv[++i];
  else if (a === '--big-site') bigArg = argv[++i];
  else if (a === '--big-asof-site') bigAsOfArg = argv[++i];
  else if (a === '--lifecycle-site') lifecycleArg = argv[++i];
  else if (a === '--lifecycle-days') lifecycleDaysArg = argv[++i];
  else if (!a.startsWith('-') && siteArg === null) siteArg = a;
  else {
    console.error(`run.mjs: unknown argument ${a}`);
    process.exit(2);
  }
}
if (!siteArg) {
  console.error('usage: node tests/browser/run.mjs SITE_DIR [--status-site DIR] [--only quality,search,filters,status] [--artifacts DIR]');
  process.exit(2);
}
const site = path.resolve(siteArg);
const statusSite = path.resolve(statusArg || siteArg);
// tests/fixtures/minimal built as of 2024-02-10 (after its documents' dates, January and
// February 2024): a task below another, due 2024-06-30, and a
// roll-up over an open task due 2024-12-31 (the shipped content has no dated task below).
const traceSite = traceArg ? path.resolve(traceArg) : null;
// A generated site of 5,000 documents (examples/corpus): bodies whose pages are split into
// numbered pages, and due dates that many open tasks share.
const bigSite = bigArg ? path.resolve(bigArg) : null;
// The same generated site built as of an earlier day (its data.json's `today`): what its pages
// say that day is what the big site's pages must show in a browser whose date is that day.
const bigAsOfSite = bigAsOfArg ? path.resolve(bigAsOfArg) : null;
// tests/fixtures/lifecycle built as of 2025-01-15 (LIFECYCLE_DAY): an extension granted on
// 2025-01-10, a withdrawal dated 2025-02-01, a document dated 2025-03-01, a task done on
// 2024-11-30 and progress notes on both sides of the build day.
const lifecycleSite = lifecycleArg ? path.resolve(lifecycleArg) : null;
// The same fixture built on other days, each in a folder named by its day (DIR/2024-11-01/):
// what its statistics page says that day is what the build day's page must show for ?today=.
const lifecycleDays = lifecycleDaysArg ? path.resolve(lifecycleDaysArg) : null;
for (const s of [site, statusSite]) {
  if (!fs.existsSync(path.join(s, 'index.html'))) {
    console.error(`run.mjs: ${s} has no index.html; build the site first`);
    process.exit(2);
  }
}
const GROUPS = ['quality', 'search', 'filters', 'status'];
const selected = new Set(only ? only.split(',').map((s) => s.trim()).filter(Boolean) : GROUPS);
for (const g of selected) {
  if (!GROUPS.includes(g)) {
    console.error(`run.mjs: unknown group ${g} (groups: ${GROUPS.join(', ')})`);
    process.exit(2);
  }
}
const skip = (group) => (selected.has(group) ? false : `not selected (--only ${[...selected].join(',')})`);

// ---------------------------------------------------------------- the site's files
function walk(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}
const files = walk(site);
const htmlPages = files.filter((f) => f.endsWith('.html'));
const rel = (f) => path.relative(site, f).split(path.sep).join('/');
const fileUrl = (relPath, root = site) => pathToFileURL(path.join(root, relPath)).href;

// ---------------------------------------------------------------- the browser
const CHROMIUM = process.env.CHIDAO_CHROMIUM || '/usr/bin/chromium';
let browserPromise = null;
function browser() {
  if (!browserPromise) {
    browserPromise = chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // launch() gives every run a fresh temporary profile; the network is closed here, so
      // nothing may try to reach the outside (updates, sync, QUIC probes).
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }
  return browserPromise;
}
const TZ = 'Asia/Ho_Chi_Minh';
async function newPage(opts = {}) {
  const b = await browser();
  const context = await b.newContext({
    viewport: opts.viewport || { width: 1280, height: 900 },
    locale: 'vi-VN',
    timezoneId: TZ,
    ...(opts.isMobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 1 } : {}),
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    // The browser asks the HTTP server for /favicon.ico by itself; the site has none.
    if (m.type() === 'error' && !/\/favicon\.ico$/.test(m.location().url || '')) errors.push(m.text());
  });
  page.jsErrors = errors;
  return page;
}
// Noon in Vietnam on a YYYY-MM-DD day: the same day whatever the machine's zone.
const noonOf = (day) => new Date(`${day}T12:00:00+07:00`);
const addDays = (day, n) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

// A tiny static server over the built site, 127.0.0.1 only.
let serverPromise = null;
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8',
};
function server() {
  if (!serverPromise) {
    serverPromise = new Promise((resolve, reject) => {
      const s = http.createServer((req, res) => {
        let p;
        try {
          p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
        } catch {
          res.writeHead(400).end();
          return;
        }
        if (p.endsWith('/')) p += 'index.html';
        const f = path.join(site, p);
        if (!f.startsWith(site + path.sep) || !fs.existsSync(f) || !fs.statSync(f).isFile()) {
          res.writeHead(404).end('not found');
          return;
        }
        res.writeHead(200, { 'content-type': TYPES[path.extname(f)] || 'application/octet-stream' });
        fs.createReadStream(f).pipe(res);
      });
      s.on('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    });
  }
  return serverPromise;
}
const httpUrl = async (relPath) => `http://127.0.0.1:${(await server()).address().port}/${relPath}`;

after(async () => {
  if (browserPromise) await (await browserPromise).close();
  if (serverPromise) (await serverPromise).close();
});

// ================================================================ quality
// The Nu validator starts at once and runs beside the browser: one java run for every HTML
// page, and a second, small one for the style sheets and SVG files (vnu reports HTML line
// numbers one line early when --also-check-css is given in the same run).
const VNU_JAR = path.join(here, 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
function runVnu(flags, targets) {
  if (!targets.length) return Promise.resolve({ code: 0, messages: [], checked: 0 });
  const args = ['-jar', VNU_JAR, '--errors-only', '--format', 'json', ...flags, ...targets];
  return new Promise((resolve, reject) => {
    const p = spawn('java', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('error', reject);
    p.on('close', (code) => {
      // vnu writes its JSON report to stderr.
      const text = err.trim() || out.trim();
      try {
        resolve({ code, messages: JSON.parse(text).messages || [], checked: targets.length });
      } catch {
        reject(new Error(`vnu did not answer JSON (exit ${code}):\n${text.slice(0, 2000)}`));
      }
    });
  });
}
const vnuRuns = selected.has('quality')
  ? Promise.all([
      runVnu([], htmlPages),
      runVnu(['--also-check-css', '--also-check-svg', '--skip-non-html'], files.filter((f) => /\.(css|svg)$/.test(f))),
    ])
  : null;
// Keep an early failure of java from becoming an unhandled rejection before the test awaits it.
vnuRuns?.catch(() => {});

test('quality: every page passes the Nu HTML validator', { skip: skip('quality') }, async () => {
  const runs = await vnuRuns;
  const messages = runs.flatMap((r) => r.messages);
  const checked = runs.reduce((n, r) => n + r.checked, 0);
  const problems = messages.filter((m) => m.type !== 'info');
  const lines = problems.map((m) => {
    const where = m.url ? rel(fileURLToPath(m.url)) : '?';
    const line = m.lastLine ?? m.firstLine ?? '?';
    const extract = m.extract ? `  [${m.extract.replace(/\s+/g, ' ').trim()}]` : '';
    return `${where}:${line}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${extract}`;
  });
  assert.equal(lines.length, 0, `vnu found ${lines.length} error(s) in ${checked} files:\n${lines.join('\n')}`);
  for (const r of runs) assert.equal(r.code, 0, `vnu exited ${r.code}`);
  console.log(`# vnu: ${checked} files (${htmlPages.length} HTML pages), no errors`);
});

test('quality: axe-core finds no serious or critical violation, and no page has a script error', { skip: skip('quality') }, async () => {
  const axePath = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');
  const serious = [];
  const scriptErrors = [];
  const lesser = new Map();
  // Two tabs at a time: injecting and running axe is most of the time, and the machine has 2 cores.
  // Every page as it stands after its scripts ran, and the search page with results shown.
  const queue = htmlPages.map((f) => [rel(f), pathToFileURL(f).href]);
  if (fs.existsSync(path.join(site, 'tim-kiem.html'))) {
    queue.push(['tim-kiem.html?q=boi%20duong', `${fileUrl('tim-kiem.html')}?q=boi%20duong`]);
  }
  const pages = queue.length;
  const worker = async () => {
    const page = await newPage();
    for (let item = queue.shift(); item; item = queue.shift()) {
      const [name, url] = item;
      const seen = page.jsErrors.length;
      await page.goto(url, { waitUntil: 'load' });
      for (const e of page.jsErrors.slice(seen)) scriptErrors.push(`${name}: ${e}`);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        // preload: false keeps axe from fetching the style sheets, which file:// refuses.
        // eslint-disable-next-line no-undef
        const r = await axe.run(document, { resultTypes: ['violations'], preload: false });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        }));
      });
      for (const v of violations) {
        if (v.impact === 'serious' || v.impact === 'critical') {
          const more = v.targets.length > 5 ? ` … (${v.targets.length})` : '';
          serious.push(`${name}: ${v.impact} ${v.id} (${v.help}): ${v.targets.slice(0, 5).join(', ')}${more}`);
        } else {
          lesser.set(`${v.impact} ${v.id}`, (lesser.get(`${v.impact} ${v.id}`) || 0) + 1);
        }
      }
    }
    await page.context().close();
  };
  await Promise.all([worker(), worker()]);
  serious.sort();
  for (const [k, n] of lesser) console.log(`# axe (not failing): ${k} on ${n} page(s)`);
  const problems = [...serious.map((v) => `axe: ${v}`), ...scriptErrors.sort().map((e) => `script error: ${e}`)];
  assert.equal(problems.length, 0, `${serious.length} serious/critical axe violation(s), ${scriptErrors.length} script error(s):\n${problems.join('\n')}`);
  console.log(`# axe: ${pages} pages, no serious or critical violation`);
});

// Home, 39-KL/TW's page, the tasks page and a body page, at desktop and phone widths.
const SHOTS = [
  ['home', 'index.html'],
  ['document-39-kl-tw', 'van-ban/39-kl-tw.html'],
  ['tasks', 'nhiem-vu.html'],
  ['body-so-noi-vu', 'co-quan/so-noi-vu.html'],
];
// Once they exist (chain and search helpers), the full chain and search results too.
if (fs.existsSync(path.join(site, 'so-do.html'))) SHOTS.push(['chain', 'so-do.html']);
if (fs.existsSync(path.join(site, 'tim-kiem.html'))) SHOTS.push(['search-boi-duong', 'tim-kiem.html?q=boi%20duong']);
const WIDTHS = [
  ['desktop', { width: 1280, height: 900 }, false],
  ['phone', { width: 390, height: 844 }, true],
];
test('quality: a document prints on A4 as the administrative document, without navigation', { skip: skip('quality') }, async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const page = await newPage();
  await page.goto(fileUrl('van-ban/39-kl-tw.html'), { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const shown = (sel) => page.$eval(sel, (e) => getComputedStyle(e).display !== 'none');
  assert.equal(await shown('header.site'), false, 'no site header in print');
  assert.equal(await shown('footer.site'), false, 'no footer in print');
  assert.equal(await shown('form.search'), false, 'no search box in print');
  assert.equal(await shown('.print-head'), true, 'the number and the place and date line are printed');
  assert.match(await page.textContent('.print-head'), /Số 39-KL\/TW[\s\S]*Hà Nội, ngày 18 tháng 7 năm 2022/);
  assert.equal(await shown('.doc-text'), true, 'the text is printed');
  assert.equal(await page.locator('#h-chain').count(), 1, 'the page has a chain diagram on screen');
  assert.equal(await page.isVisible('#h-chain'), false, 'its heading is not printed without it');
  await page.context().close();
  // Printed to PDF and read back as text, as staff would see the sheets (pdftotext -layout):
  // each document in its family's layout, the title once, the foot side by side.
  const kl = await printed('van-ban/39-kl-tw.html', 'document-39-kl-tw');
  const top = kl.split('\n').slice(0, 6).join('\n');
  assert.match(top, /BAN CHẤP HÀNH TRUNG ƯƠNG\s+ĐẢNG CỘNG SẢN VIỆT NAM/, `the superior body left, the Party's motto right:\n${top}`);
  assert.match(top, /BỘ CHÍNH TRỊ\s*\n\s*\*\s*\n\s*Số 39-KL\/TW/, `the issuer, "*", the number without a colon:\n${top}`);
  assert.match(top, /Hà Nội, ngày 18 tháng 7 năm 2022/);
  assert.doesNotMatch(kl, /CỘNG HÒA XÃ HỘI CHỦ NGHĨA/, 'no State motto on a Party document');
  assert.equal(kl.match(/KẾT LUẬN\s*\n\s*CỦA BỘ CHÍNH TRỊ/g)?.length, 1, 'the title printed once');
  assert.doesNotMatch(kl, /Sơ đồ quan hệ|Chú giải|Nhiệm vụ 3\.1/, 'no diagram heading, legend or task marks in print');
  assert.match(kl, /Nơi nhận:\s+T\/M BỘ CHÍNH TRỊ/, 'recipients left, the signer right, on one line');
  assert.match(kl, /Võ Văn Thưởng/);
  const cv = await printed('van-ban/1002-cv-tu.html', 'document-1002-cv-tu');
  assert.match(cv, /Số 1002-CV\/TU\s*\n\s*V\/v Quản triệ Thực hiện/, `the subject under the number:\n${cv.slice(0, 600)}`);
  assert.match(cv, /Lai Châu, ngày 03 tháng 8 năm 2022/);
  assert.doesNotMatch(cv, /CÔNG VĂN/, 'no heading of its kind');
  const plan = await printed('van-ban/ke-hoach-ubnd-tinh-trien-khai-107-kh-tu.html', 'document-ke-hoach-ubnd');
  assert.match(plan.split('\n').slice(0, 3).join('\n'), /ỦY BAN NHÂN DÂN TỈNH\s+CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\s*\n\s*Độc lập - Tự do - Hạnh phúc/, plan.slice(0, 400));
  assert.doesNotMatch(plan, /Số:|ĐẢNG CỘNG SẢN/, 'no number line where it has none, no Party motto');
  assert.equal(plan.match(/Triển khai thực hiện Kế hoạch số 107-KH\/TU ngày 06/g)?.length, 1, 'the title printed once');
  assert.match(plan, /Nơi nhận:\s+TM\. ỦY BAN NHÂN DÂN\s*\n.*\s{4,}CHỦ TỊCH\s*\n/, 'the signer\'s lines as printed, right of the recipients');
  // A body's tasks print as one table, in one font family and size.
  const body = await newPage();
  await body.goto(fileUrl('co-quan/so-noi-vu.html'), { waitUntil: 'load' });
  await body.emulateMedia({ media: 'print' });
  const tables = await body.$$eval('main *', (es) => es.filter((e) => getComputedStyle(e).display === 'table' && e.getClientRects().length > 0).length);
  assert.equal(tables, 1, 'one table');
  const heads = await body.$$eval('.task-lists thead', (es) => es.filter((e) => e.getClientRects().length > 0).length);
  assert.equal(heads, 1, 'one heading row');
  const fonts = await body.$$eval('.task-lists *', (es) => [...new Set(es.filter((e) => e.getClientRects().length > 0).map((e) => `${getComputedStyle(e).fontFamily} ${getComputedStyle(e).fontSize}`))]);
  assert.equal(fonts.length, 1, `one font and size: ${fonts.join(' | ')}`);
  await body.pdf({ path: path.join(artifacts, 'body-so-noi-vu.pdf'), format: 'A4' });
  await body.context().close();
});

/** The page at `rel` printed on A4 by the browser, as `pdftotext -layout` reads the PDF. */
async function printed(rel, name) {
  const page = await newPage();
  await page.goto(fileUrl(rel), { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(artifacts, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4' });
  await page.context().close();
  assert.ok(fs.statSync(pdf).size > 10000, `${rel}: a PDF was printed`);
  const text = await new Promise((resolve, reject) => {
    const p = spawn('pdftotext', ['-layout', pdf, '-'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`pdftotext exited ${code}`))));
  });
  return text;
}

test('quality: a periodic report prints on A4 in the administrative layout, without navigation, one page wide, its figures those of the statistics page', { skip: skip('quality') }, async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  const reports = fs.existsSync(path.join(site, 'bao-cao')) ? fs.readdirSync(path.join(site, 'bao-cao')).filter((f) => /^\d{4}-q\d\.html$/.test(f)).sort() : [];
  assert.ok(reports.length > 0, 'the site has quarterly reports');
  // The latest quarter: as of the build day, as the statistics page is.
  const latest = `bao-cao/${reports[reports.length - 1]}`;
  const page = await newPage();
  await page.goto(fileUrl(latest), { waitUntil: 'load' });
  const appendix = await page.$$eval('table.appendix tbody tr', (trs) => trs.map((tr) => [
    tr.querySelector('th').textContent.trim(),
    [...tr.querySelectorAll('td')].slice(1, 8).map((td) => td.textContent.trim()),
  ]));
  await page.emulateMedia({ media: 'print' });
  const shown = (sel) => page.$eval(sel, (e) => getComputedStyle(e).display !== 'none');
  assert.equal(await shown('header.site'), false, 'no site header (navigation) in print');
  assert.equal(await page.isVisible('header.site nav'), false, 'no navigation in print');
  assert.equal(await shown('footer.site'), false, 'no footer in print');
  assert.equal(await shown('.report-page > .no-print'), false, 'no links above the report in print');
  assert.equal(await shown('.report-head'), true, 'the header is printed');
  const head = await page.textContent('.report-head');
  assert.match(head, /Số:[\s\S]*CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM[\s\S]*Độc lập - Tự do - Hạnh phúc[\s\S]*[Nn]gày \d\d tháng \d+ năm \d{4}/);
  // Issuer and number on the left, motto and date on the right.
  const [left, right] = await page.$$eval('.report-head > div', (ds) => ds.map((d) => d.getBoundingClientRect().left));
  assert.ok(left < right, 'issuer left of the motto');
  assert.match(await page.textContent('h1'), /BÁO CÁO[\s\S]*Tình hình thực hiện nhiệm vụ[\s\S]*quý [IV]+ năm \d{4}/);
  // One page wide: at the printable width of A4 (210 mm less 30 + 15 mm margins), nothing wider.
  await page.setViewportSize({ width: Math.floor((165 / 25.4) * 96), height: 1000 });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= Math.floor((165 / 25.4) * 96) + 1, `the report is ${wide}px wide in print`);
  const pdf = path.join(artifacts, 'report.pdf');
  await page.pdf({ path: pdf, format: 'A4' });
  const bytes = fs.readFileSync(pdf, 'latin1');
  const boxes = [...bytes.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  assert.ok(boxes.length > 0, 'the PDF has pages');
  for (const [w, h] of boxes) assert.ok(Math.abs(w - 595.3) < 2 && Math.abs(h - 841.9) < 2, `an A4 page: ${w} x ${h}`);
  await page.context().close();
  // The appendix's counts are the statistics page's, party by party.
  const stats = await newPage();
  await stats.goto(fileUrl('thong-ke.html'), { waitUntil: 'load' });
  const rows = Object.fromEntries(await stats.$$eval('table.stats tr[data-timeline]', (trs) => trs.map((tr) => [
    tr.querySelector('th').textContent.trim(),
    [...tr.querySelectorAll('td')].slice(0, 7).map((td) => td.textContent.trim()),
  ])));
  assert.ok(appendix.length > 0, 'the report has an appendix');
  for (const [name, cells] of appendix) assert.deepEqual(cells, rows[name], `${name}: the report's counts are the statistics page's`);
  await stats.context().close();
});

test('quality: each count of the statistics page links to the task list filtered to its body and status', { skip: skip('quality') }, async () => {
  const page = await newPage();
  await page.goto(fileUrl('thong-ke.html'), { waitUntil: 'load' });
  const cells = await page.$$eval('table.stats tr[data-body]', (trs) => trs.flatMap((tr) => {
    const heads = tr.closest('table').querySelectorAll('thead th');
    return [...tr.cells].map((td, i) => ({
      body: tr.getAttribute('data-body'), key: heads[i].getAttribute('data-stat'), td: td.tagName,
      href: td.querySelector('a') && td.querySelector('a').getAttribute('href'), n: td.textContent.trim(),
    })).filter((c) => c.td === 'TD');
  }));
  assert.ok(cells.length > 100, `${cells.length} cells`);
  for (const c of cells) {
    const want = c.key === 'total' || c.key === 'rate' ? null : `nhiem-vu.html?body=${c.body}&status=${c.key}`;
    assert.equal(c.href, want, `${c.body} ${c.key}`);
  }
  const some = cells.find((c) => c.href && c.n !== '0');
  await page.click(`table.stats tr[data-body="${some.body}"] a[href="${some.href}"]`, { force: true });
  await page.waitForURL(/nhiem-vu\.html\?/);
  assert.equal(await page.inputValue('#f-body'), some.body, 'the list is filtered to the body');
  assert.equal(await page.inputValue('#f-status'), some.key, 'and to the status');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('quality: the statistics table is a tree: the top bodies first, each opening onto the bodies under it; sorted, every row', { skip: skip('quality') }, async () => {
  const page = await newPage();
  await page.goto(fileUrl('thong-ke.html'), { waitUntil: 'load' });
  const state = () => page.$$eval('table.stats tbody:first-of-type tr[data-timeline]', (trs) => trs.map((tr) => ({
    depth: Number(tr.getAttribute('data-depth') || 0),
    shown: getComputedStyle(tr).display !== 'none',
    toggle: !!tr.querySelector('button.tree-toggle'),
  })));
  const before = await state();
  assert.ok(before.some((r) => r.depth > 0), 'the shipped registry has bodies under bodies');
  assert.deepEqual(before.map((r) => r.shown), before.map((r) => r.depth === 0), 'at first only the top bodies show');
  // Open the first body that has bodies under it: exactly its direct children appear.
  const i = before.findIndex((r) => r.toggle);
  const children = [];
  for (let j = i + 1; j < before.length && before[j].depth > before[i].depth; j++) if (before[j].depth === before[i].depth + 1) children.push(j);
  assert.ok(children.length > 0);
  const toggle = page.locator('table.stats button.tree-toggle').first();
  assert.match(await toggle.getAttribute('aria-label'), /^Hiện các cơ quan trực thuộc: /);
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const opened = await state();
  opened.forEach((r, j) => assert.equal(r.shown, before[j].shown || children.includes(j), `row ${j} after opening row ${i}`));
  await toggle.click();
  assert.deepEqual((await state()).map((r) => r.shown), before.map((r) => r.shown), 'closed again');
  await page.getByRole('button', { name: 'Mở rộng tất cả' }).click();
  assert.ok((await state()).every((r) => r.shown), 'expand all shows every row');
  await page.getByRole('button', { name: 'Thu gọn tất cả' }).click();
  assert.deepEqual((await state()).map((r) => r.shown), before.map((r) => r.shown), 'collapse all');
  // Sorted by a count: every row, no buttons.
  await page.locator('table.stats thead th[data-sort="number"] button').first().click();
  const sorted = await state();
  assert.ok(sorted.every((r) => r.shown), 'sorted, every row shows');
  assert.equal(await page.locator('table.stats button.tree-toggle').first().isVisible(), false, 'no tree buttons while sorted');
  // Printed, every row.
  await page.reload({ waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  assert.ok((await state()).every((r) => r.shown), 'printed, every row shows');
  assert.deepEqual(page.jsErrors, []);
  await page.context().close();
});

test('quality: screenshots at desktop and phone widths', { skip: skip('quality') }, async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  for (const [label, viewport, isMobile] of WIDTHS) {
    const page = await newPage({ viewport, isMobile });
    for (const [name, p] of SHOTS) {
      const [file, query] = p.split('?');
      assert.ok(fs.existsSync(path.join(site, file)), `${file} is missing from the site`);
      await page.goto(fileUrl(file) + (query ? `?${query}` : ''), { waitUntil: 'load' });
      const out = path.join(artifacts, `${name}-${label}.png`);
      await page.screenshot({ path: out, fullPage: true });
      assert.ok(fs.statSync(out).size > 1000, `${out} is empty`);
    }
    await page.context().close();
  }
  console.log(`# screenshots: ${SHOTS.length * WIDTHS.length} in ${artifacts}`);
});

// ---------------------------------------------------------------- phones (390 px)
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true };

// The kinds of page of a built site, found from its folders: each page at the root is a kind
// of its own; in a folder, its index pages (index.html, index_2.html, …), its numbered pages
// (the next pages of another: co-quan/x.trang-2.html, nhiem-vu/qua-han-2.html) and its other
// pages are three kinds. Of each kind, the largest page, and with `first` the first by name.
function pageKinds(root, first) {
  const kinds = new Map();
  const html = walk(root).filter((f) => f.endsWith('.html'));
  const names = new Set(html);
  const numbered = (f) => {
    const prev = f.replace(/(\.trang)?-\d+\.html$/, '.html');
    return prev !== f && names.has(prev);
  };
  for (const f of html) {
    const r = path.relative(root, f).split(path.sep).join('/');
    const dir = path.posix.dirname(r);
    const base = path.posix.basename(r);
    const kind = dir === '.' ? base
      : /^index(_\d+)?\.html$/.test(base) ? `${dir}/index`
      : numbered(f) ? `${dir}/numbered`
      : `${dir}/*`;
    if (!kinds.has(kind)) kinds.set(kind, []);
    kinds.get(kind).push([r, fs.statSync(f).size]);
  }
  const picked = [];
  for (const [kind, pages] of kinds) {
    const largest = pages.reduce((a, b) => (b[1] > a[1] ? b : a));
    for (const r of new Set([largest[0], ...(first ? [pages[0][0]] : [])])) {
      picked.push([kind, r === 'tim-kiem.html' ? 'tim-kiem.html?q=boi%20duong' : r]);
    }
  }
  return picked;
}

test('quality: at 390 px no page of any kind scrolls sideways (the shipped site and the 5,000-document site, "my body" chosen, every disclosure open)', { skip: skip('quality') }, async () => {
  // The shipped site's largest and first page of each kind, the big site's largest.
  const sites = [['shipped', site, true], ...(bigSite ? [['5,000 documents', bigSite, false]] : [])];
  const wide = [];
  let checked = 0;
  for (const [label, root, first] of sites) {
    const page = await newPage(PHONE);
    // "My body" chosen from the bodies index, the one of the longest name: the header's line.
    await page.goto(pathToFileURL(path.join(root, 'co-quan/index.html')).href, { waitUntil: 'load' });
    await page.waitForSelector('form[data-my-body-form]:not([hidden])', { timeout: 5000 });
    const longest = await page.$$eval('#my-body option', (os) => os.map((o) => [o.value, o.textContent]).filter(([v]) => v)
      .reduce((a, b) => (b[1].length > a[1].length ? b : a))[0]);
    await page.selectOption('#my-body', longest);
    await page.waitForSelector('[data-my-body]:not([hidden])', { timeout: 5000 });
    for (const [kind, p] of pageKinds(root, first)) {
      const [file, query] = p.split('?');
      await page.goto(pathToFileURL(path.join(root, file)).href + (query ? `?${query}` : ''), { waitUntil: 'load' });
      const w = await page.evaluate(() => {
        for (const d of document.querySelectorAll('details')) d.open = true;
        return document.documentElement.scrollWidth;
      });
      checked++;
      if (w > PHONE.viewport.width) wide.push(`${label}: ${p} (${kind}) is ${w}px wide`);
    }
    await page.context().close();
  }
  assert.deepEqual(wide, [], `pages wider than ${PHONE.viewport.width}px:\n${wide.join('\n')}`);
  console.log(`# phone: ${checked} pages of every kind fit 390 px`);
});

test('quality: at 390 px task, document and report tables are cards, each cell under its column\'s name; at 1280 px tables', { skip: skip('quality') }, async () => {
  const labels = (page, sel) => page.$eval(sel, (tr) => [...tr.children].map((td) => getComputedStyle(td, '::before').content));
  const page = await newPage(PHONE);
  await page.goto(fileUrl('nhiem-vu.html'), { waitUntil: 'load' });
  const row = 'table.tasks tr[data-task]:not([hidden])';
  assert.equal(await page.isVisible('table.tasks thead'), false, 'no header row on a card');
  assert.deepEqual(await labels(page, row), ['"Nhiệm vụ"', '"Chủ trì / Phối hợp"', '"Thời hạn"', '"Tình trạng"']);
  // As a screen reader gets it: each cell's name before its content.
  const read = await page.locator(row).first().ariaSnapshot();
  assert.match(read, /Chủ trì \/ Phối hợp[\s\S]*Thời hạn[\s\S]*Tình trạng/, read);
  const card = await page.$eval(row, (tr) => ({ shown: getComputedStyle(tr).display, cell: getComputedStyle(tr.children[2]).display }));
  assert.deepEqual(card, { shown: 'block', cell: 'block' }, 'a row is a card of blocks');
  await page.goto(fileUrl('van-ban/index.html'), { waitUntil: 'load' });
  assert.deepEqual(await labels(page, 'table.documents tbody tr'), ['"Ngày ban hành"', '"Số ký hiệu"', '"Loại văn bản"', '"Cơ quan ban hành"', '"Nhiệm vụ"']);
  const report = fs.readdirSync(path.join(site, 'bao-cao')).sort()
    .find((f) => fs.readFileSync(path.join(site, 'bao-cao', f), 'utf8').includes('<table class="report-tasks'));
  assert.ok(report, 'a report lists tasks');
  await page.goto(fileUrl(`bao-cao/${report}`), { waitUntil: 'load' });
  const cells = await labels(page, 'table.report-tasks tbody tr');
  assert.deepEqual(cells.slice(0, 4), ['"STT"', '"Nhiệm vụ"', '"Chủ trì"', '"Thời hạn"']);
  await page.context().close();
  // On a wide screen, a table with its header and no labels in the cells.
  const desk = await newPage();
  await desk.goto(fileUrl('nhiem-vu.html'), { waitUntil: 'load' });
  assert.equal(await desk.isVisible('table.tasks thead'), true);
  assert.deepEqual(await labels(desk, row), ['none', 'none', 'none', 'none']);
  await desk.context().close();
});

test('quality: at 390 px the chain diagram scrolls in its own region and says so, the page does not; at 1280 px a chain that fits says nothing', { skip: skip('quality') }, async () => {
  const state = (page) => page.evaluate(() => {
    const region = document.querySelector('.chain-figure');
    const hint = document.querySelector('.scroll-hint');
    region.scrollLeft = 100;
    return { page: document.documentElement.scrollWidth, wide: region.scrollWidth, shown: region.clientWidth,
      left: region.scrollLeft, hint: getComputedStyle(hint).display !== 'none' ? hint.textContent : null };
  });
  const page = await newPage(PHONE);
  await page.goto(fileUrl('so-do.html'), { waitUntil: 'load' });
  const phone = await state(page);
  assert.ok(phone.wide > phone.shown, `the diagram (${phone.wide}px) is wider than its region (${phone.shown}px)`);
  assert.ok(phone.left > 0, 'the region scrolls');
  assert.ok(phone.page <= 390, `the page is ${phone.page}px wide`);
  assert.equal(phone.hint, 'Kéo ngang để xem toàn bộ sơ đồ');
  await page.context().close();
  const desk = await newPage();
  await desk.goto(fileUrl('so-do.html'), { waitUntil: 'load' });
  const wide = await state(desk);
  assert.ok(wide.wide <= wide.shown, 'the shipped chain fits 1280 px');
  assert.equal(wide.hint, null, 'no hint where the diagram fits');
  await desk.context().close();
});

test("quality: a chain diagram's box shows its document's title as its tooltip anywhere over it, and its link is named by the title and what the box shows", { skip: skip('quality') }, async () => {
  const page = await newPage();
  await page.goto(fileUrl('van-ban/71-bs-vptu.html'), { waitUntil: 'load' });
  const box = page.locator('svg.chain a[href="../van-ban/39-kl-tw.html"]');
  await box.scrollIntoViewIfNeeded();
  // Over its name, date and chips the pointer reaches the box's rectangle, which holds the
  // tooltip (the texts let it through).
  const seen = await box.evaluate((a) => ({
    hits: [...a.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
      return hit && hit.matches('rect.box') && hit.closest('a') === a ? hit.querySelector('title').textContent : null;
    }),
    texts: [...a.querySelectorAll('text')].map((t) => t.textContent),
  }));
  const title = 'Kết luận của Bộ Chính trị về chủ trương bồi dưỡng cán bộ lãnh đạo, quản lý ở nước ngoài bằng ngân sách nhà nước';
  assert.ok(seen.texts.length >= 3, `the name, date and chips: ${seen.texts}`);
  assert.deepEqual(seen.hits, seen.texts.map(() => title), 'the tooltip over every text of the box');
  const name = /^- link "(.*)"/.exec(await box.ariaSnapshot())[1];
  assert.equal(name, [title, ...seen.texts].join(' '), 'the link is named by the title, number, date and counts');
  assert.ok(seen.texts.slice(0, 2).join(' ') === 'Kết luận 39-KL/TW 18/7/2022', seen.texts.join(' | '));
  await page.context().close();
});

test("quality: a long document's page leads to its text from near its top, by keyboard", { skip: skip('quality') }, async () => {
  const page = await newPage(PHONE);
  await page.goto(fileUrl('van-ban/39-kl-tw.html'), { waitUntil: 'load' });
  const link = page.getByRole('link', { name: 'Đến nội dung văn bản' });
  const before = await page.evaluate(() => ({
    text: document.getElementById('h-text').getBoundingClientRect().top,
    link: document.querySelector('a[href="#h-text"]').getBoundingClientRect().bottom,
  }));
  assert.ok(before.link < 844, `the link is in the first screen (${before.link}px)`);
  assert.ok(before.text > 3 * 844, `the text starts far down (${before.text}px)`);
  await link.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => Math.abs(document.getElementById('h-text').getBoundingClientRect().top) < 50);
  assert.equal(await page.evaluate(() => location.hash), '#h-text');
  await page.context().close();
});

// ================================================================ search
const BOI_DUONG_PAGE = 'van-ban/tin-bai-2024-01-08-boi-duong-can-bo-o-nuoc-ngoai.html';

async function searchResults(page) {
  await page.waitForSelector('#search-results li.result', { timeout: 10000 });
  return page.$$eval('#search-results li.result', (lis) =>
    lis.map((li) => ({
      hrefs: [...li.querySelectorAll('a[href]')].map((a) => a.href),
      text: li.textContent,
      marks: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
}
function assertFindsBoiDuong(results) {
  const hit = results.find((r) => r.hrefs.some((h) => h.endsWith(BOI_DUONG_PAGE)));
  assert.ok(hit, `no result links to ${BOI_DUONG_PAGE}; results:\n${results.map((r) => r.text.trim().replace(/\s+/g, ' ')).join('\n')}`);
  assert.match(hit.text, /bồi dưỡng/i, 'the result shows the title with "bồi dưỡng"');
  assert.ok(hit.marks.length > 0, 'the result marks the match with <mark>');
  assert.ok(
    hit.marks.some((m) => /bồi|dưỡng/i.test(m)),
    `the marks (${hit.marks.join(' | ')}) cover the accented words`,
  );
}

test('search: tim-kiem.html?q=boi%20duong from file:// finds "bồi dưỡng"', { skip: skip('search') }, async () => {
  const page = await newPage();
  await page.goto(`${fileUrl('tim-kiem.html')}?q=boi%20duong`, { waitUntil: 'load' });
  assertFindsBoiDuong(await searchResults(page));
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
});

test('search: over HTTP too, and an accent-free number finds its document ("39 kl tw")', { skip: skip('search') }, async () => {
  const page = await newPage();
  await page.goto(`${await httpUrl('tim-kiem.html')}?q=boi%20duong`, { waitUntil: 'load' });
  assertFindsBoiDuong(await searchResults(page));
  await page.goto(`${await httpUrl('tim-kiem.html')}?q=39%20kl%20tw`, { waitUntil: 'load' });
  await page.waitForSelector('#search-results li.result', { timeout: 5000 });
  const first = await page.$eval('#search-results li.result a', (a) => a.getAttribute('href'));
  assert.match(first, /van-ban\/39-kl-tw\.html$/, `the first result for "39 kl tw" is 39-KL/TW, not ${first}`);
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
});

test('search: ranks as staff expect: words in order above words apart, titles above task texts, never on a file name', { skip: skip('search') }, async () => {
  const page = await newPage();
  const results = async (q) => {
    await page.goto(`${fileUrl('tim-kiem.html')}?q=${encodeURIComponent(q)}`, { waitUntil: 'load' });
    const rs = await searchResults(page);
    return rs.map((r) => ({ href: r.hrefs[0] || '', text: r.text.replace(/\s+/g, ' ').trim() }));
  };
  const isDoc = (r) => /van-ban\/[^#]+\.html$/.test(r.href);
  const isTask = (r) => /#task-/.test(r.href);
  // "boi duong": the documents with "bồi dưỡng" in their title first, then the tasks.
  const boi = await results('boi duong');
  console.log(`# "boi duong": ${boi.map((r) => r.href.replace(/^.*\//, '')).join(', ')}`);
  assert.ok(isDoc(boi[0]) && /bồi dưỡng/i.test(boi[0].text), `first: ${boi[0].text}`);
  const lastTitled = boi.map((r) => isDoc(r) && /bồi dưỡng/i.test(r.text)).lastIndexOf(true);
  const firstTask = boi.findIndex(isTask);
  assert.ok(firstTask < 0 || lastTitled < firstTask, 'titles above task texts');
  assert.ok(boi.findIndex((r) => r.href.endsWith('39-kl-tw.html')) < 3, '39-KL/TW among the first three');
  // "so noi vu": the body first, and every result with "Sở Nội vụ" before any with the words apart.
  const snv = await results('so noi vu');
  console.log(`# "so noi vu": ${snv.map((r) => r.href.replace(/^.*\//, '')).join(', ')}`);
  assert.match(snv[0].href, /co-quan\/so-noi-vu\.html$/, `first: ${snv[0].href}`);
  const together = snv.map((r) => /sở nội vụ/i.test(r.text));
  assert.ok(together.lastIndexOf(true) < together.indexOf(false) || together.indexOf(false) < 0, `"Sở Nội vụ" together first: ${together}`);
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
});

test('search: the header box on the home page leads to the results', { skip: skip('search') }, async () => {
  const page = await newPage();
  await page.goto(fileUrl('index.html'), { waitUntil: 'load' });
  const label = await page.$('label[for="q"]');
  assert.ok(label, 'the search box has a <label for="q">');
  await page.fill('#q', 'boi duong');
  await Promise.all([page.waitForURL(/tim-kiem\.html\?/), page.press('#q', 'Enter')]);
  assert.match(page.url(), /[?&]q=boi(\+|%20)duong/);
  assertFindsBoiDuong(await searchResults(page));
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
});

// Each task among the results shows its status: the status of the reader's day (the browser's
// date, or ?today=) in the words of the task tables, from the record's status over time
// (search::status_steps). On the status site (built 2014-10-01) 157-TB/TW#4 is due in quý
// IV-2014: in progress on 1/10/2014, due soon from 1/12/2014, overdue from 1/1/2015.
test('search: a task among the results shows its status on the reader\'s day', { skip: skip('search') }, async () => {
  const statusOf = async (day, query = '') => {
    const page = await newPage();
    await page.clock.setFixedTime(noonOf(day));
    await page.goto(`${fileUrl('tim-kiem.html', statusSite)}?q=157%20tb%20tw${query}`, { waitUntil: 'load' });
    await page.waitForSelector('#search-results li.result', { timeout: 10000 });
    const seen = await page.$$eval('#search-results li.result', (lis) => lis.map((li) => ({
      href: li.querySelector('a').getAttribute('href'),
      status: li.querySelector('.result-meta .status') && li.querySelector('.result-meta .status').getAttribute('data-status'),
      words: li.querySelector('.result-meta .status') && li.querySelector('.result-meta .status').textContent,
    })));
    assert.deepEqual(page.jsErrors, [], 'no script errors');
    await page.context().close();
    const task = seen.find((r) => /#task-4$/.test(r.href) && /157-tb-tw/.test(r.href));
    assert.ok(task, `157-TB/TW#4 among the results: ${JSON.stringify(seen)}`);
    assert.ok(seen.filter((r) => !/#task-/.test(r.href)).every((r) => r.status === null), 'documents and bodies show no status');
    assert.ok(seen.filter((r) => /#task-/.test(r.href)).every((r) => r.status), 'every task shows one');
    return [task.status, task.words];
  };
  assert.deepEqual(await statusOf('2014-10-01'), ['in_progress', 'Đang thực hiện']);
  assert.deepEqual(await statusOf('2014-12-15'), ['due_soon', 'Sắp đến hạn']);
  assert.deepEqual(await statusOf('2015-02-01'), ['overdue', 'Quá hạn']);
  assert.deepEqual(await statusOf('2014-10-01', '&today=2015-02-01'), ['overdue', 'Quá hạn'], '?today= as on every page');
});

// The header's search box shows its whole placeholder, on a desktop and on a phone: the
// placeholder's width in the box's font is at most the box's inner width.
test('search: the search box\'s placeholder fits its box at 1280 and 390 px', { skip: skip('search') }, async () => {
  for (const [label, viewport, isMobile] of WIDTHS) {
    const page = await newPage({ viewport, isMobile });
    await page.goto(fileUrl('index.html'), { waitUntil: 'load' });
    const fit = await page.$eval('#q', (input) => {
      const st = getComputedStyle(input);
      const ctx = document.createElement('canvas').getContext('2d');
      ctx.font = `${st.fontStyle} ${st.fontWeight} ${st.fontSize} ${st.fontFamily}`;
      const inner = input.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight);
      input.value = input.placeholder;
      const scrolls = input.scrollWidth > input.clientWidth;
      input.value = '';
      return { text: input.placeholder, width: Math.ceil(ctx.measureText(input.placeholder).width), inner: Math.floor(inner), scrolls };
    });
    console.log(`# placeholder at ${label}: "${fit.text}" ${fit.width} px in ${fit.inner} px`);
    assert.ok(fit.width <= fit.inner && !fit.scrolls, `the placeholder fits at ${label}: ${JSON.stringify(fit)}`);
    await page.context().close();
  }
});

// ================================================================ filters
const visibleRows = (page) => page.$$eval('tr[data-task]', (rows) => rows.filter((r) => !r.hidden).length);

async function checkFilter(url) {
  const page = await newPage();
  await page.goto(url, { waitUntil: 'load' });
  assert.ok(await page.$('form.filters'), 'the tasks page has a <form class="filters">');
  assert.ok(await page.$('#f-body'), 'the filters have a #f-body select');
  await page.waitForSelector('form.filters:not([hidden])', { timeout: 5000 });
  const total = await visibleRows(page);
  assert.ok(total > 1, `the tasks page has ${total} task rows`);
  const values = await page.$$eval('#f-body option', (os) => os.map((o) => o.value).filter(Boolean));
  assert.ok(values.length > 0, '#f-body offers bodies');
  // The first body that narrows the list without emptying it.
  let chosen = null;
  let count = 0;
  for (const v of values) {
    await page.selectOption('#f-body', v);
    count = await visibleRows(page);
    if (count > 0 && count < total) {
      chosen = v;
      break;
    }
  }
  assert.ok(chosen, `no body in #f-body narrows the ${total} rows`);
  await page.waitForFunction((v) => new URLSearchParams(location.search).get('body') === v, chosen, { timeout: 5000 });
  assert.match(page.url(), new RegExp(`[?&]body=${chosen}(&|$)`));
  // Every row still shown names the body (by the key its option holds).
  const key = await page.$eval(`#f-body option[value="${chosen}"]`, (o) => o.dataset.key);
  assert.ok(key, `the option for ${chosen} holds its key`);
  const wrong = await page.$$eval(
    'tr[data-task]',
    (rows, k) => rows.filter((r) => !r.hidden && !(r.dataset.bodies || '').split(/\s+/).includes(k)).map((r) => r.dataset.task),
    key,
  );
  assert.deepEqual(wrong, [], `rows shown for ${chosen} without it in data-bodies`);
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('form.filters:not([hidden])', { timeout: 10000 });
  assert.equal(await page.inputValue('#f-body'), chosen, 'the select keeps its value after reload');
  assert.equal(await visibleRows(page), count, 'the same rows after reload');
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
}

test('filters: a body filter narrows nhiem-vu.html and survives reload (file://)', { skip: skip('filters') }, async () => {
  await checkFilter(fileUrl('nhiem-vu.html'));
});

test('filters: a body filter narrows nhiem-vu.html and survives reload (HTTP)', { skip: skip('filters') }, async () => {
  await checkFilter(await httpUrl('nhiem-vu.html'));
});

// ================================================================ a body's page, "my body", the bodies index
// Ban Tổ chức Trung ương: six tasks on the build's day (2024-03-01), one of them overdue (157-TB/TW#4),
// several carrying out the same task of 39-KL/TW.
const BODY = 'co-quan/ban-to-chuc-trung-uong.html';
const shownRows = (page) => page.$$eval('tr[data-task]', (rows) => rows.filter((r) => !r.hidden).map((r) => r.dataset.status));

test("filters: a body's status counts are links that filter its list, by mouse and by keyboard, the chosen one marked", { skip: skip('filters') }, async () => {
  const page = await newPage();
  await page.clock.setFixedTime(noonOf('2024-03-01'));
  await page.goto(fileUrl(BODY), { waitUntil: 'load' });
  await page.waitForSelector('ul.counts a[data-filter-status="overdue"]', { timeout: 5000 });
  const all = (await shownRows(page)).length;
  assert.ok(all > 1, `${all} rows`);
  // On a short list the filters are folded away behind "Lọc danh sách", closed.
  assert.equal(await page.$eval('details.filter-fold', (d) => !d.hidden && !d.open), true, 'filters folded, closed');
  await page.click('ul.counts a[data-filter-status="overdue"]');
  assert.deepEqual([...new Set(await shownRows(page))], ['overdue'], 'only the overdue rows');
  assert.equal(await page.getAttribute('ul.counts a[data-filter-status="overdue"]', 'aria-current'), 'true');
  assert.match(page.url(), /[?&]status=overdue/);
  // Reloaded, the filter and its mark stay.
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('ul.counts a[aria-current="true"]', { timeout: 5000 });
  assert.deepEqual([...new Set(await shownRows(page))], ['overdue'], 'the same after reload');
  // The same count again (keyboard: focus and Enter) shows every row.
  await page.focus('ul.counts a[data-filter-status="overdue"]');
  await page.keyboard.press('Enter');
  assert.equal((await shownRows(page)).length, all, 'every row again');
  assert.equal(await page.$('ul.counts a[aria-current]'), null, 'no count marked');
  // Tab reaches the counts, then Enter on "no deadline" filters to it.
  await page.focus('ul.counts a[data-filter-status="no_deadline"]');
  await page.keyboard.press('Enter');
  assert.deepEqual([...new Set(await shownRows(page))], ['no_deadline']);
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  // Sở Nội vụ: rows carrying out 39-KL/TW#3.1 under one heading row naming it, which shows
  // while one of them does and hides with them.
  await page.goto(fileUrl('co-quan/so-noi-vu.html'), { waitUntil: 'load' });
  await page.waitForSelector('ul.counts a[data-filter-status]', { timeout: 5000 });
  const visibleHeads = () => page.$$eval('tr[data-parent]', (hs) => hs.filter((h) => !h.hidden).map((h) => h.dataset.parent));
  assert.ok((await visibleHeads()).includes('39-KL/TW#3.1'), 'the heading row of 39-KL/TW#3.1 shows');
  const under = await page.$$eval('tr[data-parent="39-KL/TW#3.1"]', (hs) => hs.map((h) => {
    let n = 0;
    for (let r = h.nextElementSibling; r && r.dataset.under === '39-KL/TW#3.1'; r = r.nextElementSibling) n += 1;
    return n;
  }));
  assert.ok(under.every((n) => n >= 2), `rows under each heading: ${under}`);
  await page.click('ul.counts a[data-filter-status="overdue"]');
  assert.deepEqual(await visibleHeads(), [], 'the headings hide with their rows');
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
});

test("filters: a body's lead names keep to one line at 1280 px", { skip: skip('filters') }, async () => {
  const page = await newPage();
  for (const file of ['co-quan/so-noi-vu.html', BODY, 'nhiem-vu.html']) {
    await page.goto(fileUrl(file), { waitUntil: 'load' });
    const wrapped = await page.$$eval('table.tasks td:nth-child(2) > a:first-child', (as) =>
      as.filter((a) => a.offsetParent && a.getClientRects().length > 1 && a.textContent.length <= 30).map((a) => a.textContent));
    assert.deepEqual(wrapped, [], `names broken over two lines in ${file}`);
  }
  await page.context().close();
});

async function checkMyBody(urlOf) {
  const url = await urlOf('van-ban/index.html');
  const bodyUrl = await urlOf(BODY);
  const page = await newPage();
  await page.clock.setFixedTime(noonOf('2024-03-01'));
  await page.goto(bodyUrl, { waitUntil: 'load' });
  assert.equal(await page.$eval('[data-my-body]', (p) => p.hidden), true, 'no body chosen: no header line');
  await page.waitForSelector('[data-my-body-pick]:not([hidden]) button[data-set]', { timeout: 5000 });
  // Keyboard: the button, then Enter.
  await page.focus('[data-my-body-pick] button[data-set]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-my-body] [data-my-count="overdue"]', { timeout: 5000 });
  // Another page, after a reload: the header names it, links to it, with its counts.
  await page.goto(url, { waitUntil: 'load' });
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-my-body] [data-my-count="overdue"]', { timeout: 5000 });
  const head = await page.$eval('[data-my-body]', (p) => ({
    text: p.textContent, href: p.querySelector('a.my-body-name').href,
    overdue: p.querySelector('[data-my-count="overdue"] strong').textContent,
    soon: p.querySelector('[data-my-count="due_soon"] strong').textContent,
  }));
  assert.match(head.text, /Cơ quan của tôi: Ban Tổ chức Trung ương/);
  assert.ok(head.href.endsWith(BODY), head.href);
  assert.deepEqual([head.overdue, head.soon], ['1', '0'], 'its counts on 2024-03-01');
  // The home page leads with them.
  const home = await urlOf('index.html');
  await page.goto(home, { waitUntil: 'load' });
  await page.waitForSelector('[data-my-body-home]:not([hidden]) [data-my-count="overdue"]', { timeout: 5000 });
  const first = await page.$eval('main', (m) => m.querySelector('section').hasAttribute('data-my-body-home'));
  assert.ok(first, 'the home page leads with my body');
  // On a day before its deadline (2014-12-31) the task is due soon: counted again for ?today=.
  await page.goto(home + '?today=2014-12-15', { waitUntil: 'load' });
  await page.waitForSelector('[data-my-body] [data-my-count="due_soon"]', { timeout: 5000 });
  await page.waitForFunction(() => document.querySelector('[data-my-body] [data-my-count="due_soon"] strong').textContent === '1');
  // Forgotten on the body's page: the header line goes.
  await page.goto(bodyUrl, { waitUntil: 'load' });
  await page.waitForSelector('[data-my-body-pick] button[data-unset]:not([hidden])', { timeout: 5000 });
  await page.click('[data-my-body-pick] button[data-unset]');
  assert.equal(await page.$eval('[data-my-body]', (p) => p.hidden), true, 'forgotten');
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('[data-my-body-pick]:not([hidden])', { timeout: 5000 });
  assert.equal(await page.$eval('[data-my-body]', (p) => p.hidden), true, 'still forgotten after reload');
  // Chosen from the bodies index's list instead.
  await page.goto(await urlOf('co-quan/index.html'), { waitUntil: 'load' });
  await page.waitForSelector('form[data-my-body-form]:not([hidden])', { timeout: 5000 });
  await page.selectOption('#my-body', 'co-quan/so-noi-vu');
  await page.waitForSelector('[data-my-body] [data-my-count]', { timeout: 5000 });
  assert.match(await page.$eval('[data-my-body]', (p) => p.textContent), /Sở Nội vụ/);
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
}

test('filters: "my body" chosen on its page survives a reload (file://), heads the header and the home page', { skip: skip('filters') }, async () => {
  await checkMyBody(async (rel) => fileUrl(rel));
});

test('filters: "my body" over HTTP too', { skip: skip('filters') }, async () => {
  await checkMyBody(httpUrl);
});

// 39-KL/TW's targets (2022-2030; results of 2023 for three of its four targets), on the shipped site built 2024-03-01:
// on the reader's day the years after its year stand under "Các năm tới", and a year over
// without a result says "chưa báo cáo" (src/render/pages/targets.rs, static/tasks.js).
test('status: a document\'s targets table judges its years on the reader\'s day', { skip: skip('status') }, async () => {
  const seen = async (day, query = '') => {
    const page = await newPage();
    await page.clock.setFixedTime(noonOf(day));
    await page.goto(fileUrl('van-ban/39-kl-tw.html') + query, { waitUntil: 'load' });
    const t = await page.$eval('table[data-targets]', (table) => {
      const years = (sel) => [...table.querySelectorAll(`${sel} tr[data-year]`)].map((r) => Number(r.dataset.year));
      const unreported = [...table.querySelectorAll('tr[data-year]')]
        .filter((r) => [...r.querySelectorAll('[data-unreported]')].some((s) => !s.hidden))
        .map((r) => Number(r.dataset.year));
      return { past: years('[data-years-past]'), future: years('[data-years-future]'), futureShown: !table.querySelector('[data-years-future]').hidden, unreported };
    });
    assert.deepEqual(page.jsErrors, [], 'no script errors');
    await page.context().close();
    return t;
  };
  const built = await seen('2024-03-01');
  assert.deepEqual(built.past, [2022, 2023, 2024], 'on the build day: 2024 and before');
  assert.deepEqual(built.future.slice(0, 2), [2025, 2026]);
  assert.ok(built.futureShown);
  assert.deepEqual(built.unreported, [2022, 2023], '2023 lacks the result of one target; 2024 is not over');
  const later = await seen('2025-02-01');
  assert.deepEqual(later.past, [2022, 2023, 2024, 2025], 'a year later');
  assert.deepEqual(later.unreported, [2022, 2023, 2024], '2024 is over without a result');
  assert.deepEqual(await seen('2024-03-01', '?today=2031-01-01'), { past: [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030], future: [], futureShown: false, unreported: [2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030] }, '?today= as the statuses');
});

test('status: the bodies index counts each body\'s overdue and due-soon tasks again for ?today=', { skip: skip('status') }, async () => {
  const page = await newPage();
  await page.clock.setFixedTime(noonOf('2024-03-01'));
  const counts = async (query) => {
    await page.goto(fileUrl('co-quan/index.html') + query, { waitUntil: 'load' });
    await page.waitForFunction(() => !document.querySelector('[data-my-body-form]').hidden);
    return page.$$eval('li', (lis) => Object.fromEntries(lis.filter((li) => li.querySelector(':scope > .urgent')).map((li) => [
      li.querySelector(':scope > a').textContent,
      [...li.querySelectorAll(':scope > .urgent a')].filter((a) => !a.hidden).map((a) => a.textContent.trim()).join(', '),
    ])));
  };
  const now = await counts('');
  assert.equal(now['Ban Tổ chức Trung ương'], '1 quá hạn');
  // Written by tasks.js: a link to the body's page filtered to the count's status.
  const href = await page.$$eval('li', (lis) => lis.filter((li) => li.querySelector(':scope > a').textContent === 'Ban Tổ chức Trung ương')
    .map((li) => li.querySelector(':scope > .urgent a').getAttribute('href'))[0]);
  assert.equal(href, '../co-quan/ban-to-chuc-trung-uong.html?status=overdue');
  assert.equal(now['Sở Nội vụ'], '');
  const then = await counts('?today=2014-12-15');
  assert.equal(then['Ban Tổ chức Trung ương'], '1 sắp đến hạn');
  const before = await counts('?today=2014-01-01');
  assert.equal(before['Ban Tổ chức Trung ương'], '');
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
});

// ================================================================ big site
// The counts of the home page, of the tasks page and of a body's numbered pages, which do not
// hold every task they count, are counted on the reader's day from their counts over time
// (data-timeline). In a browser whose date is D they must say what the same site built with
// --today D says, documents not yet issued, done dates and withdrawals included.
test("status: on a big site the counts of pages that do not hold every task follow the reader's date", { skip: skip('status') || (bigSite && bigAsOfSite ? false : 'no --big-site and --big-asof-site') }, async () => {
  const day = JSON.parse(fs.readFileSync(path.join(bigAsOfSite, 'data.json'), 'utf8')).today;
  const built = (file) => {
    const html = fs.readFileSync(path.join(bigAsOfSite, file), 'utf8');
    const ul = /<ul class="counts"[^>]*>(.*?)<\/ul>/s.exec(html);
    assert.ok(ul, `${file} as of ${day} has counts`);
    return Object.fromEntries([...ul[1].matchAll(/data-count-status="([a-z_]+)"><strong>(\d+)<\/strong>/g)].map((m) => [m[1], Number(m[2])]));
  };
  const live = async (file) => {
    const page = await newPage();
    await page.clock.setFixedTime(noonOf(day));
    await page.goto(fileUrl(file, bigSite), { waitUntil: 'load' });
    const counts = await page.$$eval('ul.counts [data-count-status]', (lis) =>
      Object.fromEntries(lis.map((li) => [li.dataset.countStatus, Number(li.querySelector('strong').textContent)])),
    );
    const mode = await page.getAttribute('ul.counts', 'data-live-counts');
    assert.deepEqual(page.jsErrors, [], `${file}: no script errors`);
    await page.context().close();
    return { counts, mode };
  };
  const split = fs.readdirSync(path.join(bigSite, 'co-quan')).filter((f) => /\.trang-2\.html$/.test(f));
  assert.ok(split.length > 0, 'a body has numbered pages');
  const slug = split[0].replace(/\.trang-2\.html$/, '');
  const files = ['index.html', `co-quan/${slug}.html`, `co-quan/${slug}.trang-2.html`];
  if (fs.existsSync(path.join(bigSite, 'nhiem-vu.trang-2.html'))) files.push('nhiem-vu.html');
  for (const file of files) {
    const { counts, mode } = await live(file);
    assert.equal(mode, 'timeline', `${file} counts from its counts over time`);
    const want = built(file.replace(/\.trang-2\.html$/, '.html'));
    assert.deepEqual(counts, want, `${file} in a browser on ${day} says what a build on ${day} says`);
  }
  // And they differ from what the page says on its own build's day (the check is not empty).
  const own = await (async () => {
    const page = await newPage();
    await page.goto(fileUrl('index.html', bigSite), { waitUntil: 'load' });
    const t = await page.getAttribute('body', 'data-today');
    await page.context().close();
    return t;
  })();
  assert.notEqual(own, day);
});

// ================================================================ live status
async function rowsOf(page) {
  return page.$$eval('tr[data-task]', (rows) =>
    rows.map((r) => {
      const badge = r.querySelector('td:last-child > .status');
      return {
        task: r.dataset.task,
        status: r.dataset.status,
        // the status the build wrote; tasks.js keeps it here when it recomputes data-status
        built: r.dataset.buildStatus || r.dataset.status,
        due: r.dataset.due,
        badge: badge ? badge.className : null,
        label: badge ? badge.textContent.trim() : null,
      };
    }),
  );
}

async function buildDay(root) {
  const probe = await newPage();
  await probe.goto(fileUrl('nhiem-vu.html', root), { waitUntil: 'load' });
  const today = await probe.getAttribute('body', 'data-today');
  const rows = await rowsOf(probe);
  await probe.context().close();
  assert.match(today || '', /^\d{4}-\d{2}-\d{2}$/, '<body data-today="YYYY-MM-DD">');
  assert.ok(rows.length > 0, 'task rows carry data-task');
  return { today, rows };
}
const hasClass = (r, c) => Boolean(r && r.badge && r.badge.split(/\s+/).includes(c));

// With the browser's date set to the build's, the script agrees with every status the build wrote.
for (const [label, root] of statusSite === site ? [['', site]] : [[' (site of the build day)', site], [' (status site)', statusSite]]) {
  test(`status: with the build's own date nothing flips${label}`, { skip: skip('status') }, async () => {
    const { today } = await buildDay(root);
    const page = await newPage();
    await page.clock.setFixedTime(noonOf(today));
    await page.goto(fileUrl('nhiem-vu.html', root), { waitUntil: 'load' });
    const rows = await rowsOf(page);
    const flipped = rows.filter((r) => !hasClass(r, `status-${r.status}`));
    assert.deepEqual(flipped, [], `rows whose badge differs from the build's status on ${today}`);
    assert.deepEqual(page.jsErrors, [], 'no script errors');
    await page.context().close();
  });
}

// The open task with the nearest deadline; `when(due)` is the browser's day, `key` the status it must show.
async function flipTo(when, key, sentence) {
  const { today, rows } = await buildDay(statusSite);
  const open = rows.filter((r) => (r.built === 'in_progress' || r.built === 'due_soon') && /^\d{4}-\d{2}-\d{2}$/.test(r.due || ''));
  assert.ok(open.length > 0, `a row with data-status in_progress or due_soon and a data-due on ${today}; rows: ${JSON.stringify(rows)}`);
  const target = open.reduce((a, b) => (a.due <= b.due ? a : b));
  const day = when(target.due);

  const page = await newPage();
  assert.equal(typeof page.clock?.setFixedTime, 'function', 'playwright-core has page.clock');
  await page.clock.setFixedTime(noonOf(day));
  await page.goto(fileUrl('nhiem-vu.html', statusSite), { waitUntil: 'load' });
  const row = (await rowsOf(page)).find((r) => r.task === target.task);
  assert.ok(row, `row ${target.task} is still there`);
  assert.ok(
    hasClass(row, `status-${key}`),
    `row ${target.task} (due ${target.due}, ${target.built} on ${today}) shows "${row.label}" [${row.badge}] on ${day}, not status-${key}`,
  );
  if (sentence) assert.match(await page.textContent('body'), /tính đến hôm nay/i, 'the page says the statuses are as of today ("Tính đến hôm nay")');
  assert.deepEqual(page.jsErrors, [], 'no script errors');
  await page.context().close();
}

test("status: a task turns overdue when the browser's date passes its deadline", { skip: skip('status') }, async () => {
  await flipTo((due) => addDays(due, 2), 'overdue', true);
});

test("status: a task turns due soon when the browser's date comes near its deadline", { skip: skip('status') }, async () => {
  // soon_days is 30 in the shipped site.yaml (the default); 10 days before is due soon.
  await flipTo((due) => addDays(due, -10), 'due_soon', true);
});

// The badges of the tasks below and the task carried out, and the roll-ups, follow the reader's
// date as the rows do.
test("status: trace badges and roll-ups follow the browser's date", { skip: skip('status') || (traceSite ? false : 'no --trace-site') }, async () => {
  // The badge of the task a task carries out, on that task's own row (lists name it by a link
  // only); the roll-up of the tasks below on the upper task's own row.
  const look = async (day) => {
    const page = await newPage();
    await page.clock.setFixedTime(noonOf(day));
    await page.goto(fileUrl('van-ban/15-cv-snv.html', traceSite), { waitUntil: 'load' });
    const badge = await page.getAttribute('[data-live-badge][data-due="2024-06-30"]', 'class');
    assert.deepEqual(page.jsErrors, [], 'no script errors');
    await page.goto(fileUrl('van-ban/01-kh-ubnd.html', traceSite), { waitUntil: 'load' });
    const rollup = await page.textContent('[data-rollup]');
    assert.deepEqual(page.jsErrors, [], 'no script errors');
    await page.context().close();
    return { badge, rollup };
  };
  const before = await look('2024-02-10');
  assert.match(before.badge, /status-in_progress/, 'on the build day the task below is in progress');
  assert.equal(before.rollup.trim(), '0/1 nhiệm vụ bên dưới đã hoàn thành', `no overdue task below on the build day: ${before.rollup}`);
  const after = await look('2025-03-01');
  assert.match(after.badge, /status-overdue/, 'after its deadline the task below shows overdue');
  // The home page's counts are counted again from the open tasks' due dates.
  const overdueOnHome = async (day) => {
    const page = await newPage();
    await page.clock.setFixedTime(noonOf(day));
    await page.goto(fileUrl('index.html', traceSite), { waitUntil: 'load' });
    const n = Number(await page.textContent('ul.counts [data-count-status="overdue"] strong'));
    await page.context().close();
    return n;
  };
  assert.equal(await overdueOnHome('2024-02-10'), 0, 'nothing overdue on the build day');
  assert.ok((await overdueOnHome('2025-03-01')) >= 2, 'the home page counts the tasks overdue on the reader\'s date');
  assert.equal(after.rollup.trim(), '0/1 nhiệm vụ bên dưới đã hoàn thành, 1 quá hạn', `the roll-up counts the overdue task below, once: ${after.rollup}`);
});

// ================================================================ the lifecycle, day by day
const LIFECYCLE_DAY = '2025-01-15';
// The chips' words: the statuses' words of the task tables (src/i18n/words.rs status_label, vi).
const SHORT = { overdue: 'Quá hạn', due_soon: 'Sắp đến hạn', in_progress: 'Đang thực hiện', done_on_time: 'Hoàn thành đúng hạn', withdrawn: 'Đã rút' };

// What a page of the lifecycle site shows on `day`: with the browser's clock on `day`, or with
// the clock on the build day and ?today=`day` (`query`).
async function lifecycleOn(relPath, day, query) {
  const page = await newPage();
  await page.clock.setFixedTime(noonOf(query ? LIFECYCLE_DAY : day));
  const url = fileUrl(relPath, lifecycleSite) + (query ? `?today=${day}` : '');
  await page.goto(url, { waitUntil: 'load' });
  const seen = await page.evaluate(() => {
    const statusOf = (el) => {
      const b = el.querySelector('td:last-child > .status');
      const m = b && /\bstatus-([a-z_]+)/.exec(b.className);
      return m ? m[1] : null;
    };
    const rows = {};
    document.querySelectorAll('tr[data-task]').forEach((r) => {
      if (!r.hidden) rows[r.dataset.task] = statusOf(r);
    });
    const counts = {};
    document.querySelectorAll('ul[data-live-counts] [data-count-status]').forEach((li) => {
      const n = Number(li.querySelector('strong').textContent);
      if (n) counts[li.dataset.countStatus] = n;
    });
    const shown = (sel) => [...document.querySelectorAll(sel)].filter((e) => !e.hidden && !e.closest('[hidden]'));
    const boxes = () => [...document.querySelectorAll('svg g[data-tally]')].filter((g) => g.closest('a').getAttribute('display') !== 'none');
    return {
      rows,
      counts,
      documents: shown('table.documents tr[data-issued]').map((r) => r.dataset.issued),
      notes: shown('ol.progress li[data-date]').map((li) => li.dataset.date),
      notice: shown('[data-not-issued]').map((e) => e.textContent),
      asof: [...document.querySelectorAll('[data-live-asof]')].map((e) => e.textContent),
      tree: shown('ul.tree li[data-issued]').map((li) => li.dataset.issued),
      // The diagram's boxes drawn (a box of a document not yet issued is not): their tooltips.
      tips: boxes().map((g) => g.querySelector('rect.box > title').textContent),
      // Each document's counts in the chain diagram's chips and in the chain's lists, as
      // {status: n}; and whether a chip's text is outside its box.
      chips: boxes().map((g) =>
        Object.fromEntries([...g.querySelectorAll('g.chip')].map((c) => [/\bstatus-([a-z_]+)/.exec(c.getAttribute('class'))[1], parseInt(c.textContent, 10)]))),
      lists: [...document.querySelectorAll('span.tally[data-tally]')].map((el) =>
        Object.fromEntries([...el.querySelectorAll('.status')].map((c) => [/\bstatus-([a-z_]+)/.exec(c.className)[1], parseInt(c.textContent, 10)]))),
      overflow: boxes().some((g) => {
        const box = g.querySelector('rect.box').getBBox();
        return [...g.querySelectorAll('g.chip')].some((c) => {
          const b = c.getBBox();
          return b.x + b.width > box.x + box.width || b.y + b.height > box.y + box.height;
        });
      }),
    };
  });
  // The accessible names of the same boxes' links.
  const links = page.locator('svg.chain a[data-issued]:not([display="none"]):has(g[data-tally])');
  seen.names = [];
  for (let i = 0; i < await links.count(); i++) {
    seen.names.push(/^- link "(.*)"/.exec(await links.nth(i).ariaSnapshot())[1]);
  }
  assert.deepEqual(page.jsErrors, [], `${relPath} on ${day}: no script errors`);
  await page.context().close();
  return seen;
}

// The statistics page's rows ({name: [cells]}) as shown with the browser's clock on `clock`:
// the build day's page with ?today=`day`, or the page built on `day` (from --lifecycle-days).
async function statsRows(url, day, clock) {
  const page = await newPage();
  await page.clock.setFixedTime(noonOf(clock));
  await page.goto(url, { waitUntil: 'load' });
  const rows = await page.$$eval('table.stats tr[data-timeline]', (trs) => Object.fromEntries(trs.map((tr) => [
    tr.querySelector('th').textContent.trim(),
    [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
  ])));
  assert.deepEqual(page.jsErrors, [], `thong-ke.html on ${day}: no script errors`);
  await page.context().close();
  return rows;
}

test('status: the statistics page counts every body again for ?today=, as a build on that day does', { skip: skip('status') || (lifecycleSite && lifecycleDays ? false : 'no --lifecycle-site and --lifecycle-days') }, async () => {
  let differs = false;
  const built = await statsRows(fileUrl('thong-ke.html', lifecycleSite), LIFECYCLE_DAY, LIFECYCLE_DAY);
  for (const day of fs.readdirSync(lifecycleDays).filter((d) => /^\d{4}-\d\d-\d\d$/.test(d)).sort()) {
    const want = await statsRows(fileUrl('thong-ke.html', path.join(lifecycleDays, day)), day, day);
    const seen = await statsRows(`${fileUrl('thong-ke.html', lifecycleSite)}?today=${day}`, day, LIFECYCLE_DAY);
    assert.deepEqual(seen, want, `the statistics page for ?today=${day} is the page built on ${day}`);
    differs ||= JSON.stringify(want) !== JSON.stringify(built);
  }
  assert.ok(differs, 'some day counts differently from the build day (the check is not empty)');
});

// Each day, the status of every task and the counts on the tasks page, as src/status.rs judges
// them (data.json of a build on that day says the same).
const LIFECYCLE_DAYS = [
  // Before the task done on 2024-11-30 was done: in progress (due 31/12/2024, 60 days on).
  ['2024-11-01', { 1: 'in_progress', 2: 'overdue', 3: 'in_progress', 4: 'in_progress' }],
  // After the original deadline, before the extension's document (10/1/2025).
  ['2025-01-05', { 1: 'overdue', 2: 'overdue', 3: 'done_on_time', 4: 'in_progress' }],
  [LIFECYCLE_DAY, { 1: 'in_progress', 2: 'overdue', 3: 'done_on_time', 4: 'in_progress' }],
  // After the withdrawal (1/2/2025), and after the later document's date (1/3/2025).
  ['2025-02-05', { 1: 'in_progress', 2: 'withdrawn', 3: 'done_on_time', 4: 'in_progress' }],
  ['2025-03-05', { 1: 'in_progress', 2: 'withdrawn', 3: 'done_on_time', 4: 'in_progress' }],
];
for (const query of [false, true]) {
  const how = query ? '?today=' : "the browser's clock";
  test(`status: the lifecycle site's statuses and counts follow ${how} across an extension, a withdrawal and a document's date`, { skip: skip('status') || (lifecycleSite ? false : 'no --lifecycle-site') }, async () => {
    for (const [day, want] of LIFECYCLE_DAYS) {
      const seen = await lifecycleOn('nhiem-vu.html', day, query);
      const rows = Object.fromEntries(Object.entries(want).map(([k, v]) => [`5-KH/UBND#${k}`, v]));
      assert.deepEqual(seen.rows, rows, `tasks page on ${day} (${how})`);
      const counts = {};
      for (const v of Object.values(want)) counts[v] = (counts[v] || 0) + 1;
      assert.deepEqual(seen.counts, counts, `counts on ${day} (${how})`);
      const doc = await lifecycleOn('van-ban/5-kh-ubnd.html', day, query);
      assert.deepEqual(doc.rows, rows, `the document's own page on ${day} (${how})`);
      // The chain page: 5-KH/UBND's box and line count its tasks as the rows say; 40-KH/UBND's
      // task is counted from its date on (due 30/6/2025: in progress on 5/3/2025).
      const chain = await lifecycleOn('so-do.html', day, query);
      // Before its date, 40-KH/UBND's box is not drawn; its line is hidden (with no count).
      const issuedLater = day >= '2025-03-01';
      const later = issuedLater ? [{ in_progress: 1 }] : [];
      assert.deepEqual(chain.chips, [counts, ...later], `the diagram's chips on ${day} (${how})`);
      assert.deepEqual(chain.lists, [counts, ...(issuedLater ? later : [{}])], `the chain's lists on ${day} (${how})`);
      // The home page counts every task of the site, from its counts over time.
      const home = await lifecycleOn('index.html', day, query);
      const all = { ...counts };
      if (issuedLater) all.in_progress = (all.in_progress || 0) + 1;
      assert.deepEqual(home.counts, all, `the home page's counts on ${day} (${how})`);
      const issued = ['2024-01-10', '2025-01-10', '2025-02-01', '2025-03-01'].filter((d) => d <= day);
      assert.deepEqual(chain.tree.sort(), issued, `the chain's lists list the documents issued by ${day}`);
      assert.equal(chain.overflow, false, `every chip inside its box on ${day}`);
      // The box's tooltip is its document's title; its link's accessible name, that title and
      // what the box shows, ends with the same counts as its chips.
      assert.equal(chain.names.length, chain.tips.length);
      for (const [i, tip] of chain.tips.entries()) {
        const chips = Object.entries(chain.chips[i]).map(([k, n]) => `${n} ${SHORT[k]}`).join(' ');
        assert.ok(tip && !/\d (Quá hạn|Đang thực hiện)/.test(tip), `tooltip on ${day}: ${tip}`);
        const name = chain.names[i];
        assert.ok(name.startsWith(`${tip} `) && name.endsWith(chips), `accessible name on ${day}: ${name} (chips: ${chips})`);
      }
      // One line says which day the statuses (the chips' included) are as of: that day.
      // As documents write a date: a day below 10 and the months 1 and 2 with a leading zero.
      const [y, m, d] = day.split('-');
      const written = `ngày ${d} tháng ${Number(m) < 3 ? m : Number(m)} năm ${y}`;
      assert.equal(chain.asof.length, 1, `one date line: ${chain.asof}`);
      assert.ok(chain.asof[0].includes(written), `the date line names ${day} (${written}): ${chain.asof[0]}`);
    }
  });

  test(`status: on the lifecycle site, documents dated after the day (${how}) leave the index, their page says so, and later progress notes are hidden`, { skip: skip('status') || (lifecycleSite ? false : 'no --lifecycle-site') }, async () => {
    const index = async (day) => (await lifecycleOn('van-ban/index.html', day, query)).documents;
    assert.deepEqual(await index(LIFECYCLE_DAY), ['2024-01-10', '2025-01-10'], 'on the build day');
    assert.deepEqual(await index('2025-01-05'), ['2024-01-10'], 'before the extension was granted');
    assert.deepEqual(await index('2025-03-05'), ['2024-01-10', '2025-01-10', '2025-02-01', '2025-03-01'], 'after every date');
    const future = async (day) => (await lifecycleOn('van-ban/40-kh-ubnd.html', day, query)).notice;
    assert.deepEqual(await future(LIFECYCLE_DAY), ['Kế hoạch số 40-KH/UBND chưa ban hành tính đến ngày 15 tháng 01 năm 2025.']);
    assert.deepEqual(await future('2025-02-20'), ['Kế hoạch số 40-KH/UBND chưa ban hành tính đến ngày 20 tháng 02 năm 2025.']);
    assert.deepEqual(await future('2025-03-05'), [], 'issued by then');
    const notes = async (day) => (await lifecycleOn('van-ban/5-kh-ubnd.html', day, query)).notes;
    // The note of 1/3/2025 is after the build day: not in the page.
    assert.deepEqual(await notes(LIFECYCLE_DAY), ['2025-01-12', '2024-06-01'], 'newest first');
    assert.deepEqual(await notes('2025-01-11'), ['2024-06-01']);
    assert.deepEqual(await notes('2024-05-01'), []);
  });
}
