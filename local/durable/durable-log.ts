/** How the engine reports what it does; the host decides where it goes. */
export type DurableLogLevel = 'debug' | 'information' | 'warning' | 'error';

export type DurableLog = (level: DurableLogLevel, message: string) => void;
