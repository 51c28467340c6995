// The workbook's styles part with the command's styles appended: new fonts, fills, number formats,
// cell formats and differential formats go after the existing ones, whose numbers (which every
// cell's s="…" refers to) never change.
import { Styling } from '../../../shared/sheet-spec';
import { showsDate } from './read-cells';
import { Element, attr, child, children, escapeXml, prefixOf, rootElement, setAttr, splice, Splice } from './xml-edit';

/** What a command can lay over a cell's format (a Styling without its place), plus "unlocked"
 * for the input cells of a protected sheet. */
export type StyleOverlay = Omit<Styling, 'sheet' | 'region'> & { unlocked?: boolean };

export const SPREADSHEET_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

/** A styles part for a package that has none (the parts every reader expects). */
export const minimalStyles = (ns = SPREADSHEET_NS) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${ns}">` +
  '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** Number formats every spreadsheet knows by number; others get a number from 164 on. */
const BUILT_IN_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10, '0.00E+00': 11, '@': 49 };

/** The order of a styles part's sections (CT_Stylesheet). */
const SECTIONS = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];

/** The order Excel writes a font's settings in. */
const FONT_ORDER = ['b', 'i', 'strike', 'condense', 'extend', 'outline', 'shadow', 'u', 'vertAlign', 'sz', 'color', 'name', 'family', 'charset', 'scheme'];

/** An element's text with its start tag's attributes in a fixed order, to compare formats. */
function canonical(xml: string): string {
  const end = xml.indexOf('>');
  const attributes = xml.slice(0, end).match(/[\w:.-]+\s*=\s*("[^"]*"|'[^']*')/g) ?? [];
  return `${[...attributes].sort().join(' ')}|${xml.slice(end).replace(/^\/>$/, '>')}`;
}

const rgb = (hex: string) => `FF${hex.replace('#', '').toUpperCase()}`;

interface Section {
  name: string;
  /** Existing children as text. */
  items: string[];
  added: string[];
}

export class StyleBook {
  private readonly xml: string;
  private readonly p: string;
  private readonly sections = new Map<string, Section>();
  private readonly formatIds = new Map<string, number>();
  private nextFormatId = 164;
  private readonly memo = new Map<string, number>();
  private readonly fontMemo = new Map<string, number>();
  private readonly fillMemo = new Map<string, number>();

  /** Whether each cell format (existing ones first) shows a date. */
  private readonly dates: boolean[];

  constructor(xml: string | null, existingDates: boolean[] = []) {
    this.xml = xml ?? minimalStyles();
    this.dates = [...existingDates];
    const root = rootElement(this.xml);
    this.p = prefixOf(root.qname);
    for (const name of ['numFmts', 'fonts', 'fills', 'borders', 'cellXfs', 'dxfs']) {
      const el = child(this.xml, root, name);
      const items = el ? children(this.xml, el.open, el.inner).map((c) => this.xml.slice(c.start, c.end)) : [];
      this.sections.set(name, { name, items, added: [] });
    }
    for (const f of this.sections.get('numFmts')!.items) {
      const id = Number(attr(f, 'numFmtId'));
      const code = attr(f, 'formatCode');
      if (code !== undefined && !this.formatIds.has(code)) this.formatIds.set(code, id);
      if (id >= this.nextFormatId) this.nextFormatId = id + 1;
    }
    // A part with no cell formats at all still has format 0 for every cell.
    const xfs = this.sections.get('cellXfs')!;
    if (!xfs.items.length) xfs.added.push(`<${this.p}xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`);
    const fonts = this.sections.get('fonts')!;
    if (!fonts.items.length) fonts.added.push(`<${this.p}font><${this.p}sz val="11"/><${this.p}name val="Calibri"/></${this.p}font>`);
    const fills = this.sections.get('fills')!;
    if (!fills.items.length) fills.added.push(`<${this.p}fill><${this.p}patternFill patternType="none"/></${this.p}fill>`, `<${this.p}fill><${this.p}patternFill patternType="gray125"/></${this.p}fill>`);
    const borders = this.sections.get('borders')!;
    if (!borders.items.length) borders.added.push(`<${this.p}border/>`);
  }

  /** How many formats were added so far: the part needs writing when this grew. */
  get additions(): number {
    return [...this.sections.values()].reduce((n, s) => n + s.added.length, 0);
  }

  private all(name: string): string[] {
    const s = this.sections.get(name)!;
    return [...s.items, ...s.added];
  }

  private add(name: string, xml: string): number {
    const s = this.sections.get(name)!;
    s.added.push(xml);
    return s.items.length + s.added.length - 1;
  }

  /** The number of a cell format: format `xf` with the overlay's settings. */
  restyle(xf: number, overlay: StyleOverlay): number {
    const memoKey = `${xf}|${JSON.stringify(overlay)}`;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    const xfs = this.all('cellXfs');
    const base = xfs[xf] ?? xfs[0];
    const startEnd = base.indexOf('>') + 1;
    let tag = base.slice(0, startEnd);
    if (tag.endsWith('/>')) tag = `${tag.slice(0, -2).replace(/\s+$/, '')}>`;
    const inner = base.endsWith('/>') ? '' : base.slice(startEnd, base.lastIndexOf('</'));
    const parts = new Map<string, string>();
    for (const c of children(inner, 0, inner.length)) parts.set(c.local, inner.slice(c.start, c.end));
    if (overlay.numberFormat) tag = setAttr(setAttr(tag, 'numFmtId', this.formatId(overlay.numberFormat)), 'applyNumberFormat', 1);
    if (overlay.bold !== undefined || overlay.italic !== undefined || overlay.fontSize || overlay.fontColor) {
      tag = setAttr(setAttr(tag, 'fontId', this.font(Number(attr(tag, 'fontId') ?? 0), overlay)), 'applyFont', 1);
    }
    if (overlay.fill) tag = setAttr(setAttr(tag, 'fillId', this.fill(overlay.fill)), 'applyFill', 1);
    if (overlay.gridLines) tag = setAttr(setAttr(tag, 'borderId', this.border(overlay.gridLines)), 'applyBorder', 1);
    if (overlay.wrap || overlay.verticalAlign) {
      let align = parts.get('alignment') ?? `<${this.p}alignment/>`;
      if (overlay.wrap) align = setAttr(align, 'wrapText', 1);
      if (overlay.verticalAlign) align = setAttr(align, 'vertical', overlay.verticalAlign === 'middle' ? 'center' : 'top');
      parts.set('alignment', align);
      tag = setAttr(tag, 'applyAlignment', 1);
    }
    if (overlay.unlocked) {
      parts.set('protection', setAttr(parts.get('protection') ?? `<${this.p}protection/>`, 'locked', 0));
      tag = setAttr(tag, 'applyProtection', 1);
    }
    const body = ['alignment', 'protection', 'extLst'].map((k) => parts.get(k) ?? '').join('');
    const xml = body ? `${tag}${body}</${this.p}xf>` : `${tag.slice(0, -1)}/>`;
    // An equal format already there (attributes in any order) is used again.
    const wanted = canonical(xml);
    const existing = xfs.findIndex((x) => canonical(x) === wanted);
    const id = existing >= 0 ? existing : this.add('cellXfs', xml);
    this.dates[id] = overlay.numberFormat ? showsDate(overlay.numberFormat) : this.showsDate(xf);
    this.memo.set(memoKey, id);
    return id;
  }

  /** Whether cells of this format show a date. */
  showsDate(xf: number): boolean {
    return this.dates[xf] ?? false;
  }

  private formatId(code: string): number {
    if (code in BUILT_IN_FORMATS) return BUILT_IN_FORMATS[code];
    const known = this.formatIds.get(code);
    if (known !== undefined) return known;
    const id = this.nextFormatId++;
    this.formatIds.set(code, id);
    this.add('numFmts', `<${this.p}numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
    return id;
  }

  private font(baseId: number, o: StyleOverlay): number {
    const memoKey = `${baseId}|${o.bold}|${o.italic}|${o.fontSize}|${o.fontColor}`;
    const known = this.fontMemo.get(memoKey);
    if (known !== undefined) return known;
    const fonts = this.all('fonts');
    const base = fonts[baseId] ?? fonts[0];
    const inner = base.endsWith('/>') ? '' : base.slice(base.indexOf('>') + 1, base.lastIndexOf('</'));
    const settings = new Map<string, string>();
    for (const c of children(inner, 0, inner.length)) settings.set(c.local, inner.slice(c.start, c.end));
    const p = this.p;
    if (o.bold !== undefined) o.bold ? settings.set('b', `<${p}b/>`) : settings.delete('b');
    if (o.italic !== undefined) o.italic ? settings.set('i', `<${p}i/>`) : settings.delete('i');
    if (o.fontSize) settings.set('sz', `<${p}sz val="${o.fontSize}"/>`);
    if (o.fontColor) settings.set('color', `<${p}color rgb="${rgb(o.fontColor)}"/>`);
    const ordered = [...FONT_ORDER.filter((k) => settings.has(k)).map((k) => settings.get(k)!), ...[...settings].filter(([k]) => !FONT_ORDER.includes(k)).map(([, v]) => v)];
    const xml = `<${p}font>${ordered.join('')}</${p}font>`;
    const same = this.all('fonts').indexOf(xml);
    const id = same >= 0 ? same : this.add('fonts', xml);
    this.fontMemo.set(memoKey, id);
    return id;
  }

  private fill(hex: string): number {
    const known = this.fillMemo.get(hex);
    if (known !== undefined) return known;
    const p = this.p;
    const xml = `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${rgb(hex)}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`;
    const same = this.all('fills').indexOf(xml);
    const id = same >= 0 ? same : this.add('fills', xml);
    this.fillMemo.set(hex, id);
    return id;
  }

  /** A thin line of one colour on all four sides of a cell (a Styling's gridLines). */
  private border(hex: string): number {
    const p = this.p;
    const side = (name: string) => `<${p}${name} style="thin"><${p}color rgb="${rgb(hex)}"/></${p}${name}>`;
    const xml = `<${p}border>${['left', 'right', 'top', 'bottom'].map(side).join('')}<${p}diagonal/></${p}border>`;
    const existing = this.all('borders').indexOf(xml);
    return existing >= 0 ? existing : this.add('borders', xml);
  }

  /** A differential format for conditional formatting: a fill and a font colour. */
  dxf(fill: string, fontColor: string): number {
    const p = this.p;
    const xml = `<${p}dxf><${p}font><${p}color rgb="${rgb(fontColor)}"/></${p}font><${p}fill><${p}patternFill patternType="solid"><${p}bgColor rgb="${rgb(fill)}"/></${p}patternFill></${p}fill></${p}dxf>`;
    const existing = this.all('dxfs').indexOf(xml);
    return existing >= 0 ? existing : this.add('dxfs', xml);
  }

  /** The styles part with everything added (the existing text untouched around it). */
  toXml(): string {
    const root = rootElement(this.xml);
    const present = children(this.xml, root.open, root.inner);
    const edits: Splice[] = [];
    for (const s of this.sections.values()) {
      if (!s.added.length) continue;
      const el = present.find((c) => c.local === s.name);
      const count = s.items.length + s.added.length;
      if (el) {
        const tagEnd = this.xml.indexOf('>', el.start) + 1;
        const opened: Element = { ...el, open: el.open };
        const startTag = this.xml.slice(el.start, el.open === el.end ? el.end : tagEnd);
        if (el.open === el.end) {
          edits.push({ start: el.start, end: el.end, text: `${setAttr(startTag, 'count', count).slice(0, -2).replace(/\s+$/, '')}>${s.added.join('')}</${el.qname}>` });
        } else {
          edits.push({ start: el.start, end: opened.open, text: setAttr(startTag, 'count', count) });
          edits.push({ start: el.inner, end: el.inner, text: s.added.join('') });
        }
      } else {
        // A new section goes before the first present section that comes after it.
        const order = SECTIONS.indexOf(s.name);
        const after = present.find((c) => SECTIONS.indexOf(c.local) > order);
        const at = after ? after.start : root.inner;
        edits.push({ start: at, end: at, text: `<${this.p}${s.name} count="${count}">${s.added.join('')}</${this.p}${s.name}>` });
      }
    }
    return splice(this.xml, edits);
  }
}
