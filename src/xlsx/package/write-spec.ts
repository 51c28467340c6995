// A SheetSpec written into the package: new sheets as new parts, copies of sheets as Excel's own
// copy makes them, and each touched sheet streamed through the sheet editor. Only the parts the
// spec changes are rewritten; all others stay the input's bytes.
import { createHash } from 'node:crypto';
import { Chart, Region, SheetSpec, a1, isFormula } from '../../../shared/sheet-spec';
import { PackageEdit } from './package-edit';
import { DAYS_1904 } from './read-cells';
import { relationshipsPart } from './read-package';
import { SheetChanges, SheetEditor, emptySheet, noSheetChanges } from './sheet-edit';
import { StyleOverlay } from './styles-edit';
import { WorkbookParts, addRel, freeRelId, parseRels, relativeTarget } from './workbook-edit';
import { A, XDR, chartAnchor, chartName, chartXml, drawingXml } from './pareto-chart';

const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
import { Splice, appendChild, attr, children, decodeEntities, escapeXml, nextTag, prefixFor, rootElement, setAttr, splice } from './xml-edit';

/** A workbook name's reference: 'Sales 2026'!$B$2:$D$9. */
export const absoluteReference = (sheet: string, region: Region) =>
  `'${sheet.replace(/'/g, "''")}'!${a1(region).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2')}`;

/** References to one sheet in a formula moved to another: 'Template'!$B$2 → 'Plan 2'!$B$2. */
export function movedToSheet(formula: string, from: string, to: string): string {
  const quoted = `'${from.replace(/'/g, "''")}'!`;
  const bare = /^[A-Za-z_][A-Za-z0-9_.]*$/.test(from) ? new RegExp(`(^|[^A-Za-z0-9_.'!])${from.replace(/\./g, '\\.')}!`, 'g') : null;
  const target = `'${to.replace(/'/g, "''")}'!`;
  let out = formula.split(quoted).join(target);
  if (bare) out = out.replace(bare, (_, before: string) => `${before}${target}`);
  return out;
}

/** A chart's copy whose series and titles read the copied sheet: every <c:f> formula moved. */
export function movedChart(xml: string, move: (formula: string) => string): string {
  return xml.replace(/(<([\w.-]+:)?f>)([^<]*)(<\/\2?f>)/g, (_, open: string, __: string, formula: string, close: string) => `${open}${escapeXml(move(decodeEntities(formula)))}${close}`);
}

/**
 * A sheet copy's shape ids: a VML drawing (the shapes of notes and form controls) claims blocks of
 * 1,024 ids (<o:idmap data="1"/> is 1,025–2,047) and Excel repairs a workbook in which two drawings
 * claim the same. Each block of the original maps to the next free one, the same way in the
 * copy's VML, its drawing (a form control's `spid`) and its sheet (a control's `shapeId`).
 */
export class ShapeIds {
  private readonly blocks = new Map<number, number>();
  private next: number;

  constructor(taken: Set<number>) {
    this.next = Math.max(0, ...taken) + 1;
  }

  private blockFor(old: number): number {
    let block = this.blocks.get(old);
    if (block === undefined) this.blocks.set(old, (block = this.next++));
    return block;
  }

  /** A shape id (1025) as the copy numbers it. */
  readonly id = (old: number): number => (old >= 1024 ? this.blockFor(Math.floor(old / 1024)) * 1024 + (old % 1024) : old);

  /** A VML drawing's or a drawing's text with its blocks and shape names (_x0000_s1025) renumbered. */
  renumbered(xml: string): string {
    const idmap = /(<(?:[\w.-]+:)?idmap\b[^>]*\sdata\s*=\s*["'])([^"']*)(["'])/g;
    for (const m of xml.matchAll(idmap)) for (const n of m[2].split(',')) if (Number(n)) this.blockFor(Number(n));
    return xml
      .replace(idmap, (_, before: string, data: string, after: string) => `${before}${data.split(',').map((n) => (Number(n) ? this.blockFor(Number(n)) : n)).join(',')}${after}`)
      .replace(/_x0000_s(\d+)/g, (_, n: string) => `_x0000_s${this.id(Number(n))}`);
  }
}

/** A GUID made from a text (a version-5-like id from its SHA-1): new to the workbook, the same
 * for the same text. */
function guidOf(text: string): string {
  const h = createHash('sha1').update(text).digest('hex').toUpperCase();
  return `{${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16).toUpperCase()}${h.slice(17, 20)}-${h.slice(20, 32)}}`;
}

const GUID = /\{[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}/;

/**
 * A sheet copy's threaded comments: each comment, reply and mention gets a new id (Excel repairs a
 * workbook in which two comments share one), replies point at their copied parent, and the notes
 * part's `tc={id}` authors (a threaded comment's note for older programs) at the copied comment.
 * Persons stay: they are the workbook's.
 */
export class CommentIds {
  private readonly ids = new Map<string, string>();

  /** `copy` (the new sheet's name) makes the ids: the same input and command give the same file. */
  constructor(private readonly copy: string) {}

  private fresh(old: string): string {
    const key = old.toUpperCase();
    let id = this.ids.get(key);
    if (id === undefined) this.ids.set(key, (id = guidOf(`${this.copy}\n${key}`)));
    return id;
  }

  /** A threadedComments part with its comments' own ids (not their persons') renewed. */
  threaded(xml: string): string {
    return xml.replace(new RegExp(`(\\s(?:id|parentId|mentionId)\\s*=\\s*["'])(${GUID.source})`, 'g'), (_, before: string, id: string) => `${before}${this.fresh(id)}`);
  }

  /** A notes part with its threaded comments' authors, and its notes' own ids (xr:uid, the same
   * as their threaded comment's), pointing at the copies. */
  notes(xml: string): string {
    return xml
      .replace(new RegExp(`(<(?:[\\w.-]+:)?author>\\s*tc=)(${GUID.source})`, 'g'), (_, before: string, id: string) => `${before}${this.fresh(id)}`)
      .replace(new RegExp(`(<(?:[\\w.-]+:)?comment\\b[^>]*?\\s[\\w.-]+:uid\\s*=\\s*["'])(${GUID.source})`, 'g'), (_, before: string, id: string) => `${before}${this.fresh(id)}`);
  }
}

/**
 * A sheet copy's slicers and timelines: their names are unique in a workbook (Microsoft's
 * Slicer.Name; a timeline is a slicer of dates), so each copied one gets the next free name as
 * Excel gives one, a space and a number ("Account 1", "Account 2"; a copy of "Account 1" counts on
 * from "Account"). The copy's drawing shows each by that name (<sle:slicer name>, <tsle:timeslicer
 * name>) and names its frame alike (<xdr:cNvPr name>), so the copied slicers part and drawing both
 * use the new name. The caches stay shared: the copy filters what the original filters, as a
 * slicer copied and pasted in Excel does.
 */
export class SlicerNames {
  /** Names given to this copy's slicers, by the original's name (lower-cased). */
  private readonly given = new Map<string, string>();

  /** `taken`: every slicer name in the workbook, lower-cased; shared by the copies of one write. */
  constructor(private readonly taken: Set<string>) {}

  private nameFor(old: string): string {
    const key = old.toLowerCase();
    let name = this.given.get(key);
    if (name === undefined) {
      // A small trailing count is a copy's ("Account 1"); a year in "Sales 2024" is the name's own.
      const base = old.replace(/ \d{1,3}$/, '');
      let n = 1;
      while (this.taken.has(`${base} ${n}`.toLowerCase())) n++;
      name = `${base} ${n}`;
      this.taken.add(name.toLowerCase());
      this.given.set(key, name);
    }
    return name;
  }

  /** A slicers or timelines part's text, or a drawing's, with each one's name (and its frame's) renamed. */
  renamed(xml: string): string {
    const slicers = namedSlicers(xml);
    const old = new Set(slicers.map((s) => s.name.toLowerCase()));
    const frames = namedTags(xml, (local) => local === 'cNvPr').filter((f) => old.has(f.name.toLowerCase()));
    return splice(
      xml,
      [...slicers, ...frames].sort((a, b) => a.start - b.start).map((s) => ({ start: s.start, end: s.end, text: setAttr(s.tag, 'name', this.nameFor(s.name)) })),
    );
  }
}

/** Elements that name a slicer or a timeline: in their parts, and in a drawing that shows them. */
const SLICER_ELEMENTS = new Set(['slicer', 'timeline', 'timeslicer']);

/** The start tag and name of each element of `kind` (by local name) that has a name. */
function namedTags(xml: string, kind: (local: string) => boolean): { start: number; end: number; tag: string; name: string }[] {
  const found = [];
  for (let tag = nextTag(xml, 0); tag; tag = nextTag(xml, tag.end)) {
    if (tag.kind === 'close' || !kind(tag.local)) continue;
    const text = xml.slice(tag.start, tag.end);
    const name = attr(text, 'name');
    if (name !== undefined) found.push({ start: tag.start, end: tag.end, tag: text, name });
  }
  return found;
}

const namedSlicers = (xml: string) => namedTags(xml, (local) => SLICER_ELEMENTS.has(local));

/** A part of slicers or of timelines (not their caches, which are the workbook's). */
const isSlicersPart = (type: string | undefined): boolean => /\.(slicer|timeline)\+xml$/.test(type ?? '');

/** The graphics of a slicer and of a timeline in a drawing (Office 2010's and 2013's extensions). */
const SLICER_GRAPHICS = ['http://schemas.microsoft.com/office/drawing/2010/slicer', 'http://schemas.microsoft.com/office/drawing/2012/timeslicer'];

/** A drawing's copy: its form controls' VML shapes (<a14:compatExt spid="_x0000_s1025"/>) and its
 * slicers as the copy numbers and names them. */
function copiedDrawing(xml: string, ids: CopyIds): string {
  const shapes = xml.includes('_x0000_s') ? ids.shapes.renumbered(xml) : xml;
  return showsSlicers(shapes) ? ids.slicers.renamed(shapes) : shapes;
}

const showsSlicers = (xml: string): boolean => SLICER_GRAPHICS.some((uri) => xml.includes(uri));

/** Excel's column width unit is a character of the default font (about 7 px). */
const charactersOf = (px: number) => Math.round(px / 7);
/** Row heights are in points in the file; the spec says pixels (96 per inch, 72 points). */
const pointsOf = (px: number) => px * 0.75;

/** Relationship kinds a sheet's copy shares with the original instead of copying: pictures are
 * the same bytes, and workbook-wide parts (a pivot cache) belong to no one sheet. A pivot table
 * is the sheet's own and is copied, its copy reading the same cache (its cacheId stays): as
 * Excel's own copy of a sheet, or of a pivot table, shares the cache. */
const SHARED = new Set(['image', 'pivotCacheDefinition', 'slicerCache', 'timelineCache', 'person', 'hyperlink']);

/** A restyling remembered per format: a region's cells ask it for the same few formats again and
 * again (every row of a column of 100,000). */
function restyleOnce(restyle: (xf: number) => number): (xf: number) => number {
  const known = new Map<number, number>();
  return (xf) => {
    let id = known.get(xf);
    if (id === undefined) known.set(xf, (id = restyle(xf)));
    return id;
  };
}

/** What a sheet's copy renews in the parts it copies. */
interface CopyIds {
  /** Points a formula at the copy instead of the original (the copy's charts). */
  move: (formula: string) => string;
  shapes: ShapeIds;
  comments: CommentIds;
  slicers: SlicerNames;
}

export class PackageWriter {
  readonly book: WorkbookParts;
  /** Each copied sheet's shape ids as its copied drawings number them. */
  private readonly shapeIds = new Map<string, (id: number) => number>();
  /** Parts of a spec this host cannot render. */
  readonly skipped: string[] = [];

  constructor(readonly edit: PackageEdit) {
    this.book = new WorkbookParts(edit);
  }

  /** The folder new sheets go into: where the existing ones are. */
  private sheetFolder(): string {
    const any = this.book.sheets().find((s) => /worksheets\//i.test(s.part)) ?? this.book.sheets().find((s) => s.part);
    if (any) return any.part.slice(0, any.part.lastIndexOf('/') + 1);
    const wb = this.edit.pkg.workbookPart;
    return `${wb.slice(0, wb.lastIndexOf('/') + 1)}worksheets/`;
  }

  private sheetPart(name: string): string {
    const sheet = this.book.sheet(name);
    if (!sheet || !sheet.part) throw new Error(`no sheet ${name}`);
    return sheet.part;
  }

  write(spec: SheetSpec): void {
    for (const name of spec.addSheets) {
      if (this.book.sheet(name)) continue;
      const part = this.book.freePart(this.sheetFolder(), 'sheet', 'xml');
      this.edit.put(part, emptySheet(this.book.namespace));
      this.book.addSheet(name, part);
    }
    const copies = new Set<string>();
    for (const { from, to } of spec.copySheets) {
      this.copySheet(from, to);
      copies.add(to);
    }

    const perSheet = new Map<string, SheetChanges>();
    // The commands count dates in the 1900 system; a 1904 workbook stores them 1,462 days less.
    const date1904 = this.edit.pkg.date1904;
    const stored = date1904 ? (value: number, xf: number) => (this.book.styles.showsDate(xf) ? value - DAYS_1904 : value) : undefined;
    const on = (sheet: string) => {
      const key = this.book.sheet(sheet)?.name ?? sheet;
      let changes = perSheet.get(key);
      if (!changes) perSheet.set(key, (changes = { ...noSheetChanges(), unselect: copies.has(key), stored }));
      return changes;
    };
    const styles = this.book.styles;
    for (const { sheet, region } of spec.clear) on(sheet).clears.push(region);
    for (const block of spec.blocks) {
      on(block.sheet).blocks.push(block);
      if (block.values.some((row) => row.some(isFormula))) this.book.recalculateOnOpen();
    }
    for (const st of spec.styles) {
      const { sheet, region, ...overlay } = st;
      on(sheet).styles.push({ region, restyle: restyleOnce((xf) => styles.restyle(xf, overlay)) });
    }
    for (const cf of spec.conditionalColours) {
      on(cf.sheet).conditional.push({
        region: cf.region,
        rules: cf.rules.map((r) => ({ type: 'cellIs', dxfId: styles.dxf(r.fill, r.fontColor), formula: `"${r.equals.replace(/"/g, '""')}"` })),
      });
    }
    for (const cf of spec.conditionalFormulas) {
      on(cf.sheet).conditional.push({ region: cf.region, rules: [{ type: 'expression', dxfId: styles.dxf(cf.fill, cf.fontColor), formula: cf.formula.replace(/^=/, '') }] });
    }
    for (const v of spec.validations) {
      const base = { region: v.region, message: v.message };
      on(v.sheet).validations.push(
        v.list
          ? { ...base, type: 'list', formula1: `"${v.list.join(',').replace(/"/g, '""')}"` }
          : v.whole
            ? { ...base, type: 'whole', operator: 'between', formula1: String(v.whole.min), formula2: String(v.whole.max) }
            : v.decimal
              ? { ...base, type: 'decimal', operator: 'between', formula1: String(v.decimal.min), formula2: String(v.decimal.max) }
              : // Any date from 1 January 1900 on (serial 1).
                { ...base, type: 'date', operator: 'greaterThan', formula1: '1' },
      );
    }
    for (const m of spec.merges) on(m.sheet).merges.push(m.region);
    for (const w of spec.columnWidths) on(w.sheet).columnWidths.push({ col: w.col, width: charactersOf(w.width) });
    for (const h of spec.rowHeights) on(h.sheet).rowHeights.push({ row: h.row, rows: h.rows, points: pointsOf(h.height) });
    for (const f of spec.freezeRows) on(f.sheet).freezeRows = f.rows;
    for (const name of spec.fitToPageWidth) on(name).fitToPage = true;
    for (const name of spec.landscape) on(name).landscape = true;
    // Protection without a password: inputs unlocked, the rest guarded against slips.
    for (const p of spec.protections) {
      const changes = on(p.sheet);
      changes.protect = true;
      const unlocked: StyleOverlay = { unlocked: true };
      for (const region of p.unlocked) changes.styles.push({ region, restyle: restyleOnce((xf) => styles.restyle(xf, unlocked)) });
    }
    for (const sheet of copies) on(sheet).shapeIds = this.shapeIds.get(sheet);
    for (const chart of spec.charts) {
      const drawing = this.addChart(chart);
      if (drawing === null) this.skipped.push('chart');
      else if (drawing) on(chart.sheet).drawing = drawing;
    }

    for (const [sheet, changes] of perSheet) {
      const part = this.sheetPart(sheet);
      this.edit.rewrite(part, (out) => new SheetEditor(changes, out, this.edit.pkg.label, part));
    }
    this.book.setNames(
      spec.names.map((n) => ({ name: n.name, formula: absoluteReference(this.book.sheet(n.sheet)?.name ?? n.sheet, n.region) })),
      spec.removeNames,
    );
    this.book.flush();
    this.edit.pkg.reread();
  }

  /**
   * The Pareto chart as a chart part: in a new drawing for a sheet without one (answering the
   * relationship id the sheet must refer to it by), in place of the chart an earlier analysis drew,
   * or added to the drawing the sheet already has (someone's picture or shape stays where it is);
   * those two answer ''. null when the sheet's drawing cannot be read as one.
   */
  private addChart(chart: Chart): string | null {
    const part = this.sheetPart(chart.sheet);
    const relsPart = relationshipsPart(part);
    const relsXml = this.edit.exists(relsPart) ? this.edit.text(relsPart) : null;
    const rels = relsXml ? parseRels(relsXml, part) : [];
    const existing = rels.find((r) => /\/drawing$/.test(r.type) && !r.external);
    const wb = this.edit.pkg.workbookPart;
    const folder = wb.slice(0, wb.lastIndexOf('/') + 1);
    const newChart = () => {
      const chartPart = this.book.freePart(`${folder}charts/`, 'chart', 'xml');
      this.edit.put(chartPart, chartXml(chart));
      this.book.declare(chartPart, CHART_TYPE);
      return chartPart;
    };
    if (existing) {
      if (!this.edit.exists(existing.part)) return null;
      const drawing = existing.part;
      const xml = this.edit.text(drawing);
      const drawingRelsPart = relationshipsPart(drawing);
      const drawingRelsXml = this.edit.exists(drawingRelsPart) ? this.edit.text(drawingRelsPart) : null;
      const drawingRels = drawingRelsXml ? parseRels(drawingRelsXml, drawing) : [];
      const at = xml.indexOf(`name="${chartName(chart)}"`);
      const id = at < 0 ? null : /r:id="([^"]+)"/.exec(xml.slice(at))?.[1];
      const own = drawingRels.find((r) => r.id === id && !r.external);
      if (own) {
        this.edit.put(own.part, chartXml(chart));
        return '';
      }
      // Someone's drawing: our chart goes in beside what is there, under the prefixes it uses.
      let root: ReturnType<typeof rootElement>;
      try {
        root = rootElement(xml);
      } catch {
        return null;
      }
      if (root.local !== 'wsDr') return null;
      const rootTag = xml.slice(root.start, root.open);
      const x = prefixFor(rootTag, XDR) ?? (root.qname.includes(':') ? null : '');
      if (x === null) return null;
      const relId = freeRelId(drawingRels);
      const frameId = Math.max(0, ...[...xml.matchAll(/<(?:[\w.-]+:)?cNvPr\b[^>]*?\sid\s*=\s*["'](\d+)["']/g)].map((m) => Number(m[1]))) + 1;
      const anchor = chartAnchor(chart, relId, frameId, x, prefixFor(rootTag, A) ?? '');
      this.edit.put(drawing, splice(xml, [appendChild(xml, root, anchor)]));
      const chartPart = newChart();
      this.book.putRelationships(drawingRelsPart, addRel(drawingRelsXml, { id: relId, type: `${RELS}/chart`, target: relativeTarget(drawing, chartPart) }));
      return '';
    }
    const chartPart = newChart();
    const drawingPart = this.book.freePart(`${folder}drawings/`, 'drawing', 'xml');
    this.edit.put(drawingPart, drawingXml(chartAnchor(chart, 'rId1', 2)));
    this.book.declare(drawingPart, DRAWING_TYPE);
    this.book.putRelationships(relationshipsPart(drawingPart), addRel(null, { id: 'rId1', type: `${RELS}/chart`, target: relativeTarget(drawingPart, chartPart) }));
    const id = freeRelId(rels);
    this.book.putRelationships(relsPart, addRel(relsXml, { id, type: `${RELS}/drawing`, target: relativeTarget(part, drawingPart) }));
    return id;
  }

  /** A copy of a sheet as Excel's "Move or Copy… › Create a copy" makes it: the sheet's part and
   * the parts it owns (notes, drawings, tables, printer settings) copied, pictures shared, the
   * sheet's own names copied and pointing into the copy. */
  private copySheet(from: string, to: string): void {
    const sheets = this.book.sheets();
    const index = sheets.findIndex((s) => s.name.toLowerCase() === from.toLowerCase());
    if (index < 0) throw new Error(`no sheet ${from}`);
    const source = sheets[index];
    const part = this.book.freePart(this.sheetFolder(), 'sheet', 'xml');
    this.edit.copyPart(source.part, part);
    const ids: CopyIds = {
      move: (formula) => movedToSheet(formula, source.name, to),
      shapes: new ShapeIds(this.shapeBlocks()),
      comments: new CommentIds(to),
      slicers: new SlicerNames((this.slicerNames ??= this.slicersInWorkbook())),
    };
    this.copyRelationships(source.part, part, new Map(), ids);
    // The sheet's own controls name their shapes by id: as the copied drawings number them.
    this.shapeIds.set(to, ids.shapes.id);
    this.book.addSheet(to, part);
    const names = this.book.localNames(index);
    const newIndex = this.book.sheets().length - 1;
    this.book.setNames(names.map((n) => ({ name: n.name, formula: movedToSheet(n.formula, source.name, to), localSheetId: newIndex })), []);
  }

  /** The copied part's relationships: each owned part copied (once), shared ones pointed at. */
  private copyRelationships(sourcePart: string, copyPart: string, copied: Map<string, string>, ids: CopyIds): void {
    const relsPart = relationshipsPart(sourcePart);
    if (!this.edit.exists(relsPart)) return;
    const xml = this.edit.text(relsPart);
    const root = rootElement(xml);
    const edits: Splice[] = [];
    for (const el of children(xml, root.open, root.inner)) {
      if (el.local !== 'Relationship') continue;
      const tag = xml.slice(el.start, el.open);
      const [rel] = parseRels(`<r>${xml.slice(el.start, el.end)}</r>`, sourcePart);
      const kind = rel.type.slice(rel.type.lastIndexOf('/') + 1);
      if (rel.external) continue;
      let target: string;
      if (SHARED.has(kind) || !this.edit.exists(rel.part)) target = this.edit.stored(rel.part);
      else {
        target = copied.get(rel.part.toLowerCase()) ?? '';
        if (!target) {
          target = this.copyOwnedPart(rel.part, kind, ids);
          copied.set(rel.part.toLowerCase(), target);
          this.copyRelationships(rel.part, target, copied, ids);
        }
      }
      edits.push({ start: el.start, end: el.open, text: setAttr(tag, 'Target', relativeTarget(copyPart, target)) });
    }
    this.book.putRelationships(relationshipsPart(copyPart), splice(xml, edits));
  }

  /** A part a sheet owns, copied under a free name beside it: tables renamed (names are unique in
   * a workbook), charts pointed at the copy's cells, shapes numbered anew and threaded comments
   * given new ids (both unique in a workbook too). */
  private copyOwnedPart(part: string, kind: string, ids: CopyIds): string {
    const stored = this.edit.stored(part);
    const folder = stored.slice(0, stored.lastIndexOf('/') + 1);
    const file = stored.slice(folder.length);
    const m = /^(.*?)(\d*)\.([^.]+)$/.exec(file);
    const target = this.book.freePart(folder, m ? m[1] : file, m ? m[3] : 'xml');
    const type = this.book.typeOf(stored);
    // Read (inflated) once, for however many of the checks below look at it.
    let xml: string | undefined;
    const text = () => (xml ??= this.edit.text(stored));
    if (type && /table\+xml$/.test(type)) this.edit.put(target, this.renamedTable(text()));
    else if (type && /drawingml\.chart\+xml$/.test(type)) this.edit.put(target, movedChart(text(), ids.move));
    else if (/vmlDrawing/i.test(type ?? '') || /\.vml$/i.test(stored)) this.edit.put(target, ids.shapes.renumbered(text()));
    else if (isSlicersPart(type)) this.edit.put(target, ids.slicers.renamed(text()));
    else if (kind === 'drawing' && (text().includes('_x0000_s') || showsSlicers(text()))) this.edit.put(target, copiedDrawing(text(), ids));
    else if (kind === 'threadedComment' || /threadedcomments\+xml$/i.test(type ?? '')) this.edit.put(target, ids.comments.threaded(text()));
    else if (kind === 'comments' && /tc=\{|:uid\s*=/.test(text())) this.edit.put(target, ids.comments.notes(text()));
    else this.edit.copyPart(stored, target);
    if (type && this.book.typeOf(target) !== type) this.book.declare(target, type);
    return target;
  }

  /** Every slicer and timeline name in the workbook, lower-cased (read once, at the first sheet copied). */
  private slicerNames: Set<string> | undefined;

  private slicersInWorkbook(): Set<string> {
    const names = new Set<string>();
    for (const part of this.edit.list()) {
      if (!isSlicersPart(this.book.typeOf(part))) continue;
      for (const slicer of namedSlicers(this.edit.text(part))) names.add(slicer.name.toLowerCase());
    }
    return names;
  }

  /** The blocks of shape ids (1,024 each) the package's VML drawings claim already. */
  private shapeBlocks(): Set<number> {
    const taken = new Set<number>();
    for (const name of this.edit.list()) {
      if (!/\.vml$/i.test(name) && !/vmlDrawing/i.test(this.book.typeOf(name) ?? '')) continue;
      for (const m of this.edit.text(name).matchAll(/<(?:[\w.-]+:)?idmap\b[^>]*\sdata\s*=\s*["']([^"']*)["']/g)) for (const n of m[1].split(',')) if (Number(n)) taken.add(Number(n));
    }
    return taken;
  }

  /** A table's copy with a new id and name (both unique in a workbook). */
  private renamedTable(xml: string): string {
    const root = rootElement(xml);
    const tag = xml.slice(root.start, root.open);
    const taken = new Set<string>();
    let maxId = 0;
    for (const name of this.edit.list()) {
      if (!/table\+xml$/.test(this.book.typeOf(name) ?? '')) continue;
      const t = this.edit.text(name);
      const r = rootElement(t);
      const rt = t.slice(r.start, r.open);
      maxId = Math.max(maxId, Number(attr(rt, 'id')) || 0);
      taken.add((attr(rt, 'name') ?? '').toLowerCase());
      taken.add((attr(rt, 'displayName') ?? '').toLowerCase());
    }
    const base = attr(tag, 'displayName') ?? attr(tag, 'name') ?? 'Table';
    let n = 2;
    while (taken.has(`${base}_${n}`.toLowerCase())) n++;
    const renamed = setAttr(setAttr(setAttr(tag, 'id', maxId + 1), 'name', `${base}_${n}`), 'displayName', `${base}_${n}`);
    return splice(xml, [{ start: root.start, end: root.open, text: renamed }]);
  }
}
