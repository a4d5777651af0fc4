/**
 * Powertools logger, metrics and tracer, created once per Lambda process (at module load) and shared
 * by every HTTP handler of the process. Tracing is active only inside Lambda with X-Ray enabled, so
 * tests never touch X-Ray.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

const serviceName = process.env.POWERTOOLS_SERVICE_NAME ?? 'ltc-claims-api';

export const logger = new Logger({ serviceName });
export const metrics = new Metrics({ namespace: process.env.POWERTOOLS_METRICS_NAMESPACE ?? 'ltc-claims', serviceName });
export const tracer = new Tracer({ serviceName });

export { MetricUnit } from '@aws-lambda-powertools/metrics';
export type { Logger, Metrics, Tracer };
