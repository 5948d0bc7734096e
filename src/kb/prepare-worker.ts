import { parentPort, workerData } from 'node:worker_threads';
import { SourceAnalyzer } from './analyze-source.ts';
import { prepareReport, type ReportToPrepare } from './build.ts';
import type { Entity } from './types.ts';
import type { WorkerAnalyses } from './parallel-build.ts';

/**
 * A build's second thread (see parallel-build.ts): prepares its share of the reports and posts them back, then,
 * once the collection's entities arrive, analyses the same reports and posts what the index and claims need.
 */

const { reports } = workerData as { reports: ReportToPrepare[] };
const outcomes = reports.map((item) =>
  prepareReport({ ...item, bytes: Buffer.from(item.bytes.buffer, item.bytes.byteOffset, item.bytes.byteLength) }),
);
const prepared = outcomes.flatMap((outcome) => (outcome.prepared ? [outcome.prepared.report] : []));
// A passage's text is cut from its report's again on arrival: sending it would copy every report twice. The
// message is copied when posted, so the text is back in place for the analysis.
const texts = prepared.map((report) => report.passages.map((passage) => passage.text));
for (const report of prepared) for (const passage of report.passages) passage.text = '';
parentPort!.postMessage(outcomes);
prepared.forEach((report, index) => report.passages.forEach((passage, at) => (passage.text = texts[index]![at]!)));

parentPort!.once('message', ({ entities }: { entities: Entity[] }) => {
  const analyzer = new SourceAnalyzer(entities);
  const analyses = prepared.map((report) => analyzer.analyze(report));
  const reply: WorkerAnalyses = {
    analyses: analyses.map((analysis) => ({
      entityIds: analysis.passages.map((passage) => passage.entityIds),
      indexable: analysis.indexable,
      claims: analysis.claims,
    })),
    wordFrequency: analyzer.wordFrequency,
  };
  parentPort!.postMessage(reply);
});
