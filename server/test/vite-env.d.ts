// Vitest (through Vite) replaces import.meta.glob at transform time; this is its type.
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { eager: true }): Record<string, T>;
}
