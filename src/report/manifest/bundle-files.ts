import { renderHtmlReport, type HtmlReportExtras } from '../html/render-html.ts';
import { renderJunit } from '../junit.ts';
import { renderMarkdownReport } from '../markdown/render-markdown.ts';
import { renderOscalAssessmentResults } from '../oscal/assessment-results.ts';
import type { VerifyResults } from '../results.ts';
import { RESULTS_FILE } from './verify-bundle.ts';

/**
 * The report files of an evidence bundle, as data: results.json and the
 * renderings of it (HTML, Markdown, JUnit XML, OSCAL assessment results). The CLI writes these, the trace files
 * (`traces/<id>.json`, named by each test's `trace`) and the diagrams, and
 * then, last, manifest.json (`collectManifest` + `renderManifest`). Pure.
 */
export interface BundleFile {
  readonly path: string;
  readonly content: string;
}

export const REPORT_FILES = { results: RESULTS_FILE, html: 'report.html', markdown: 'report.md', junit: 'junit.xml', oscal: 'oscal-assessment-results.json' } as const;

export function renderBundleFiles(results: VerifyResults, extras: HtmlReportExtras): BundleFile[] {
  return [
    { path: REPORT_FILES.results, content: `${JSON.stringify(results, null, 2)}\n` },
    { path: REPORT_FILES.html, content: renderHtmlReport(results, extras) },
    { path: REPORT_FILES.markdown, content: renderMarkdownReport(results) },
    { path: REPORT_FILES.junit, content: renderJunit(results) },
    { path: REPORT_FILES.oscal, content: `${JSON.stringify(renderOscalAssessmentResults(results), null, 1)}\n` },
  ];
}
