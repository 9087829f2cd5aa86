export declare const SPEC_SECONDS: Record<string, number>;
export declare const DEFAULT_SECONDS: number;
export declare function listSpecFiles(dir: string): string[];
export declare function planShards(files: string[], count: number, seconds?: Record<string, number>): { files: string[]; seconds: number }[];
export declare function specFilesPattern(names: string[]): RegExp;
export declare const SOLO_SPECS: string[];
export declare function splitSolo(files: string[], solo?: string[]): { shared: string[]; solo: string[] };
