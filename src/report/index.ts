export {
  bandSharesByMeasure,
  CHART_COLUMNS,
  forestRowsByMeasure,
  gradientsByMeasure,
  imdReachPoints,
  type MeasureGradient,
} from './chartData.js';
export { type BandShare, bandChart, bandTable } from './charts/bandChart.js';
export {
  type ForestOptions,
  type ForestRow,
  forestPlot,
  forestTable,
} from './charts/forestPlot.js';
export {
  type GradientOptions,
  type GradientPoint,
  type GradientSeries,
  gradientChart,
  gradientTable,
} from './charts/gradientChart.js';
export { type ImdReachPoint, reachByImdChart, reachByImdTable } from './charts/reachByImd.js';
export type { ChartOptions } from './charts/svg.js';
export { escapeHtml } from './escapeHtml.js';
export {
  type CsvTable,
  escapeMarkdown,
  escapeMarkdownBlock,
  formatCell,
  formatNumber,
  type JsonCell,
  tableToCsv,
  tableToCsvRows,
  tableToJsonRows,
  tableToMarkdown,
} from './format.js';
export { renderHtmlReport } from './html.js';
export { renderMarkdownReport } from './markdown.js';
export type {
  DataQualityFile,
  DataQualityIssue,
  DataQualitySummary,
  HeadlineFinding,
  MeasureInfo,
  ReportModel,
} from './model.js';
