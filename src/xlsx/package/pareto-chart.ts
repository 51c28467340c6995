// The add-in's charts as native chart parts, over the chart data the analysis writes: the Pareto
// chart (revenue per account as columns, the cumulative share as a line on a second axis from 0 to
// 100%) and the Lorenz curve (an XY chart of straight lines: the curve and the line of equality,
// both axes 0–100%). Each drawing frame is named after its kind so that a later analysis finds and
// replaces its own charts, never the user's, and the two never replace each other.
import { Chart, LorenzChart, ParetoChart, Region, sheetRef } from '../../../shared/sheet-spec';
import { escapeXml } from './xml-edit';

export const CHART_NAME = 'AccountPlanner Pareto';
export const LORENZ_CHART_NAME = 'AccountPlanner Lorenz';
/** The name of a chart's drawing frame. */
export const chartName = (chart: Chart): string => (chart.kind === 'lorenz' ? LORENZ_CHART_NAME : CHART_NAME);

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
export const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
export const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const EMU_PER_PX = 9525;

const absolute = (sheet: string, region: Region) => sheetRef(sheet, region).replace(/([A-Z]+)(\d+)/g, '$$$1$$$2');

const text = (value: string) => `<c:tx><c:v>${escapeXml(value)}</c:v></c:tx>`;

const axes = (catId: number, valId: number, position: 'l' | 'r', extra: string, deleteCategory: boolean) =>
  `<c:catAx><c:axId val="${catId}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="${deleteCategory ? 1 : 0}"/><c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="1"/><c:tickLblPos val="nextTo"/><c:crossAx val="${valId}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
  `<c:valAx><c:axId val="${valId}"/><c:scaling><c:orientation val="minMax"/>${extra}</c:scaling><c:delete val="0"/><c:axPos val="${position}"/>${position === 'l' ? '<c:majorGridlines/>' : ''}<c:numFmt formatCode="${position === 'r' ? '0%' : '#,##0'}" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="${catId}"/><c:crosses val="${position === 'r' ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;

/** A title of an axis; `rotated` turns it to read upwards beside a vertical axis. */
const title = (value: string, rotated = false, size = '') =>
  `<c:title><c:tx><c:rich><a:bodyPr${rotated ? ' rot="-5400000" vert="horz"' : ''}/><a:p>${size}<a:r><a:t>${escapeXml(value)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`;

// A chart's own title at 12 pt bold: without a size LibreOffice sets it so large that a two-line
// title takes half of a 320 px chart (rendered and looked at); Excel's default is 14 pt.
const chartTitle = (value: string) => title(value, false, '<a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>');

const chartSpace = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:roundedCorners val="0"/><c:chart>${body}` +
  `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`;

/** The chart part of either kind. */
export const chartXml = (chart: Chart): string => (chart.kind === 'lorenz' ? lorenzXml(chart) : paretoXml(chart));

/** The Pareto chart part. */
function paretoXml(chart: ParetoChart): string {
  const cat = `<c:cat><c:strRef><c:f>${escapeXml(absolute(chart.sheet, chart.categories))}</c:f></c:strRef></c:cat>`;
  return chartSpace(
    `${chartTitle(chart.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/>${text(chart.columnsLabel)}` +
    `<c:spPr><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></c:spPr><c:invertIfNegative val="0"/>${cat}<c:val><c:numRef><c:f>${escapeXml(absolute(chart.sheet, chart.columns))}</c:f></c:numRef></c:val></c:ser>` +
    `<c:gapWidth val="50"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/><c:ser><c:idx val="1"/><c:order val="1"/>${text(chart.lineLabel)}` +
    `<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="ED7D31"/></a:solidFill></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker>${cat}<c:val><c:numRef><c:f>${escapeXml(absolute(chart.sheet, chart.line))}</c:f></c:numRef></c:val><c:smooth val="0"/></c:ser>` +
    `<c:marker val="1"/><c:axId val="1003"/><c:axId val="1004"/></c:lineChart>` +
    axes(1001, 1002, 'l', '', false) +
    axes(1003, 1004, 'r', '<c:max val="1"/><c:min val="0"/>', true) +
    `</c:plotArea>`,
  );
}

/** One line of an XY chart: x and y from the sheet, straight segments, no markers. */
const xyLine = (chart: LorenzChart, index: number, label: string, y: Region, line: string) =>
  `<c:ser><c:idx val="${index}"/><c:order val="${index}"/>${text(label)}<c:spPr>${line}</c:spPr><c:marker><c:symbol val="none"/></c:marker>` +
  `<c:xVal><c:numRef><c:f>${escapeXml(absolute(chart.sheet, chart.accounts))}</c:f></c:numRef></c:xVal><c:yVal><c:numRef><c:f>${escapeXml(absolute(chart.sheet, y))}</c:f></c:numRef></c:yVal><c:smooth val="0"/></c:ser>`;

/** A 0–100% value axis of an XY chart, in steps of 20%. */
const shareAxis = (id: number, crossId: number, position: 'b' | 'l', name: string) =>
  `<c:valAx><c:axId val="${id}"/><c:scaling><c:orientation val="minMax"/><c:max val="1"/><c:min val="0"/></c:scaling><c:delete val="0"/><c:axPos val="${position}"/>${position === 'l' ? '<c:majorGridlines/>' : ''}` +
  `${title(name, position === 'l')}<c:numFmt formatCode="0%" sourceLinked="0"/><c:tickLblPos val="nextTo"/><c:crossAx val="${crossId}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/><c:majorUnit val="0.2"/></c:valAx>`;

/** The Lorenz chart part. */
function lorenzXml(chart: LorenzChart): string {
  return chartSpace(
    `${chartTitle(chart.title)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/><c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>` +
      xyLine(chart, 0, chart.curveLabel, chart.curve, '<a:ln w="28575"><a:solidFill><a:srgbClr val="4472C4"/></a:solidFill></a:ln>') +
      xyLine(chart, 1, chart.equalityLabel, chart.equality, '<a:ln w="15875"><a:solidFill><a:srgbClr val="7F7F7F"/></a:solidFill><a:prstDash val="dash"/></a:ln>') +
      `<c:axId val="2001"/><c:axId val="2002"/></c:scatterChart>` +
      shareAxis(2001, 2002, 'b', chart.accountsTitle) +
      shareAxis(2002, 2001, 'l', chart.revenueTitle) +
      `</c:plotArea>`,
  );
}

/** The chart's frame in a drawing: placed at the anchor cell, sized in pixels. */
export function chartAnchor(chart: Chart, relId: string, id: number, prefix = 'xdr:', aPrefix = 'a:'): string {
  const x = prefix;
  const a = aPrefix;
  return (
    `<${x}oneCellAnchor><${x}from><${x}col>${chart.anchor.col}</${x}col><${x}colOff>0</${x}colOff><${x}row>${chart.anchor.row}</${x}row><${x}rowOff>0</${x}rowOff></${x}from>` +
    `<${x}ext cx="${chart.width * EMU_PER_PX}" cy="${chart.height * EMU_PER_PX}"/><${x}graphicFrame macro=""><${x}nvGraphicFramePr><${x}cNvPr id="${id}" name="${chartName(chart)}"/><${x}cNvGraphicFramePr/></${x}nvGraphicFramePr>` +
    `<${x}xfrm><${a}off x="0" y="0"/><${a}ext cx="0" cy="0"/></${x}xfrm><${a}graphic${a ? '' : ` xmlns="${A}"`}><${a}graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="${relId}"/></${a}graphicData></${a}graphic></${x}graphicFrame><${x}clientData/></${x}oneCellAnchor>`
  );
}

/** A new drawing part holding one chart frame. */
export const drawingXml = (anchor: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${anchor}</xdr:wsDr>`;
