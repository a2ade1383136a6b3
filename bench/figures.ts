/** One line of BENCHMARKS.md. */
export interface Figure {
  name: string;
  value: string;
  target: string;
  met: boolean;
}

export const ms = (value: number) => `${value < 10 ? value.toFixed(1) : value.toFixed(0)} ms`;
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** The process's peak resident memory so far, in bytes. */
export const peakRss = () => process.resourceUsage().maxRSS * 1024;
