interface ImportMetaEnv {
  /** True under `astro dev` only; see `src/integrations/drafts.ts`. */
  readonly SHOW_DRAFTS: boolean;
}
